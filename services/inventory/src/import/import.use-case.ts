import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  InventoryEvents,
  InventoryLimits,
  type ImportedEquipmentV1,
  type CommitImportCommandV1,
  type FieldProblem,
  type ImportReportV1,
  type StageImportCommandV1,
  type StageImportResultV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayImportInventory } from '../access/access-policy.js';
import { EquipmentRepository } from '../equipment/equipment.repository.js';
import { mustBe, recordOf } from '../equipment/equipment.use-cases.js';
import { checkRows, planImport } from './import-plan.js';
import { fileColumns } from './import-row.js';
import { ImportRepository } from './import.repository.js';

/** Imports that write this many rows refresh the planner's statistics and merge the search index. */
const ANALYZE_AFTER_ROWS = 1_000;

/** The refusal of a file: first how many lines are wrong (nothing was imported), then each problem. */
function refusal(problems: FieldProblem[], badLines: number): ServiceError {
  const summary: FieldProblem = { field: 'file', constraint: 'csvRefused', params: [badLines] };
  return new ServiceError({ code: ErrorCode.Validation, fields: badLines > 0 ? [summary, ...problems] : problems });
}

/**
 * The CSV import (MX-PR15 keeps the institutional register, SIGTIG, in step; docs/domain.md § Field service): rows are staged in chunks,
 * then checked all together and applied in ONE transaction, so a file with a bad row changes nothing.
 */
@Injectable()
export class ImportEquipmentUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly imports: ImportRepository,
    private readonly equipment: EquipmentRepository,
  ) {}

  async stage({ actor, importId, header, rows }: StageImportCommandV1): Promise<StageImportResultV1> {
    mustBe(mayImportInventory(actor));
    const parsed = stagedRows(rows);
    if (!parsed) throw ServiceError.validation([{ field: 'rows', constraint: 'isArray' }]);
    await this.imports.dropStale();
    const opened = await this.imports.open(importId, actor.accountId, header);
    if (opened.accountId !== actor.accountId) throw ServiceError.notFound('equipment-import', importId);
    if (JSON.stringify(opened.header) !== JSON.stringify(header)) {
      throw ServiceError.validation([{ field: 'header', constraint: 'csvHeader', params: [[], header] }]);
    }
    await this.imports.stage(importId, parsed);
    return { staged: parsed.length };
  }

  async commit({ actor, importId }: CommitImportCommandV1): Promise<ImportReportV1> {
    mustBe(mayImportInventory(actor));
    const staged = await this.imports.load(importId);
    if (!staged || staged.accountId !== actor.accountId) throw ServiceError.notFound('equipment-import', importId);
    try {
      const catalogue = await this.equipment.types();
      const types = new Set(catalogue.map((t) => t.code));
      // The file is written in Spanish whatever the reader's language: messages list the Spanish names.
      const typeLabels = catalogue.map((t) => t.label.es);
      const checked = checkRows(staged.header, staged.rows, types, typeLabels);
      if (!checked.ok) throw refusal(checked.problems, checked.badLines);
      const report = await this.runtime.transaction(async (tx) => {
        await this.imports.lockEquipment(tx);
        const existing = await this.equipment.findByNumberKeys(
          tx,
          checked.rows.map((r) => r.key),
        );
        const plan = planImport(checked.rows, existing, fileColumns(staged.header), types, typeLabels);
        if (plan.problems.length > 0) {
          const lines = new Set(plan.problems.map((p) => p.field.split('.')[1]));
          throw refusal(plan.problems.slice(0, InventoryLimits.importProblems), lines.size);
        }
        const now = new Date();
        const created = plan.create.map((item) => ({ id: randomUUID(), data: item.data }));
        const records: ImportedEquipmentV1[] = created.map((c) => ({ ...recordOf(c.id, c.data, 1), registered: true }));
        await this.equipment.importCreated(tx, actor, created, now);
        const revisions = await this.equipment.importChanged(tx, actor, plan.change, now);
        records.push(
          ...plan.change.map((c) => ({ ...recordOf(c.id, c.data, revisions.get(c.id)!), registered: false })),
        );
        const events = [];
        for (let start = 0; start < records.length; start += InventoryLimits.importEventRecords) {
          events.push({
            definition: InventoryEvents.EquipmentImported,
            ticketId: null,
            data: { importId, records: records.slice(start, start + InventoryLimits.importEventRecords) },
          });
        }
        await this.runtime.outbox.appendMany(tx, events);
        await this.imports.drop(importId, tx);
        return {
          rows: staged.rows.length,
          created: created.length,
          changed: plan.change.length,
          unchanged: plan.unchanged,
        };
      });
      if (report.created + report.changed >= ANALYZE_AFTER_ROWS) await this.imports.settleAfterBulkWrite();
      return report;
    } catch (error) {
      // A refused file is not kept: the uploader fixes it and sends it whole again.
      if (error instanceof ServiceError) await this.imports.drop(importId);
      throw error;
    }
  }
}

/** The chunk's rows, or null when the text is not a list of `[line, cells]`. */
function stagedRows(text: string): Array<[number, string[]]> | null {
  let rows: unknown;
  try {
    rows = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(rows) || rows.length > InventoryLimits.importChunkRows) return null;
  return rows.every(isStagedRow) ? rows : null;
}

function isStagedRow(row: unknown): row is [number, string[]] {
  if (!Array.isArray(row) || row.length !== 2) return false;
  const [line, cells] = row as [unknown, unknown];
  return (
    Number.isInteger(line) &&
    (line as number) >= 2 &&
    (line as number) <= 100_000_000 &&
    Array.isArray(cells) &&
    cells.length <= 64 &&
    cells.every((cell) => typeof cell === 'string')
  );
}
