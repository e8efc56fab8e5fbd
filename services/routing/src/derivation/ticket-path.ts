import type { ByV1, DerivationKind, TicketDerivedV1 } from '@cau/contracts';

/** One step of a ticket's path: its initial routing, then every derivation (who, when, why). */
export interface PathStep {
  /** NULL for the initial routing, which is not a derivation. */
  derivationId: string | null;
  from: string | null;
  to: string;
  kind: DerivationKind | 'routed';
  reason: string;
  /** NULL for the initial routing: routing does it automatically at registration. */
  by: ByV1 | null;
  at: string;
}

export interface TicketPath {
  ticketId: string;
  number: number;
  /** Where the ticket is now. */
  area: string;
  steps: PathStep[];
}

const INITIAL_REASON = 'ticket registrado: todo ticket comienza en la mesa de servicios';

/**
 * The path in order. Derivations are the only way a ticket changes area, so it entered where its first
 * derivation started (or, without derivations, where it still is).
 */
export function ticketPath(
  ticket: { ticketId: string; number: number; area: string; routedAt: Date },
  derivations: readonly TicketDerivedV1[],
): TicketPath {
  const initial: PathStep = {
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
