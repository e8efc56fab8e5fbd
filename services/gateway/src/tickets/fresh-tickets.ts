import { Injectable } from '@nestjs/common';
import { ErrorCode, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { LiveEventHub, TicketFactsCache } from '../live/live-event-hub.js';
import { followsTicket, type TicketFacts } from '../live/live-events.js';

/** How long a request for a ticket just registered waits for the services that have not applied it yet. */
export const FRESH_TICKET_WAIT_MS = 10_000;
/**
 * Without an event of the ticket, the next try comes after this, each wait half as long again as the one before, up
 * to RECHECK_MAX_MS. An event wakes the wait at once, but a service's events reach the stream through its outbox
 * after it committed, and under load that comes seconds after the change can be read: the services are asked again
 * rather than trusted to announce it in time. The waits grow because each try costs the services it asks (under
 * load a take waited seconds, and a try every 150 ms was nine failed commands per lifecycle in `bench lifecycle`).
 */
const RECHECK_MS = 150;
const RECHECK_MAX_MS = 1_000;

/**
 * Read-your-writes for new tickets. A ticket is registered by intake and reaches routing, resolution and
 * reporting through the event stream, a moment later (seconds on a busy machine): an action or a read right
 * after the registration would find it unknown there and answer 404 for a ticket that exists. When the
 * ticket is one this gateway knows was registered (its hub read the registration, or the registration went
 * through this gateway) and the actor follows it, the request is tried again at each event of the ticket (or
 * after a wait from {@link RECHECK_MS} up to {@link RECHECK_MAX_MS}) until it is known, for up to
 * {@link FRESH_TICKET_WAIT_MS}. Any other 404 (a number that does not exist, a ticket the actor may not see) is
 * answered at once, so the wait tells nobody more than the 404 does.
 */
@Injectable()
export class FreshTickets {
  /**
   * Tickets registered through this gateway, whose registration event its hub may not have read yet. Kept apart
   * from the hub's facts: these are as the request said them, not as intake stored them.
   */
  private readonly registeredHere = new TicketFactsCache();

  /** The hub: who each ticket is for (from its registration event), and each ticket's next event. */
  constructor(private readonly events: LiveEventHub) {}

  /** A registration this gateway answered: its ticket is waited for even before the hub reads its event. */
  registered(number: number, facts: TicketFacts): void {
    this.registeredHere.learn(number, facts);
  }

  async settle<T>(
    actor: ActorV1,
    number: number,
    attempt: () => Promise<T>,
    waitMs = FRESH_TICKET_WAIT_MS,
  ): Promise<T> {
    const deadline = Date.now() + waitMs;
    let recheckMs = RECHECK_MS;
    for (;;) {
      const eventsBefore = this.events.ticketEventCount(number);
      try {
        return await attempt();
      } catch (error) {
        const left = deadline - Date.now();
        if (left <= 0 || !isTicketNotFound(error, number)) throw error;
        const facts = this.events.facts.get(number) ?? this.registeredHere.get(number);
        if (!facts || !followsTicket(actor, facts)) throw error;
        // An event of the ticket read while the attempt was out may be the one it needed: try again at once.
        if (this.events.ticketEventCount(number) === eventsBefore) {
          await this.events.nextTicketEvent(number, Math.min(recheckMs, left));
          recheckMs = Math.min(RECHECK_MAX_MS, Math.round(recheckMs * 1.5));
        }
      }
    }
  }
}

function isTicketNotFound(error: unknown, number: number): boolean {
  if (!(error instanceof ServiceError)) return false;
  const { code, params } = error.payload;
  return code === ErrorCode.NotFound && params?.resource === 'ticket' && Number(params.id) === number;
}
