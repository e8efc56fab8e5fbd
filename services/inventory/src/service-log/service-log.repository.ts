import { Injectable } from '@nestjs/common';
import { sql, type InferResult } from 'kysely';
import type { ServiceLogEntryV1, ServiceLogKind, VisitorKind } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { fetchFirst, fetchRows } from '@cau/persistence';
import { inventoryRows } from '../rows.js';
import type { ServiceLogCursor } from './service-log.js';

export interface ServiceLogFilter {
  equipmentId?: string;
  holderId?: string;
  /** First and last day (YYYY-MM-DD), both included, in `timeZone`. */
  from?: string;
  to?: string;
  timeZone: string;
  after?: ServiceLogCursor;
  limit: number;
}

export interface ServiceLogRow {
  entry: ServiceLogEntryV1;
  /** The entry's moment to the microsecond, for the next page's cursor. */
  atKey: string;
}

/**
 * The log is not a table of its own: it is read from the records each attention already left (a recorded
 * visit on a ticket that names the equipment, a repair's departure and return, the ticket's conformity),
 * so it cannot disagree with them. The holder is the custody period open at the attention's moment.
 */
/** One attention as the log's union gives it, whatever record it comes from. */
const attention = {
  kind: (kind: ServiceLogKind) => sql<ServiceLogKind>`${sql.lit(kind)}`.as('kind'),
  at: (at: ReturnType<typeof sql<Date>>) => at.as('at'),
  byKind: (byKind: ReturnType<typeof sql<VisitorKind | 'taken-by'>>) => byKind.as('by_kind'),
  result: (result: ReturnType<typeof sql<ServiceLogEntryV1['result']>>) => result.as('result'),
};

/**
 * The log's entries, oldest first: each attention with its equipment, the equipment's type label, the
 * ticket's conformity and the holder at that moment; `timeZone` places a return recorded as a day.
 */
