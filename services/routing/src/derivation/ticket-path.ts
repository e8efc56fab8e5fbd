import type { PathStepV1, TicketDerivedV1, TicketPathV1 } from '@cau/contracts';

const INITIAL_REASON = 'ticket registrado: todo ticket comienza en la mesa de servicios';

/**
 * The path in order. Derivations are the only way a ticket changes area, so it entered where its first
 * derivation started (or, without derivations, where it still is).
 */
export function ticketPath(
  ticket: { ticketId: string; number: number; area: string; routedAt: Date },
  derivations: readonly TicketDerivedV1[],
): TicketPathV1 {
  const initial: PathStepV1 = {
    derivationId: null,
    from: null,
    to: derivations[0]?.from ?? ticket.area,
    kind: 'routed',
    reason: INITIAL_REASON,
    by: null,
    at: ticket.routedAt.toISOString(),
  };
  return {
    ticketId: ticket.ticketId,
    number: ticket.number,
    area: ticket.area,
    steps: [
      initial,
      ...derivations.map((d) => ({
        derivationId: d.derivationId,
        from: d.from,
        to: d.to,
        kind: d.kind,
        reason: d.reason,
        by: d.by,
        at: d.at,
      })),
    ],
  };
}
