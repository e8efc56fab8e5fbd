import type { ActorV1 } from '@cau/contracts';
import { queueFiltersOf } from './queue-filters.js';

const agent: ActorV1 = {
  accountId: '6f1c2b8e-1f7d-4b8a-9c52-2f4f0c1d9a11',
  role: 'agent',
  email: 'agente@cau.gob',
  name: 'Agente UIT',
  area: 'UIT',
};
const now = new Date('2026-03-02T12:00:00Z');
const resolved = (filters: Parameters<typeof queueFiltersOf>[0]) => {
  const result = queueFiltersOf(filters, agent, now, 'filters.');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.filters;
};

describe('queueFiltersOf', () => {
  it('takes one status or several, without repeats', () => {
    expect(resolved({ status: 'abierto' }).statuses).toEqual(['abierto']);
    expect(resolved({ status: ['abierto', 'en_curso', 'abierto'] }).statuses).toEqual(['abierto', 'en_curso']);
    expect(resolved({}).statuses).toBeUndefined();
  });

  it('resolves the assignee: me is the caller, none is nobody, an id is that account', () => {
    expect(resolved({ assignee: 'me' }).assignee).toBe(agent.accountId);
    expect(resolved({ assignee: 'none' }).assignee).toBeNull();
    expect(resolved({ assignee: 'A0A0A0A0-1F7D-4B8A-9C52-2F4F0C1D9A11' }).assignee).toBe(
      'a0a0a0a0-1f7d-4b8a-9c52-2f4f0c1d9a11',
    );
    expect(resolved({}).assignee).toBeUndefined();
  });

  it('turns "due within N hours" into a window from now', () => {
    expect(resolved({ dueWithinHours: 4 }).dueWithin).toEqual({ from: now, to: new Date('2026-03-02T16:00:00Z') });
  });

  it('keeps days as days (the query applies the time zone) and instants as instants', () => {
    const filters = resolved({
      registeredFrom: '2026-03-01',
      registeredTo: '2026-03-02T10:00:00-03:00',
      updatedSince: '2026-03-02T12:00:00Z',
    });
    expect(filters.registeredFrom).toEqual({ day: '2026-03-01' });
    expect(filters.registeredTo).toEqual({ instant: '2026-03-02T10:00:00-03:00' });
    expect(filters.updatedSince).toEqual({ instant: '2026-03-02T12:00:00Z' });
  });

  it('normalises the requester and leaves a blank search out', () => {
    const filters = resolved({ requester: ' Ana@Salud.gob ', text: '   ' });
    expect(filters.requesterEmail).toBe('ana@salud.gob');
    expect(filters.text).toBeUndefined();
  });

  it('refuses a registration range that ends before it starts, naming its end', () => {
    const problems = (filters: Parameters<typeof queueFiltersOf>[0]) => {
      const result = queueFiltersOf(filters, agent, now, 'filters.');
      return result.ok ? [] : result.problems;
    };
    const refusal = [{ field: 'filters.registeredTo', constraint: 'dateRange', params: ['registeredFrom'] }];
    expect(problems({ registeredFrom: '2026-03-02', registeredTo: '2026-03-01' })).toEqual(refusal);
    expect(problems({ registeredFrom: '2026-03-02T10:00:00Z', registeredTo: '2026-03-02T09:00:00Z' })).toEqual(refusal);
    expect(problems({ registeredFrom: '2026-03-02', registeredTo: '2026-03-02' })).toEqual([]);
  });
});
