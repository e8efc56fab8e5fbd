import type { TicketTimelineEntryV1, TicketViewV1 } from '@cau/contracts';
import { f01Ticket } from './service-log.use-case.js';

const entry = (type: string, at: string, details: Record<string, unknown> = {}): TicketTimelineEntryV1 => ({
  at,
  type,
  by: null,
  area: 'L1',
  summary: { es: '', en: '' },
  details,
});

const view = (status: TicketViewV1['status'], timeline: TicketTimelineEntryV1[]): TicketViewV1 =>
  ({
    ticketId: '0b7c6f7e-4f4e-4d7a-9a57-0c8f5b1b2c3d',
    number: 7,
    title: 'La PC no enciende',
    description: 'Nada',
    status,
    jurisdiction: 'SALUD',
    requester: { name: 'Ana', email: 'ana@salud.gob' },
    registeredAt: '2026-12-01T10:00:00.000Z',
    timeline,
  }) as TicketViewV1;

describe('f01Ticket', () => {
  it('takes the latest solution and, on a closed ticket, the latest closing', () => {
    const ticket = f01Ticket(
      view('cerrado', [
        entry('ticket.solution-proposed', '2026-12-01T11:00:00.000Z', { solution: 'Primera' }),
        entry('ticket.closed', '2026-12-01T12:00:00.000Z'),
        entry('ticket.solution-proposed', '2026-12-02T11:00:00.000Z', { solution: 'Segunda' }),
        entry('ticket.closed', '2026-12-02T12:00:00.000Z'),
      ]),
    );
    expect(ticket).toMatchObject({ number: 7, solution: 'Segunda', closedAt: '2026-12-02T12:00:00.000Z' });
    expect(ticket.requester).toEqual({ name: 'Ana', email: 'ana@salud.gob' });
  });

  it('prints no closing on a ticket reopened after it closed, and no solution when none was registered', () => {
    const ticket = f01Ticket(view('en_curso', [entry('ticket.closed', '2026-12-01T12:00:00.000Z')]));
    expect(ticket).toMatchObject({ solution: null, closedAt: null });
  });
});
