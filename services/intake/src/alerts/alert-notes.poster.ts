import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Channel, Role, ResolutionRpc, RoutingRpc, forArea, type ActorV1, type CommentCommandV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AlertsRepository } from './alerts.repository.js';

/** The monitoring channel's identity on the notes it posts (fixed, so every instance posts as the same one). */
export const MONITORING_ACCOUNT_ID = '6d6f6e69-0000-4000-8000-6361752d6d6f';
const MONITORING_ACTOR: ActorV1 = {
  accountId: MONITORING_ACCOUNT_ID,
  role: Role.Operator,
  email: 'monitoreo@cau.invalid',
  name: 'Canal de monitoreo',
};
const BATCH = 20;
const POLL_MS = 5_000;

/**
 * Posts the alert notes queued by `ReceiveAlertsUseCase` on their tickets as internal notes, through
 * routing (where the ticket is) and resolution's comment command. The note's id is the comment id, so a
 * note posted twice (a crash after resolution committed) is one comment. A ticket not yet routed, or a
 * resolution that does not answer, leaves the note for the next round (every 5 s, and after each webhook
 * that queued one): the webhook never waits for it and never fails because of it.
 */
@Injectable()
export class AlertNotesPoster implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly alerts: AlertsRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.flush()
      .catch((error: unknown) => this.runtime.logger.warn({ err: error }, 'alert notes: a round failed'))
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Posts what is pending; resolves when a round found nothing more it could post. */
  async flush(): Promise<void> {
    for (;;) {
      const posted = await this.runtime.transaction(async (tx) => {
        const notes = await this.alerts.claimPendingNotes(tx, BATCH);
        let done = 0;
        for (const note of notes) {
          try {
            const located = await this.runtime.rpc.request(RoutingRpc.Locate, {
              actor: MONITORING_ACTOR,
              number: note.ticketNumber,
            });
            const command: CommentCommandV1 = {
              actor: MONITORING_ACTOR,
              number: note.ticketNumber,
              body: { text: note.text, commentId: note.id, channel: Channel.Monitoreo, internal: true },
            };
            await this.runtime.rpc.request(forArea(ResolutionRpc.Comment, located.area), command);
            await this.alerts.notePosted(tx, note.id);
            done += 1;
          } catch (error) {
            const reason = error instanceof ServiceError ? JSON.stringify(error.payload) : String(error);
            await this.alerts.noteFailed(tx, note.id, reason);
          }
        }
        return { claimed: notes.length, done };
      });
      if (posted.claimed < BATCH || posted.done === 0) return;
    }
  }
}
