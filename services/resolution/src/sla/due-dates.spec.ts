import { defaultCalendar } from '@cau/business-time';
import { dueAt, slaDueDates, type Pause } from './due-dates.js';

// La Pampa (UTC−3 all year), Monday–Friday 08:00–16:00. Monday 2026-03-02 09:00 local is 12:00Z.
const pampa = defaultCalendar('America/Argentina/Buenos_Aires');
const at = (iso: string) => new Date(iso);
const iso = (date: Date | null) => date?.toISOString() ?? null;
const pause = (start: string, end: string | null): Pause => ({ start: at(start), end: end ? at(end) : null });
const monday9 = at('2026-03-02T12:00:00Z');

describe('dueAt: business time, skipping pauses', () => {
  it('is plain business time without pauses', () => {
    // Monday 15:50 + 30 min → Tuesday 08:20
    expect(iso(dueAt(pampa, at('2026-03-02T18:50:00Z'), 30, []))).toBe('2026-03-03T11:20:00.000Z');
  });

  it('moves the due date by the business length of a pause', () => {
    // 09:00 + 4 h = 13:00; waiting 10:00–11:30 → 14:30
    expect(iso(dueAt(pampa, monday9, 240, [pause('2026-03-02T13:00:00Z', '2026-03-02T14:30:00Z')]))).toBe(
      '2026-03-02T17:30:00.000Z',
    );
  });

  it('counts only the business part of a pause over the night', () => {
    // 09:00 + 8 h = Tuesday 09:00; waiting Monday 15:00 → Tuesday 09:00 stops 2 business hours → Tuesday 11:00
    expect(iso(dueAt(pampa, monday9, 480, []))).toBe('2026-03-03T12:00:00.000Z');
    expect(iso(dueAt(pampa, monday9, 480, [pause('2026-03-02T18:00:00Z', '2026-03-03T12:00:00Z')]))).toBe(
      '2026-03-03T14:00:00.000Z',
    );
  });

  it('ignores pauses outside business hours and pauses that begin after the due date', () => {
    const saturday = pause('2026-03-07T12:00:00Z', '2026-03-07T18:00:00Z');
    const afterDue = pause('2026-03-02T17:00:00Z', '2026-03-02T18:00:00Z');
    expect(iso(dueAt(pampa, monday9, 240, [saturday, afterDue]))).toBe('2026-03-02T16:00:00.000Z');
  });

  it('lands on the start of a pause when the budget ends exactly there', () => {
    expect(iso(dueAt(pampa, monday9, 60, [pause('2026-03-02T13:00:00Z', '2026-03-02T15:00:00Z')]))).toBe(
      '2026-03-02T13:00:00.000Z',
    );
  });

  it('has no due date while an open pause stops the clock before the budget is used', () => {
    expect(dueAt(pampa, monday9, 240, [pause('2026-03-02T13:00:00Z', null)])).toBeNull();
  });

  it('keeps a due date that fell before an open pause began', () => {
    expect(iso(dueAt(pampa, monday9, 240, [pause('2026-03-02T17:00:00Z', null)]))).toBe('2026-03-02T16:00:00.000Z');
  });

  it('starts counting after a pause that began before the start', () => {
    // waiting 08:00–10:00, counted from 09:00: the clock starts at 10:00 → 14:00
    expect(iso(dueAt(pampa, monday9, 240, [pause('2026-03-02T11:00:00Z', '2026-03-02T13:00:00Z')]))).toBe(
      '2026-03-02T17:00:00.000Z',
    );
  });

  it('joins overlapping pauses, whatever their order', () => {
    const pauses = [
      pause('2026-03-02T13:30:00Z', '2026-03-02T14:30:00Z'),
      pause('2026-03-02T13:00:00Z', '2026-03-02T14:00:00Z'),
    ];
    expect(iso(dueAt(pampa, monday9, 240, pauses))).toBe('2026-03-02T17:30:00.000Z');
    const withOpen = [pause('2026-03-02T14:00:00Z', '2026-03-02T15:00:00Z'), pause('2026-03-02T13:00:00Z', null)];
    expect(dueAt(pampa, monday9, 240, withOpen)).toBeNull();
  });

  it('adds successive pauses', () => {
    const pauses = [
      pause('2026-03-02T13:00:00Z', '2026-03-02T13:30:00Z'),
      pause('2026-03-02T14:00:00Z', '2026-03-02T15:00:00Z'),
    ];
    expect(iso(dueAt(pampa, monday9, 240, pauses))).toBe('2026-03-02T17:30:00.000Z');
  });
});

describe('slaDueDates', () => {
  it('gives both targets of a policy from the same start and pauses', () => {
    const policy = { priority: 'ALTA' as const, responseMinutes: 30, resolutionMinutes: 240 };
    const dates = slaDueDates(pampa, monday9, policy, [pause('2026-03-02T12:10:00Z', '2026-03-02T12:40:00Z')]);
    expect({ response: iso(dates.responseDueAt), resolution: iso(dates.resolutionDueAt) }).toEqual({
      response: '2026-03-02T13:00:00.000Z',
      resolution: '2026-03-02T16:30:00.000Z',
    });
  });
});
