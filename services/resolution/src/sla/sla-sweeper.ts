import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ProcedureEvents } from '@cau/contracts';
import { ServiceRuntime, startWorker, type Worker } from '@cau/messaging';
import { Clock } from '../clock.js';
import { ResolutionSettings } from '../config/resolution-settings.js';
import { SlaBreachRepository } from './sla-breach.repository.js';

const BATCH = 200;

/**
 * Finds tickets of this instance's areas that missed a service-level target, marks them overdue and
 * announces each breach once (`ticket.sla-breached`). Any number of instances may sweep at once: they
 * claim tickets with SKIP LOCKED, and the breach row (unique per ticket and target) is what decides
 * whether an event is emitted, in the same transaction.
 */
@Injectable()
export class SlaSweeper implements OnModuleDestroy {
  private worker: Worker | null = null;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly breaches: SlaBreachRepository,
    private readonly settings: ResolutionSettings,
    private readonly clock: Clock,
  ) {}

  start(): void {
    this.worker ??= startWorker({
      name: 'SLA sweeper',
      logger: this.runtime.logger,
      intervalMs: this.settings.slaSweepIntervalMs,
      firstPassAfterInterval: true,
      run: async () => {
        await this.sweep(this.clock.now());
      },
      onError: (error) => this.runtime.logger.error({ err: error }, 'SLA sweep failed; retrying next interval'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.stop();
    this.worker = null;
  }

  /** One pass at `now`; returns how many breaches this call announced. */
  async sweep(now: Date): Promise<number> {
    let announced = 0;
    for (;;) {
      const { claimed, fresh } = await this.runtime.transaction(async (tx) => {
        const breached = await this.breaches.claimBreached(
          tx,
          now,
          this.runtime.servesOtherAreas ? null : this.runtime.servedAreas,
          BATCH,
        );
        const recorded = await this.breaches.record(tx, breached, now);
        await this.runtime.outbox.appendMany(
          tx,
          recorded.map((b) => ({
            definition: ProcedureEvents.SlaBreached,
            ticketId: b.ticketId,
            data: {
              ticketId: b.ticketId,
              number: b.number,
              area: b.area,
              target: b.target,
              dueAt: b.dueAt.toISOString(),
              detectedAt: now.toISOString(),
            },
          })),
        );
        return { claimed: new Set(breached.map((b) => b.ticketId)).size, fresh: recorded.length };
      });
      announced += fresh;
      if (claimed < BATCH) return announced;
    }
  }
}
