import { withChanges, type TicketRecord } from './ticket-record.js';

const ticket: TicketRecord & { area: string } = {
  ticketId: '00000000-0000-4000-8000-000000000001',
  number: 7,
  area: 'UIT',
  priority: 'MEDIA',
  status: 'en_curso',
  requesterEmail: 'ana@salud.gob.ar',
  requester: { id: '00000000-0000-4000-8000-000000000002', name: 'Ana' },
  jurisdiction: 'SALUD',
  title: 'Sin red',
  registeredAt: new Date('2026-12-01T10:00:00Z'),
  routedAt: new Date('2026-12-01T10:00:01Z'),
  assignee: { accountId: '00000000-0000-4000-8000-000000000003', name: 'Uriel' },
  solution: null,
  articleRef: null,
  waitingSince: new Date('2026-12-02T09:00:00Z'),
  responseMetAt: new Date('2026-12-01T10:05:00Z'),
  resolvedAt: null,
  closedAt: null,
  overdue: true,
  mergedInto: null,
};

describe('withChanges', () => {
  it('is the ticket itself when nothing changes', () => {
    expect(withChanges(ticket, {})).toEqual(ticket);
  });

  it('sets what the changes name, including nulls, and keeps the rest', () => {
    const solution = {
      text: 'Se reemplazó el cable',
      elements: null,
      downtimeMinutes: 15,
      by: { accountId: '00000000-0000-4000-8000-000000000003', name: 'Uriel', role: 'agent' as const },
      at: new Date('2026-12-02T11:00:00Z'),
    };
    const changed = withChanges(ticket, {
      status: 'resuelto',
      assignee: null,
      estimateMinutes: 30,
      solution,
      articleRef: 'kb-1',
      waitingSince: null,
      resolvedAt: new Date('2026-12-02T11:00:00Z'),
      closedAt: null,
    });
    expect(changed).toEqual({
      ...ticket,
      status: 'resuelto',
      assignee: null,
      solution,
      articleRef: 'kb-1',
      waitingSince: null,
      resolvedAt: new Date('2026-12-02T11:00:00Z'),
      closedAt: null,
    });
    expect(changed.area).toBe('UIT');
    expect(ticket.status).toBe('en_curso');
  });

  it('records a merge as the original it went into', () => {
    const into = '00000000-0000-4000-8000-000000000009';
    expect(withChanges(ticket, { status: 'fusionado', merged: { into, at: new Date() } })).toMatchObject({
      status: 'fusionado',
      mergedInto: into,
    });
  });
});
