import { Role, type ActorV1, type TicketPageV1 } from '@cau/contracts';
import { hearsAnnouncement, type LiveAnnouncement } from './live-events.js';

/** How long a failed look-up of the requester's latest ticket keeps announcements for jurisdictions away. */
const RETRY_AFTER_MS = 10_000;

/**
 * Which announcement events one connection may hear ({@link hearsAnnouncement}). A requester's jurisdiction
 * is their latest ticket's, as notifications decides it: asked of reporting (their newest ticket, as
 * themselves) the first time an announcement for some jurisdictions comes by, and then followed from the
 * registrations of their own tickets the connection hears. Announcements are rare, so this is at most one
 * read per requester connection.
 */
export class AnnouncementAccess {
  private requesterJurisdiction: string | null | undefined;
  private retryAt = 0;

  constructor(
    private readonly actor: ActorV1,
    private readonly newestTicket: (actor: ActorV1) => Promise<TicketPageV1>,
  ) {}

  async mayHear(announcement: LiveAnnouncement): Promise<boolean> {
    const targeted = Array.isArray(announcement.jurisdictions);
    const own = targeted && this.actor.role === Role.Requester ? await this.jurisdiction() : null;
    return hearsAnnouncement(this.actor, announcement.jurisdictions, own);
  }

  /** A registration of the requester's own ticket: from now on their latest ticket is of `jurisdiction`. */
  registered(jurisdiction: string): void {
    this.requesterJurisdiction = jurisdiction;
  }

  private async jurisdiction(): Promise<string | null> {
    if (this.requesterJurisdiction !== undefined || Date.now() < this.retryAt)
      return this.requesterJurisdiction ?? null;
    try {
      const page = await this.newestTicket(this.actor);
      // A registration heard while asking is newer than the answer.
      this.requesterJurisdiction ??= page.items[0]?.jurisdiction ?? null;
    } catch {
      // Reporting did not answer: nothing for jurisdictions reaches this connection until it is asked again.
      this.retryAt = Date.now() + RETRY_AFTER_MS;
    }
    return this.requesterJurisdiction ?? null;
  }
}
