import type { DataSource } from 'typeorm';
import type { NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { DatabaseConfig } from '@cau/persistence';
import { Subjects, type MessagingConfig } from '../config.js';
import type { MessagingMetrics } from '../observability/metrics.js';
import { Outbox } from '../events/outbox.js';
import type { OutboxRelay } from '../events/outbox-relay.js';
import type { DurableConsumer } from '../events/consumer.js';
import { EventPositions } from '../events/event-positions.js';
import { RpcClient } from '../rpc/rpc-client.js';

/**
 * Everything a running service shares: its connections, its outbox and its configuration.
 * Built once at boot by `startService` and injected where needed (by class, no string tokens).
 */
export class ServiceRuntime {
  readonly subjects: Subjects;
  readonly outbox: Outbox;
  readonly positions: EventPositions;
  readonly rpc: RpcClient;
  relay: OutboxRelay | null = null;
  /** The service's durable event consumers (their lag is shown by `/health`). */
  consumers: readonly DurableConsumer[] = [];
  /** Areas this instance serves (`{area}` subjects); empty for services that are not area-scoped. */
  servedAreas: readonly string[] = [];
  /**
   * True when the instance also serves every area it was not told about (one started without an area
   * list), so an area added at run time is served without a restart.
   */
  servesOtherAreas = false;
  /** False while the client is reconnecting: the connection is not closed, but nothing gets through. */
  natsConnected = true;

  constructor(
    readonly name: string,
    readonly schema: string,
    readonly messaging: MessagingConfig,
    readonly database: DatabaseConfig,
    readonly dataSource: DataSource,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
    readonly logger: Logger,
    readonly metrics: MessagingMetrics,
  ) {
    this.subjects = new Subjects(messaging);
    this.outbox = new Outbox(schema, name, this.subjects);
    this.positions = new EventPositions(schema);
    this.rpc = new RpcClient(nc, this.subjects, messaging.requestTimeoutMs);
  }

  /** True once every consumer of the service has applied what the stream held when asked (false after `timeoutMs`). */
  async eventsCaughtUp(timeoutMs: number): Promise<boolean> {
    const caughtUp = await Promise.all(this.consumers.map((consumer) => consumer.caughtUp(timeoutMs)));
    return caughtUp.every(Boolean);
  }

  /** Runs `work` in a transaction and wakes the local relay after commit, so events leave at once. */
  async transaction<T>(work: (tx: import('typeorm').EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work);
    this.relay?.wake();
    return result;
  }
}
