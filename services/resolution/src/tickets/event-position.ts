import type { EventEnvelope } from '@cau/contracts';

/**
 * The envelope's ticket id is optional (some events concern no ticket); ticket events always name their
 * ticket in the payload, so the ordering guard is keyed by that and can never be skipped.
 */
export function positionOf(
  event: EventEnvelope<{ ticketId: string }>,
): Pick<EventEnvelope, 'ticketId' | 'source' | 'sequence'> {
  return { ticketId: event.data.ticketId, source: event.source, sequence: event.sequence };
}

/**
 * The position of routing's priority (`ticket.routed`, `ticket.reclassified`), apart from the ticket's:
 * a derivation applied before an older routing must not make that routing's priority look stale.
 */
export function priorityPosition(
  event: EventEnvelope<{ ticketId: string }>,
): Pick<EventEnvelope, 'ticketId' | 'source' | 'sequence'> {
  return { ticketId: event.data.ticketId, source: `${event.source}:priority`, sequence: event.sequence };
}
