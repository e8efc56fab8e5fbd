import { randomUUID } from 'node:crypto';
import {
  InventoryRpc,
  type ActorV1,
  type AnyRpcDefinition,
  type EventEnvelope,
  type ImportReportV1,
  type ReplyOf,
  type RequestOf,
} from '@cau/contracts';
import type { ServiceError } from '@cau/messaging';
import { ServiceBench } from '@cau/testing';
import type pg from 'pg';
import { inventoryService } from '../src/inventory.service.js';
import { intakeService } from '../../intake/src/intake.service.js';

export { testActor as actor } from '@cau/testing';

/** Rows per staged chunk: under the contract's size limit for these tests' rows, as the gateway keeps them. */
const STAGED_ROWS = 2_000;

const publishedByInventory = (envelope: EventEnvelope): boolean => envelope.source === 'inventory';

/** One inventory instance on a bench of its own, driven over NATS as the gateway does. */
export class InventoryHarness {
  private constructor(readonly bench: ServiceBench) {}

  /** With `intake`, intake runs too (custody names people of its requester directory). */
  static async start(label: string, options: { intake?: boolean } = {}): Promise<InventoryHarness> {
    const bench = await ServiceBench.open(label, { rpcTimeoutMs: 60_000 });
    if (options.intake) await bench.start(intakeService);
    await bench.start(inventoryService);
    return new InventoryHarness(bench);
  }

  get db(): pg.Client {
    return this.bench.db;
  }

  stop(): Promise<void> {
    return this.bench.stop();
  }

  request<D extends AnyRpcDefinition>(definition: D, request: RequestOf<D>): Promise<ReplyOf<D>> {
    return this.bench.request(definition, request);
  }

  /** The refusal a request ends with; it may send what no contract allows. */
  refusal(definition: AnyRpcDefinition, data: unknown): Promise<ServiceError> {
    return this.bench.refusal(definition, data);
  }

  /** Stages the rows in chunks, as the gateway does, and commits them. */
  async import(by: ActorV1, header: string[], rows: Array<[number, string[]]>): Promise<ImportReportV1> {
    const importId = randomUUID();
    let start = 0;
    do {
      await this.request(InventoryRpc.StageImport, {
        actor: by,
        importId,
        header,
        rows: JSON.stringify(rows.slice(start, start + STAGED_ROWS)),
      });
      start += STAGED_ROWS;
    } while (start < rows.length);
    return this.request(InventoryRpc.CommitImport, { actor: by, importId });
  }

  async count(table: string): Promise<number> {
    const { rows } = await this.db.query<{ n: string }>(`SELECT count(*) AS n FROM inventory.${table}`);
    return Number(rows[0]!.n);
  }

  /** Every event inventory published, in stream order. */
  async events(): Promise<Array<EventEnvelope<Record<string, unknown>>>> {
    return (await this.bench.streamed(publishedByInventory)).map((event) => event.envelope);
  }

  /** Waits until the outbox relay has published `count` events. */
  async eventsWhenThere(count: number): Promise<Array<EventEnvelope<Record<string, unknown>>>> {
    const events = await this.bench.streamedWhenThere(publishedByInventory, count, 'inventory');
    return events.map((event) => event.envelope);
  }
}
