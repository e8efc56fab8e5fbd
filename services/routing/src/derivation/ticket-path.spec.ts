import { randomUUID } from 'node:crypto';
import type { TicketDerivedV1 } from '@cau/contracts';
import { ticketPath } from './ticket-path.js';

const ticket = { ticketId: randomUUID(), number: 7, area: 'L1', routedAt: new Date('2025-03-10T12:00:00Z') };
const by = { accountId: randomUUID(), name: 'Operadora', role: 'operator' };
const step = (from: string, to: string, kind: TicketDerivedV1['kind'], at: string): TicketDerivedV1 => ({
  derivationId: randomUUID(),
  ticketId: ticket.ticketId,
  number: ticket.number,
  from,
  to,
  kind,
  reason: `${from} → ${to}`,
  by,
  at,
});

describe('ticket path', () => {
  it('starts with the initial routing to the area the ticket entered', () => {
    expect(ticketPath(ticket, [])).toEqual({
      ticketId: ticket.ticketId,
      number: 7,
      area: 'L1',
      steps: [
        {
          derivationId: null,
          from: null,
          to: 'L1',
          kind: 'routed',
          reason: 'ticket registrado: todo ticket comienza en la mesa de servicios',
          by: null,
          at: '2025-03-10T12:00:00.000Z',
        },
      ],
    });
  });

  it('lists every derivation after it, in order, with who and why', () => {
    const derivations = [
      step('L1', 'ADT', 'escalate', '2025-03-10T13:00:00.000Z'),
      step('ADT', 'UPAT', 'escalate', '2025-03-10T14:00:00.000Z'),
    ];
    const path = ticketPath({ ...ticket, area: 'UPAT' }, derivations);
    expect(path.area).toBe('UPAT');
    expect(path.steps.map((s) => [s.from, s.to, s.kind])).toEqual([
      [null, 'L1', 'routed'],
      ['L1', 'ADT', 'escalate'],
      ['ADT', 'UPAT', 'escalate'],
    ]);
    expect(path.steps[2]).toEqual({
      derivationId: derivations[1]!.derivationId,
      from: 'ADT',
      to: 'UPAT',
      kind: 'escalate',
      reason: 'ADT → UPAT',
      by,
      at: '2025-03-10T14:00:00.000Z',
    });
  });
});
