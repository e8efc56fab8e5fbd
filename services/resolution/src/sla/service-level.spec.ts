import { defaultCalendar } from '@cau/business-time';
import { SlaPolicyBook } from './sla-policy-book.js';
import {
  serviceLevelChanged,
  serviceLevelOf,
  targetsOf,
  UNKNOWN_SERVICE_LEVEL,
  type ServiceLevelFacts,
  type ServiceLevelState,
} from './service-level.js';

// La Pampa (UTC−3), Monday–Friday 08:00–16:00. Monday 2026-03-02 09:00 local is 12:00Z.
const pampa = defaultCalendar('America/Argentina/Buenos_Aires');
const policies = SlaPolicyBook.build(
  [
    { priority: 'ALTA', responseMinutes: 30, resolutionMinutes: 240 },
    { priority: 'MEDIA', responseMinutes: 120, resolutionMinutes: 960 },
    { priority: 'BAJA', responseMinutes: 480, resolutionMinutes: 2400 },
  ],
  [],
);
const calendarFor = () => pampa;
const iso = (date: Date | null) => date?.toISOString() ?? null;
const monday9 = new Date('2026-03-02T12:00:00Z');

describe('targetsOf: the due dates of the ticket’s current priority', () => {
  const facts = { start: monday9, jurisdiction: 'SALUD', service: null, pauses: [] };

  it('counts the priority’s targets from registration', () => {
    const targets = targetsOf({ ...facts, priority: 'BAJA' }, policies, calendarFor);
    // 8 business hours → Tuesday 09:00; 40 business hours → the next Monday 09:00.
    expect(iso(targets.responseDueAt)).toBe('2026-03-03T12:00:00.000Z');
    expect(iso(targets.resolutionDueAt)).toBe('2026-03-09T12:00:00.000Z');
  });

  it('moves both targets to the new priority’s when a ticket is reclassified, still counted from registration', () => {
    const before = targetsOf({ ...facts, priority: 'BAJA' }, policies, calendarFor);
    const after = targetsOf({ ...facts, priority: 'ALTA' }, policies, calendarFor);
    expect(iso(after.responseDueAt)).toBe('2026-03-02T12:30:00.000Z');
    expect(iso(after.resolutionDueAt)).toBe('2026-03-02T16:00:00.000Z');
    expect(after.resolutionDueAt!.getTime()).toBeLessThan(before.resolutionDueAt!.getTime());
  });

  it('skips the same waits under the new priority', () => {
    const waited = { start: new Date('2026-03-02T13:00:00Z'), end: new Date('2026-03-02T14:00:00Z') };
    const after = targetsOf({ ...facts, priority: 'ALTA', pauses: [waited] }, policies, calendarFor);
    expect(iso(after.resolutionDueAt)).toBe('2026-03-02T17:00:00.000Z');
  });

  it('has no due dates without a start, a priority, or a policy for the priority', () => {
    const none = { responseDueAt: null, resolutionDueAt: null };
    expect(targetsOf({ ...facts, start: null, priority: 'ALTA' }, policies, calendarFor)).toEqual(none);
    expect(targetsOf({ ...facts, priority: null }, policies, calendarFor)).toEqual(none);
    expect(targetsOf({ ...facts, priority: 'MEDIA' }, SlaPolicyBook.build([], []), calendarFor)).toEqual(none);
  });
});

describe('serviceLevelOf', () => {
  const facts: ServiceLevelFacts = {
    priority: 'ALTA',
    status: 'en_curso',
    responseDueAt: new Date('2026-03-02T12:30:00Z'),
    resolutionDueAt: new Date('2026-03-02T16:00:00Z'),
    responseMetAt: new Date('2026-03-02T12:10:00Z'),
    resolvedAt: new Date('2026-03-02T15:00:00Z'),
  };

  it('states the targets and the first response', () => {
    expect(serviceLevelOf({ ...facts, status: 'resuelto' })).toEqual({
      priority: 'ALTA',
      responseDueAt: '2026-03-02T12:30:00.000Z',
      resolutionDueAt: '2026-03-02T16:00:00.000Z',
      respondedAt: '2026-03-02T12:10:00.000Z',
      resolvedAt: '2026-03-02T15:00:00.000Z',
    });
  });

  it('counts the resolution as met only while the ticket is resolved or closed', () => {
    expect(serviceLevelOf({ ...facts, status: 'cerrado' }).resolvedAt).toBe('2026-03-02T15:00:00.000Z');
    // A rejected review or a reopening: the submission time is kept, the target is back in play.
    expect(serviceLevelOf({ ...facts, status: 'en_curso' }).resolvedAt).toBeNull();
  });
});

describe('serviceLevelChanged', () => {
  const state: ServiceLevelState = {
    priority: 'ALTA',
    responseDueAt: '2026-03-02T12:30:00.000Z',
    resolutionDueAt: '2026-03-02T16:00:00.000Z',
    respondedAt: null,
    resolvedAt: null,
  };

  it('announces the first known targets, and nothing while nothing is known', () => {
    expect(serviceLevelChanged(null, state)).toBe(true);
    expect(serviceLevelChanged(null, UNKNOWN_SERVICE_LEVEL)).toBe(false);
    // A priority without due dates (registration not seen yet, or no policy) is not worth an event.
    expect(serviceLevelChanged(null, { ...UNKNOWN_SERVICE_LEVEL, priority: 'MEDIA' })).toBe(false);
  });

  it('announces any change of a due date or a met time, and nothing when all is the same', () => {
    expect(serviceLevelChanged(state, { ...state })).toBe(false);
    expect(serviceLevelChanged(state, { ...state, resolutionDueAt: null })).toBe(true);
    expect(serviceLevelChanged(state, { ...state, respondedAt: '2026-03-02T12:10:00.000Z' })).toBe(true);
    expect(serviceLevelChanged({ ...state, resolvedAt: '2026-03-02T15:00:00.000Z' }, state)).toBe(true);
  });

  it('announces a new priority even when its policy gives the same dates', () => {
    expect(serviceLevelChanged(state, { ...state, priority: 'MEDIA' })).toBe(true);
  });
});
