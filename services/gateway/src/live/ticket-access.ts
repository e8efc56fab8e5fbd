import { ErrorCode, type ActorV1, type TicketViewV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import type { TicketFactsCache } from './live-event-hub.js';
import { followsTicket, isPublicEvent, isStaff, type LiveEvent } from './live-events.js';

/** How long a "not found" or "no answer" from reporting keeps a ticket's events away from a connection. */
const RETRY_AFTER_MS = 10_000;
const MAX_DECISIONS = 10_000;
/** Waits before asking reporting again about a ticket it does not know yet. */
const NOT_FOUND_RETRIES_MS = [200, 800];

/**
 * Which events of the stream one connection may hear. Staff hear every ticket event. Requesters and
 * referentes hear the public steps of the tickets they follow: decided by reporting's rule on the
 * ticket's facts when this gateway knows them (from the registration event, or an earlier read), else by
 * asking reporting for the ticket as the actor (`lookup`) — once per ticket and connection: a refusal is
 * final (the facts never change); "not found" is asked twice more within a second (reporting lags the
 * registration by milliseconds), then, like no answer, counts as "no" for 10 s.
 */
export class TicketAccess {
  private readonly decisions = new Map<number, { allowed: boolean; until: number }>();

  constructor(
    private readonly actor: ActorV1,
    private readonly facts: TicketFactsCache,
    private readonly lookup: (actor: ActorV1, number: number) => Promise<TicketViewV1>,
  ) {}

  async mayHear(event: LiveEvent): Promise<boolean> {
    if (isStaff(this.actor)) return true;
    if (!isPublicEvent(event)) return false;
    const number = event.data.number;
    const known = this.facts.get(number);
    if (known) return followsTicket(this.actor, known);
    const decided = this.decisions.get(number);
    if (decided && decided.until > Date.now()) return decided.allowed;
    const allowed = await this.ask(number);
    if (this.decisions.size >= MAX_DECISIONS) this.decisions.clear();
    return allowed;
  }

  private async ask(number: number): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        const ticket = await this.lookup(this.actor, number);
        this.facts.learn(number, { requesterEmail: ticket.requester.email, jurisdiction: ticket.jurisdiction });
        return true;
      } catch (error) {
        const code = error instanceof ServiceError ? error.payload.code : null;
        // Reporting has not projected the registration yet (it lags by milliseconds): ask again shortly.
        const delay = code === ErrorCode.NotFound ? NOT_FOUND_RETRIES_MS[attempt] : undefined;
        if (delay !== undefined) {
          await new Promise((resolve) => setTimeout(resolve, delay));
          continue;
        }
        const final = code === ErrorCode.Forbidden;
        this.decisions.set(number, {
          allowed: false,
          until: final ? Number.POSITIVE_INFINITY : Date.now() + RETRY_AFTER_MS,
        });
        return false;
      }
    }
  }
}
