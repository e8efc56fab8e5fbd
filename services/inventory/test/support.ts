import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { InventoryCommands, type ActorV1, type EventEnvelope, type ImportReportV1, type Role } from '@cau/contracts';
import {
  RpcClient,
  ServiceError,
  Subjects,
  messagingConfigFromEnv,
  startService,
  type RunningService,
} from '@cau/messaging';
import { createTestInfrastructure, waitFor, type TestInfrastructure } from '@cau/testing';
import pg from 'pg';
import { inventoryService } from '../src/inventory.service.js';
import { intakeService } from '../../intake/src/intake.service.js';

export const actor = (role: Role, extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}.${randomUUID().slice(0, 8)}@cau.gob`,
  name: `Persona ${role}`,
  ...extra,
});

/** Rows per staged chunk: under the contract's size limit for these tests' rows, as the gateway keeps them. */
const STAGED_ROWS = 2_000;

/** One inventory instance against its own database and subject prefix, driven over NATS as the gateway does. */
export class InventoryHarness {
  private constructor(
    readonly infra: TestInfrastructure,
    private readonly running: RunningService,
    private readonly intake: RunningService | null,
    private readonly nc: NatsConnection,
    readonly rpc: RpcClient,
    readonly db: pg.Client,
  ) {}

  /** With `intake`, intake runs too (custody names people of its requester directory). */
  static async start(label: string, options: { intake?: boolean } = {}): Promise<InventoryHarness> {
    const infra = await createTestInfrastructure(label);
    const env = { ...process.env, ...infra.env, INVENTORY_PORT: '0', INTAKE_PORT: '0' };
    const intake = options.intake ? await startService(intakeService, env) : null;
    const service = await startService(inventoryService, env);
    const nc = await connect({ servers: infra.env.NATS_URL });
    const subjects = new Subjects(messagingConfigFromEnv(infra.env));
    const db = new pg.Client({ connectionString: infra.database.url });
    await db.connect();
    return new InventoryHarness(infra, service, intake, nc, new RpcClient(nc, subjects, 60_000), db);
  }

  async stop(): Promise<void> {
    await this.db.end();
    await this.nc.close();
    await this.running.stop();
    await this.intake?.stop();
    await this.infra.cleanup();
  }

  request<T>(subject: string, data: unknown): Promise<T> {
    return this.rpc.request<T>(subject, data);
  }

  /** The refusal a request ends with (fails the test when it succeeds). */
  async refusal(subject: string, data: unknown): Promise<ServiceError> {
    const outcome = await this.request(subject, data).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    if (!('error' in outcome)) throw new Error(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
    if (!(outcome.error instanceof ServiceError)) throw outcome.error;
    return outcome.error;
  }

  /** Stages the rows in chunks, as the gateway does, and commits them. */
  async import(by: ActorV1, header: string[], rows: Array<[number, string[]]>): Promise<ImportReportV1> {
    const importId = randomUUID();
    let start = 0;
    do {
      await this.request(InventoryCommands.StageImport, {
        actor: by,
        importId,
        header,
        rows: JSON.stringify(rows.slice(start, start + STAGED_ROWS)),
      });
      start += STAGED_ROWS;
    } while (start < rows.length);
    return this.request<ImportReportV1>(InventoryCommands.CommitImport, { actor: by, importId });
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM inventory.${table}`);
    return Number(rows[0]!.n);
  }

  /** Every event inventory published, in stream order. */
  async events(): Promise<Array<EventEnvelope<Record<string, unknown>>>> {
    const jsm = await jetstreamManager(this.nc);
    const stream = this.infra.messaging.eventsStream;
    const { state } = await jsm.streams.info(stream);
    const found: Array<EventEnvelope<Record<string, unknown>>> = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const msg = await jsm.streams.getMessage(stream, { seq });
      const envelope = msg?.json<EventEnvelope<Record<string, unknown>>>();
      if (envelope?.source === 'inventory') found.push(envelope);
    }
    return found;
  }

  /** Waits until the outbox relay has published `count` events. */
  eventsWhenThere(count: number): Promise<Array<EventEnvelope<Record<string, unknown>>>> {
    return waitFor(
      async () => {
        const events = await this.events();
        return events.length >= count ? events : undefined;
      },
      { what: `${count} inventory event(s)` },
    );
  }
}
