import { describe, expect, it } from 'vitest';
import type { QueueRow } from './queue-api';
import { ageMinutes, rowClock } from './row-clock';

const now = new Date('2026-12-04T12:00:00Z');
const row = (overrides: Partial<QueueRow>): QueueRow =>
  ({
    status: 'en_curso',
    waitingOnRequester: false,
    respondedAt: '2026-12-04T10:00:00Z',
    responseDueAt: '2026-12-04T10:30:00Z',
    resolutionDueAt: '2026-12-04T15:30:00Z',
    registeredAt: '2026-12-02T12:00:00Z',
    ...overrides,
  }) as QueueRow;

describe('rowClock', () => {
  it('counts down to the first response until someone answered, then to the resolution', () => {
    expect(rowClock(row({ respondedAt: null, responseDueAt: '2026-12-04T12:45:00Z' }), now)).toEqual({
      target: 'response',
      state: 'running',
      minutes: 45,
    });
    expect(rowClock(row({}), now)).toEqual({ target: 'resolution', state: 'running', minutes: 210 });
    expect(rowClock(row({ resolutionDueAt: '2026-12-04T11:00:00Z' }), now)).toEqual({
      target: 'resolution',
      state: 'overdue',
      minutes: 60,
    });
  });

  it('has no clock for a solved, closed or waiting ticket, nor one without targets yet', () => {
    expect(rowClock(row({ status: 'resuelto' }), now)).toEqual({ target: 'none' });
    expect(rowClock(row({ status: 'cerrado' }), now)).toEqual({ target: 'none' });
    expect(rowClock(row({ waitingOnRequester: true }), now)).toEqual({ target: 'none' });
    expect(rowClock(row({ respondedAt: null, responseDueAt: null, resolutionDueAt: null }), now)).toEqual({
      target: 'none',
    });
  });
});

describe('ageMinutes', () => {
  it('is the time since registration', () => {
    expect(ageMinutes(row({}), now)).toBe(2880);
  });
});
