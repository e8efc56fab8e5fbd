import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Multipart } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import {
  ErrorCode,
  InventoryLimits,
  InventoryRpc,
  type ActorV1,
  type EquipmentListParamsV1,
  type EquipmentV1,
  type ImportReportV1,
} from '@cau/contracts';
import { RpcClient, ServiceError } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';
import { IMPORT_FILE_FIELD, csvChunks } from './equipment-csv.js';

/** The largest CSV accepted: 200,000 rows of a real register fit in well under this. */
export const IMPORT_MAX_BYTES = 64 * 1024 * 1024;
/** Applying 100,000 rows in one transaction takes tens of seconds, not the default RPC deadline. */
const COMMIT_TIMEOUT_MS = 300_000;
/** Storing a chunk of a few thousand rows, on a busy database. */
const STAGE_TIMEOUT_MS = 30_000;
const EXPORT_PAGE_SIZE = InventoryLimits.pageSize;

/**
 * The equipment register as a CSV file, which is the gateway's own: the export asks inventory for the list page
 * by page as the file drains, the import reads the upload and hands inventory its rows in chunks (with deadlines
 * of their own, hence the RpcClient). Inventory decides who may do what.
 */
@Injectable()
export class EquipmentCsvUseCase {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * Every page of the filtered list, asked for one at a time as the reply drains; the first is asked
   * before answering, so a refusal (a bad filter, a requester) is an error answer and not a broken file.
   */
  async pages(actor: ActorV1, params: EquipmentListParamsV1): Promise<AsyncIterable<EquipmentV1[]>> {
    const page = (cursor?: string) =>
      this.rpc
        .request(InventoryRpc.ListEquipment, {
          actor,
          params: { ...params, limit: EXPORT_PAGE_SIZE, ...(cursor ? { cursor } : {}) },
        })
        .catch((error: unknown) => rethrowRelativeTo(error, 'params'));
    const first = await page();
    return (async function* () {
      for (let current = first; ;) {
        const next = current.nextCursor === null ? null : page(current.nextCursor);
        next?.catch(() => undefined);
        yield current.items;
        if (next === null) return;
        current = await next;
      }
    })();
  }

  /**
   * Reads the uploaded CSV as it arrives and hands its rows to inventory in chunks (the next chunk is
   * parsed while the previous one is stored), then asks it to check and apply them all at once.
   */
  async import(actor: ActorV1, request: FastifyRequest): Promise<ImportReportV1> {
    if (!request.isMultipart()) {
      throw new ServiceError({ code: ErrorCode.UnsupportedMediaType, params: { expected: 'multipart/form-data' } });
    }
    const parts: AsyncIterableIterator<Multipart> = request.parts({
      limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 0, parts: 1 },
    });
    const importId = randomUUID();
    let received = false;
    for await (const part of parts) {
      if (part.type !== 'file' || part.fieldname !== IMPORT_FILE_FIELD) {
        if (part.type === 'file') part.file.resume();
        throw ServiceError.validation([{ field: part.fieldname, constraint: 'unknownField' }]);
      }
      received = true;
      let staging: Promise<unknown> = Promise.resolve();
      try {
        for await (const chunk of csvChunks(part.file)) {
          await staging;
          staging = this.rpc.request(
            InventoryRpc.StageImport,
            { actor, importId, header: chunk.header, rows: JSON.stringify(chunk.rows) },
            { timeoutMs: STAGE_TIMEOUT_MS },
          );
        }
        await staging;
      } catch (error) {
        staging.catch(() => undefined);
        part.file.resume();
        if (part.file.truncated) {
          throw new ServiceError({ code: ErrorCode.PayloadTooLarge, params: { limit: IMPORT_MAX_BYTES } });
        }
        throw error;
      }
      if (part.file.truncated) {
        throw new ServiceError({ code: ErrorCode.PayloadTooLarge, params: { limit: IMPORT_MAX_BYTES } });
      }
    }
    if (!received) throw ServiceError.validation([{ field: IMPORT_FILE_FIELD, constraint: 'isDefined' }]);
    return this.rpc.request(InventoryRpc.CommitImport, { actor, importId }, { timeoutMs: COMMIT_TIMEOUT_MS });
  }
}
