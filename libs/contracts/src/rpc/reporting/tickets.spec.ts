import { fieldMessage, isDateOrInstant, TicketListFiltersV1, validateContract } from '../../index.js';

const problems = (filters: Record<string, unknown>) => {
  const result = validateContract(TicketListFiltersV1, filters);
  return result.ok ? [] : result.problems.map((p) => [p.field, p.constraint]);
};

describe('ticket list filters', () => {
  it('accepts every queue filter and order', () => {
    expect(
      problems({
        status: ['abierto', 'en_curso'],
        area: 'UIT',
        assignee: 'me',
        overdue: false,
        dueWithinHours: 4,
        waitingOnRequester: true,
        type: 'incidente',
        category: 'correo',
        channel: 'telefono',
        registeredFrom: '2026-03-01',
        registeredTo: '2026-03-31T23:59:59.999-03:00',
        updatedSince: '2026-03-02T12:00:00Z',
        sort: 'due',
        cursor: 'WyJkIiwiaW5maW5pdHkiLDVd',
        limit: 50,
      }),
    ).toEqual([]);
  });

  it('takes one status or several, none unknown, none missing', () => {
    expect(problems({ status: 'abierto' })).toEqual([]);
    expect(problems({ status: ['resuelto'] })).toEqual([]);
    expect(problems({ status: ['abierto', 'pendiente'] })).toEqual([['status', 'isIn']]);
    expect(problems({ status: [] })).toEqual([['status', 'isIn']]);
    expect(problems({ status: [['abierto']] })).toEqual([['status', 'isIn']]);
    expect(fieldMessage({ field: 'status', constraint: 'isIn', params: [['abierto', 'cerrado']] }, 'es')).toBe(
      'El campo «status» debe ser uno de: abierto, cerrado.',
    );
  });

  it('takes me, none or an account id as the assignee', () => {
    expect(problems({ assignee: 'none' })).toEqual([]);
    expect(problems({ assignee: '6F1C2B8E-1F7D-4B8A-9C52-2F4F0C1D9A11' })).toEqual([]);
    for (const assignee of ['yo', 'ME', '', '6f1c2b8e', 5]) {
      expect(problems({ assignee })).toEqual([['assignee', 'assigneeFilter']]);
    }
  });

  it('takes days and instants with their zone, on the calendar', () => {
    expect(isDateOrInstant('2024-02-29')).toBe(true);
    expect(isDateOrInstant('2026-03-01T08:00-03:00')).toBe(true);
    expect(isDateOrInstant('2026-03-01T08:00:00.123456Z')).toBe(true);
    for (const value of [
      '2026-02-29',
      '2026-13-01',
      '2026-03-01T08:00',
      '2026-03-01T25:00Z',
      '01/03/2026',
      'ayer',
      20260301,
    ]) {
      expect(isDateOrInstant(value)).toBe(false);
    }
    expect(problems({ updatedSince: 'ayer' })).toEqual([['updatedSince', 'isDateString']]);
  });

  it('bounds the window of "about to be overdue" and knows its orders', () => {
    expect(problems({ dueWithinHours: 0 })).toEqual([['dueWithinHours', 'min']]);
    expect(problems({ dueWithinHours: 721 })).toEqual([['dueWithinHours', 'max']]);
    expect(problems({ overdue: 'true' })).toEqual([['overdue', 'isBoolean']]);
    expect(problems({ sort: 'title' })).toEqual([['sort', 'isIn']]);
    expect(problems({ cursor: 'x'.repeat(201) })).toEqual([['cursor', 'maxLength']]);
  });
});
