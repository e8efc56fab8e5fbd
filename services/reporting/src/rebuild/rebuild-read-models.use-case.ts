import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Role,
  validateEvent,
  type ActorV1,
  type EventEnvelope,
  type ReadModelRebuildStartV1,
  type ReadModelRebuildStatusQueryV1,
  type ReadModelRebuildV1,
} from '@cau/contracts';
import { BatchScope, ServiceError, ServiceRuntime, type EventHandler } from '@cau/messaging';
import { ProblemsProjection } from '../problems/problems.projection.js';
import { ProblemsRepository } from '../problems/problems.repository.js';
import { readModelHandlers } from '../read-models.js';
import { ReportingSettings } from '../reports/reporting-settings.js';
import { TicketFactsProjection } from '../reports/ticket-facts.projection.js';
import { TicketFactsRepository } from '../reports/ticket-facts.repository.js';
import { StepTimesProjection } from '../step-times/step-times.projection.js';
import { StepTimesRepository } from '../step-times/step-times.repository.js';
import { TicketViewProjection } from '../tickets/ticket-view.projection.js';
import { TicketViewRepository } from '../tickets/ticket-view.repository.js';
import { EventReplay, type StoredEvent } from './event-replay.js';
import { RebuildRepository } from './rebuild.repository.js';

/** The swap holds live handlers back while it replays the rest: only start it when little is left. */
const SWAP_WHEN_BEHIND = 1_000;
const MAX_CATCH_UPS = 20;

/**
 * Rebuilds ticket_view, ticket_timeline, ticket_facts, kpi_daily and the problems from the event stream while the live
 * ones keep answering: the stream is replayed from its start into a shadow schema by the same projection
 * code, caught up, and swapped in (RebuildRepository explains the swap).
 */
@Injectable()
export class RebuildReadModelsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly rebuilds: RebuildRepository,
    private readonly replay: EventReplay,
    private readonly settings: ReportingSettings,
  ) {}

  /** Starts a rebuild in the background and answers at once; one already running is answered instead. */
  async start(command: ReadModelRebuildStartV1): Promise<ReadModelRebuildV1> {
    assertAdmin(command.actor);
    const id = randomUUID();
    if (!(await this.rebuilds.claim(id, command.actor))) {
      const running = await this.rebuilds.running();
      if (running) return running;
      // The running one finished between the two reads: claim again.
      return this.start(command);
    }
    void this.run(id);
    return (await this.rebuilds.get(id))!;
  }

  async status(query: ReadModelRebuildStatusQueryV1): Promise<ReadModelRebuildV1> {
    assertAdmin(query.actor);
    const rebuild = await this.rebuilds.get(query.id);
    if (!rebuild) throw ServiceError.notFound('rebuild', query.id);
    return rebuild;
  }

  private async run(id: string): Promise<void> {
    const logger = this.runtime.logger;
    const shadowSchema = this.rebuilds.shadowSchema;
    try {
      await this.rebuilds.createShadow(this.settings.timeZone);
      const handlers = this.shadowHandlers();
      const progress = { targetSeq: await this.replay.lastSeq(), replayedSeq: 0, applied: 0 };
      const applyBatch = async (tx: EntityManager, batch: StoredEvent[]) => {
        progress.applied += await this.apply(handlers, batch, tx);
        progress.replayedSeq = batch.at(-1)!.seq;
      };
      const replayed = (batch: StoredEvent[]) =>
        this.runtime.dataSource
          .transaction((tx) => applyBatch(tx, batch))
          .then(() => this.rebuilds.progress(id, progress));
      logger.info({ rebuild: id, targetSeq: progress.targetSeq }, 'read model rebuild: replaying the stream');
      await this.replay.replay(1, progress.targetSeq, replayed);
      progress.replayedSeq = progress.targetSeq;
      // Events kept arriving during the replay: catch up until what is left is small.
      for (let round = 0; round < MAX_CATCH_UPS; round++) {
        const last = await this.replay.lastSeq();
        if (last - progress.replayedSeq <= SWAP_WHEN_BEHIND) break;
        progress.targetSeq = last;
        await this.replay.replay(progress.replayedSeq + 1, last, replayed);
        progress.replayedSeq = last;
      }
      const retired = `${this.runtime.schema}_retired_${Date.now()}`;
      await this.runtime.dataSource.transaction(async (tx) => {
        await this.rebuilds.lockOutLiveHandlers(tx);
        // Live handlers wait from here on, so nothing they commit is missed by this last read.
        const last = await this.replay.lastSeq();
        await this.replay.replay(progress.replayedSeq + 1, last, (batch) => applyBatch(tx, batch));
        progress.targetSeq = progress.replayedSeq = last;
        await this.rebuilds.progress(id, progress);
        await this.rebuilds.swap(tx, retired);
      });
      await this.rebuilds.dropSchema(retired);
      await this.rebuilds.finish(id, null);
      logger.info({ rebuild: id, ...progress }, 'read model rebuild: swapped in');
    } catch (error) {
      logger.error({ err: error, rebuild: id }, 'read model rebuild failed; the live read models are untouched');
      await this.rebuilds.dropSchema(shadowSchema).catch(() => undefined);
      await this.rebuilds.finish(id, String(error).slice(0, 500)).catch(() => undefined);
    }
  }

  /** The read-model handlers, with repositories that write to the shadow schema. */
  private shadowHandlers(): Map<string, EventHandler<object>> {
    const r = this.runtime;
    const shadow = new ServiceRuntime(
      r.name,
      this.rebuilds.shadowSchema,
      r.messaging,
      r.database,
      r.dataSource,
      r.nc,
      r.js,
      r.jsm,
      r.logger,
      r.metrics,
    );
    const facts = new TicketFactsProjection(new TicketFactsRepository(shadow), this.settings);
    const handlers = readModelHandlers(
      new TicketViewProjection(new TicketViewRepository(shadow)),
      facts,
      new StepTimesProjection(new StepTimesRepository(shadow), facts),
      new ProblemsProjection(new ProblemsRepository(shadow)),
    );
    return new Map(handlers.map((h) => [h.definition.type, h]));
  }

  /**
   * Applies a batch in `tx` as the live consumer would (an event id seen before is applied once), leaving
   * out events the read models do not handle or that fail their contract; returns how many were applied.
   */
  private async apply(
    handlers: Map<string, EventHandler<object>>,
    batch: StoredEvent[],
    tx: EntityManager,
  ): Promise<number> {
    let applied = 0;
    const scope = new BatchScope();
    for (const stored of batch) {
      const type = (stored.body as { type?: unknown } | null)?.type;
      const handler = typeof type === 'string' ? handlers.get(type) : undefined;
      if (!handler) continue;
      const checked = validateEvent(handler.definition, stored.body);
      if (!checked.ok) continue;
      const event: EventEnvelope<object> = checked.value;
      if (!(await this.rebuilds.firstInShadow(tx, event.id))) continue;
      await handler.handle(event, tx, scope);
      applied++;
    }
    await scope.finish();
    return applied;
  }
}

function assertAdmin(actor: ActorV1): void {
  if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'reporting.rebuild-admins-only' });
}
