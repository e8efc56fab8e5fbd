import { Injectable } from '@nestjs/common';
import type { ServiceLogEntryV1, ServiceLogKind, VisitorKind } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
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

interface LogRow {
  id: string;
  kind: ServiceLogKind;
  at_key: string;
  at: Date;
  day: string | null;
  ticket_number: string;
  equipment_id: string;
  inventory_number: string;
  type: string;
  type_label: string | null;
  holder_id: string | null;
  holder_name: string | null;
  done: string | null;
  by_kind: VisitorKind | 'taken-by';
  by_name: string | null;
  company: string | null;
  report_number: string | null;
  result: ServiceLogEntryV1['result'];
  signed_off: boolean | null;
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
@Injectable()
export class ServiceLogRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async page(filter: ServiceLogFilter): Promise<ServiceLogRow[]> {
    const s = this.s;
    const values: unknown[] = [filter.timeZone];
    const where: string[] = [];
    const add = (clause: (p: string) => string, value: unknown) => {
      values.push(value);
      where.push(clause(`$${values.length}`));
    };
    if (filter.equipmentId) add((p) => `l.equipment_id = ${p}::uuid`, filter.equipmentId);
    if (filter.holderId) add((p) => `l.holder_id = ${p}::uuid`, filter.holderId);
    if (filter.from) add((p) => `l.at >= (${p}::date::timestamp AT TIME ZONE $1)`, filter.from);
    if (filter.to) add((p) => `l.at < ((${p}::date + 1)::timestamp AT TIME ZONE $1)`, filter.to);
    if (filter.after) {
      values.push(filter.after.at, filter.after.id);
      where.push(`(l.at, l.id) > ($${values.length - 1}::timestamptz, $${values.length})`);
    }
    values.push(filter.limit);
    const rows: LogRow[] = await this.runtime.dataSource.query(
      `WITH log AS (
         SELECT 'visita' AS kind, v.id::text AS source_id, v.ticket_number, te.equipment_id, v.arrived_at AS at,
                v.work_done AS done, v.visitor_kind AS by_kind,
                CASE WHEN v.visitor_kind = 'staff' THEN v.visitor_name ELSE v.technician END AS by_name,
                v.company, v.report_number, NULL::text AS result, NULL::date AS day
           FROM "${s}".field_visits v
           JOIN "${s}".ticket_equipment te ON te.ticket_number = v.ticket_number
          WHERE v.arrived_at IS NOT NULL
         UNION ALL
         SELECT 'salida', r.id::text, r.ticket_number, r.equipment_id, r.left_at,
                r.reason || ' — destino: ' || r.destination, 'taken-by', r.taken_by, NULL, r.report_number, 'en_reparacion', NULL
           FROM "${s}".repairs r
         UNION ALL
         -- The return is recorded as a day: it sorts at that day's start, and always after the departure.
         SELECT 'retorno', r.id::text, r.ticket_number, r.equipment_id,
                greatest(r.left_at + interval '1 millisecond', r.returned_on::timestamp AT TIME ZONE $1),
                r.return_note, 'staff', r.returned_by_name, NULL, NULL, r.condition, r.returned_on
           FROM "${s}".repairs r
          WHERE r.returned_on IS NOT NULL
         UNION ALL
         SELECT 'conformidad', so.ticket_number::text, so.ticket_number, te.equipment_id, so.recorded_at,
                so.comments, 'staff', so.recorded_by_name, NULL, NULL,
                CASE WHEN so.conforme THEN 'conforme' ELSE 'no_conforme' END, NULL
           FROM "${s}".sign_offs so
           JOIN "${s}".ticket_equipment te ON te.ticket_number = so.ticket_number
       )
       SELECT * FROM (
         SELECT l.kind || ':' || l.source_id || ':' || l.equipment_id AS id, l.kind,
                to_char(l.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_key, l.at,
                to_char(l.day, 'YYYY-MM-DD') AS day,
                l.ticket_number, l.equipment_id, e.inventory_number, e.type, t.label_es AS type_label,
                h.requester_id AS holder_id, h.holder_name, l.done, l.by_kind, l.by_name, l.company,
                l.report_number, l.result, so.conforme AS signed_off
           FROM log l
           JOIN "${s}".equipment e ON e.id = l.equipment_id
           LEFT JOIN "${s}".equipment_types t ON t.code = e.type
           LEFT JOIN "${s}".sign_offs so ON so.ticket_number = l.ticket_number
           LEFT JOIN LATERAL (
             SELECT c.requester_id, c.holder_name FROM "${s}".custody_periods c
              WHERE c.equipment_id = l.equipment_id AND c.since <= l.at AND (c.until IS NULL OR c.until > l.at)
              ORDER BY c.since DESC LIMIT 1
           ) h ON true
       ) l
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY l.at, l.id
       LIMIT $${values.length}`,
      values,
    );
    return rows.map((r) => ({ atKey: r.at_key, entry: toEntry(r) }));
  }

  /** The equipment's id by its inventory number (case ignored), or null. */
  async equipmentIdByNumber(inventoryNumber: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.runtime.dataSource.query(
      `SELECT id FROM "${this.s}".equipment WHERE number_key = lower($1)`,
      [inventoryNumber.trim()],
    );
    return rows[0]?.id ?? null;
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