function logEntries(db: typeof inventoryRows, timeZone: string) {
  return db
    .with('log', (cte) =>
      cte
        .selectFrom('field_visits as v')
        .innerJoin('ticket_equipment as te', 'te.ticket_number', 'v.ticket_number')
        .select((eb) => [
          attention.kind('visita'),
          sql<string>`v.id::text`.as('source_id'),
          'v.ticket_number',
          'te.equipment_id',
          attention.at(sql<Date>`v.arrived_at`),
          sql<string | null>`v.work_done`.as('done'),
          attention.byKind(sql`v.visitor_kind`),
          eb
            .case()
            .when('v.visitor_kind', '=', 'staff')
            .then(eb.ref('v.visitor_name'))
            .else(eb.ref('v.technician'))
            .end()
            .as('by_name'),
          sql<string | null>`v.company`.as('company'),
          sql<string | null>`v.report_number`.as('report_number'),
          attention.result(sql`NULL::text`),
          sql<Date | null>`NULL::date`.as('day'),
        ])
        .where('v.arrived_at', 'is not', null)
        .unionAll((eb) =>
          eb
            .selectFrom('repairs as r')
            .select([
              attention.kind('salida'),
              sql<string>`r.id::text`.as('source_id'),
              'r.ticket_number',
              'r.equipment_id',
              attention.at(sql`r.left_at`),
              sql<string | null>`r.reason || ' — destino: ' || r.destination`.as('done'),
              attention.byKind(sql`'taken-by'`),
              sql<string | null>`r.taken_by`.as('by_name'),
              sql<string | null>`NULL`.as('company'),
              sql<string | null>`r.report_number`.as('report_number'),
              attention.result(sql`'en_reparacion'`),
              sql<Date | null>`NULL`.as('day'),
            ]),
        )
        // The return is recorded as a day: it sorts at that day's start, and always after the departure.
        .unionAll((eb) =>
          eb
            .selectFrom('repairs as r')
            .select([
              attention.kind('retorno'),
              sql<string>`r.id::text`.as('source_id'),
              'r.ticket_number',
              'r.equipment_id',
              attention.at(
                sql`greatest(r.left_at + interval '1 millisecond', r.returned_on::timestamp AT TIME ZONE ${timeZone})`,
              ),
              sql<string | null>`r.return_note`.as('done'),
              attention.byKind(sql`'staff'`),
              sql<string | null>`r.returned_by_name`.as('by_name'),
              sql<string | null>`NULL`.as('company'),
              sql<string | null>`NULL`.as('report_number'),
              attention.result(sql`r.condition`),
              sql<Date | null>`r.returned_on`.as('day'),
            ])
            .where('r.returned_on', 'is not', null),
        )
        .unionAll((eb) =>
          eb
            .selectFrom('sign_offs as so')
            .innerJoin('ticket_equipment as te', 'te.ticket_number', 'so.ticket_number')
            .select([
              attention.kind('conformidad'),
              sql<string>`so.ticket_number::text`.as('source_id'),
              'so.ticket_number',
              'te.equipment_id',
              attention.at(sql`so.recorded_at`),
              sql<string | null>`so.comments`.as('done'),
              attention.byKind(sql`'staff'`),
              sql<string | null>`so.recorded_by_name`.as('by_name'),
              sql<string | null>`NULL`.as('company'),
              sql<string | null>`NULL`.as('report_number'),
              attention.result(sql`CASE WHEN so.conforme THEN 'conforme' ELSE 'no_conforme' END`),
              sql<Date | null>`NULL`.as('day'),
            ]),
        ),
    )
    .selectFrom((from) =>
      from
        .selectFrom('log as l')
        .innerJoin('equipment as e', 'e.id', 'l.equipment_id')
        .leftJoin('equipment_types as t', 't.code', 'e.type')
        .leftJoin('sign_offs as so', 'so.ticket_number', 'l.ticket_number')
        .leftJoinLateral(
          (lateral) =>
            lateral
              .selectFrom('custody_periods as c')
              .select(['c.requester_id', 'c.holder_name'])
              .whereRef('c.equipment_id', '=', 'l.equipment_id')
              .whereRef('c.since', '<=', 'l.at')
              .where((eb) => eb.or([eb('c.until', 'is', null), eb('c.until', '>', eb.ref('l.at'))]))
              .orderBy('c.since', 'desc')
              .limit(1)
              .as('h'),
          (join) => join.onTrue(),
        )
        .select([
          sql<string>`l.kind || ':' || l.source_id || ':' || l.equipment_id`.as('id'),
          'l.kind',
          sql<string>`to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_key'),
          'l.at',
          sql<string | null>`to_char(l.day, 'YYYY-MM-DD')`.as('day'),
          'l.ticket_number',
          'l.equipment_id',
          'e.inventory_number',
          'e.type',
          't.label_es as type_label',
          'h.requester_id as holder_id',
          'h.holder_name',
          'l.done',
          'l.by_kind',
          'l.by_name',
          'l.company',
          'l.report_number',
          'l.result',
          'so.conforme as signed_off',
        ])
        .as('l'),
    )
    .selectAll('l');
}

type LogRow = InferResult<ReturnType<typeof logEntries>>[number];

/**
 * The log is not a table of its own: it is read from the records each attention already left (a recorded
 * visit on a ticket that names the equipment, a repair's departure and return, the ticket's conformity),
 * so it cannot disagree with them. The holder is the custody period open at the attention's moment.
 */
@Injectable()
export class ServiceLogRepository {
  private readonly db = inventoryRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async page(filter: ServiceLogFilter): Promise<ServiceLogRow[]> {
    const { equipmentId, holderId, from, to, after, timeZone } = filter;
    const rows = await fetchRows(
      this.runtime.dataSource,
      logEntries(this.db, timeZone)
        .$if(!!equipmentId, (q) => q.where('l.equipment_id', '=', sql<string>`${equipmentId}::uuid`))
        .$if(!!holderId, (q) => q.where('l.holder_id', '=', sql<string>`${holderId}::uuid`))
        .$if(!!from, (q) => q.where('l.at', '>=', sql<Date>`(${from}::date::timestamp AT TIME ZONE ${timeZone})`))
        .$if(!!to, (q) => q.where('l.at', '<', sql<Date>`((${to}::date + 1)::timestamp AT TIME ZONE ${timeZone})`))
        .$if(!!after, (q) => q.where(sql<boolean>`(l.at, l.id) > (${after!.at}::timestamptz, ${after!.id})`))
        .orderBy('l.at')
        .orderBy('l.id')
        .limit(filter.limit),
    );
    return rows.map((r) => ({ atKey: r.at_key, entry: toEntry(r) }));
  }

  /** The equipment's id by its inventory number (case ignored), or null. */
  async equipmentIdByNumber(inventoryNumber: string): Promise<string | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .selectFrom('equipment')
        .select('id')
        .where('number_key', '=', sql<string>`lower(${inventoryNumber.trim()})`),
    );
    return row?.id ?? null;
  }
}

function toEntry(r: LogRow): ServiceLogEntryV1 {
  return {
    id: r.id,
    kind: r.kind,
    at: r.at.toISOString(),
    day: r.day,
    ticketNumber: Number(r.ticket_number),
    equipment: {
      id: r.equipment_id,
      inventoryNumber: r.inventory_number,
      type: r.type,
      typeLabel: r.type_label ?? r.type,
    },
    holder: r.holder_id ? { requesterId: r.holder_id, name: r.holder_name ?? '' } : null,
    done: r.done,
    by: { kind: r.by_kind, name: r.by_name ?? '', company: r.company, reportNumber: r.report_number },
    result: r.result,
    signedOff: r.signed_off,
  };
}
