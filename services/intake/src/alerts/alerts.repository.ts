import { Injectable } from '@nestjs/common';
import { sql, type InferResult, type Selectable } from 'kysely';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import type { AlertRecordV1, AlertSourceKind, Priority } from '@cau/contracts';
import { compiledOnce, execute, fetchFirst, fetchRows } from '@cau/persistence';
import { intakeRows } from '../rows.js';
import type { AlertIntegrations } from '../rows.generated.js';
import type { ParsedAlert } from './alert-payloads.js';
import type { Integration, IntegrationSettings } from './alert-rules.js';

export interface OpenRecord {
  id: string;
  ticketId: string;
  ticketNumber: number;
  name: string;
  status: 'firing' | 'resolved';
  firingCount: number;
  lastNoteAt: Date;
}

export interface NewRecord {
  id: string;
  integrationId: string;
  alertKey: string;
  ticketId: string;
  ticketNumber: number;
  name: string;
  severity: string | null;
  priority: Priority;
  area: string;
  labels: Record<string, string>;
  status: 'firing' | 'resolved';
  at: Date;
}

export interface AlertRef {
  integrationId: string;
  alertKey: string;
}

/** What a batch may change on an open record. */
export interface SavedRecord {
  firingCount: number;
  status: 'firing' | 'resolved';
  resolvedAt: Date | null;
  lastNoteAt: Date;
  labels: Record<string, string> | null;
}

export interface PendingNote {
  id: string;
  ticketNumber: number;
  text: string;
  attempts: number;
}

/** Integrations, alert records and pending timeline notes of the intake schema. */
@Injectable()
export class AlertsRepository {
  private readonly db = intakeRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async findIntegration(id: string): Promise<Integration | null> {
    const row = await fetchFirst(
      this.runtime.dataSource,
      this.db.selectFrom('alert_integrations').selectAll().where('id', '=', id),
    );
    return row ? toIntegration(row) : null;
  }

  async listIntegrations(): Promise<Integration[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db.selectFrom('alert_integrations').selectAll().orderBy('name'),
    );
    return rows.map(toIntegration);
  }

  async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('alert_integrations')
        .select(sql<number>`1`.as('taken'))
        .where(sql<string>`lower(name)`, '=', sql<string>`lower(${name})`)
        .where('id', 'is distinct from', exceptId),
    );
    return rows.length > 0;
  }

  async insertIntegration(row: {
    id: string;
    name: string;
    kind: AlertSourceKind;
    enabled: boolean;
    secretSha256: string;
    settings: IntegrationSettings;
  }): Promise<Integration> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .insertInto('alert_integrations')
        .values({
          id: row.id,
          name: row.name,
          kind: row.kind,
          enabled: row.enabled,
          secret_sha256: row.secretSha256,
          settings: JSON.stringify(row.settings),
        })
        .returningAll(),
    );
    return toIntegration(rows[0]!);
  }

  async updateIntegration(row: {
    id: string;
    name: string;
    kind: AlertSourceKind;
    enabled: boolean;
    settings: IntegrationSettings;
  }): Promise<Integration | null> {
    const updated = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .updateTable('alert_integrations')
        .set({
          name: row.name,
          kind: row.kind,
          enabled: row.enabled,
          settings: JSON.stringify(row.settings),
          updated_at: sql<Date>`now()`,
        })
        .where('id', '=', row.id)
        .returningAll(),
    );
    return updated ? toIntegration(updated) : null;
  }

  async rotateSecret(id: string, secretSha256: string): Promise<Integration | null> {
    const rotated = await fetchFirst(
      this.runtime.dataSource,
      this.db
        .updateTable('alert_integrations')
        .set({ secret_sha256: secretSha256, secret_rotated_at: sql<Date>`now()`, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .returningAll(),
    );
    return rotated ? toIntegration(rotated) : null;
  }

  /**
   * Serializes the handling of these alerts across instances until the transaction ends, and reads their
   * integrations as they are now (one statement). Taken in one order (sorted keys) so two instances' batches
   * cannot deadlock on each other.
   */
  async lockAlertsReadingIntegrations(tx: EntityManager, refs: AlertRef[]): Promise<Map<string, Integration>> {
    const keys = [...new Set(refs.map((r) => `alert:${r.integrationId}:${r.alertKey}`))].sort();
    const locked = sql<number>`(SELECT count(pg_advisory_xact_lock(h)) FROM (
      SELECT hashtextextended(k, 18) AS h FROM unnest(${keys}::text[]) AS k ORDER BY 1) ordered)`;
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('alert_integrations')
        .selectAll()
        // The locks are taken once (an uncorrelated subquery), before any row is returned.
        .select(locked.as('locked'))
        .where('id', '=', (eb) => eb.fn.any(eb.val([...new Set(refs.map((r) => r.integrationId))]))),
    );
    return new Map(rows.map((row) => [row.id, toIntegration(row)]));
  }

  /** The open records of these alerts, locked, by `integrationId \0 alertKey`. */
  async findOpenRecords(tx: EntityManager, refs: AlertRef[]): Promise<Map<string, OpenRecord>> {
    const wanted = wantedAlerts(refs);
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('alert_records as r')
        .innerJoin(wanted, (join) =>
          join.onRef('wanted.integration_id', '=', 'r.integration_id').onRef('wanted.alert_key', '=', 'r.alert_key'),
        )
        .select([
          'r.id',
          'r.integration_id',
          'r.alert_key',
          'r.ticket_id',
          'r.ticket_number',
          'r.name',
          'r.status',
          'r.firing_count',
          'r.last_note_at',
        ])
        .where('r.finished_at', 'is', null)
        .orderBy('r.id')
        .forUpdate('r'),
    );
    return new Map(
      rows.map((r) => [
        `${r.integration_id}\u0000${r.alert_key}`,
        {
          id: r.id,
          ticketId: r.ticket_id,
          ticketNumber: Number(r.ticket_number),
          name: r.name,
          status: r.status,
          firingCount: r.firing_count,
          lastNoteAt: r.last_note_at,
        },
      ]),
    );
  }

  /**
   * Repeated firings of alerts whose record is open, applied in one statement that is its own transaction: each
   * record's count goes up by its firings, its status back to firing, its labels to the last firing's. A record
   * is only changed when its integration is still enabled with the secret and kind the calls were accepted
   * with, and no timeline note is due; the rows are locked in one order (by id), as `findOpenRecords` does.
   * Returns the alerts it applied; the others take the full way (`lockAlertsReadingIntegrations`…).
   */
  async foldRepeatFirings(repeats: RepeatFirings[], at: Date): Promise<FoldedFirings[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      foldRepeatFirings({
        integrationIds: repeats.map((r) => r.integrationId),
        alertKeys: repeats.map((r) => r.alertKey),
        firings: repeats.map((r) => r.firings),
        labels: repeats.map((r) => JSON.stringify(r.labels)),
        secrets: repeats.map((r) => r.secretSha256),
        kinds: repeats.map((r) => r.kind),
        at: at.toISOString(),
      }),
    );
    return rows.map((r) => ({
      integrationId: r.integration_id,
      alertKey: r.alert_key,
      ticketNumber: Number(r.ticket_number),
    }));
  }

  /**
   * Stores firings of alerts whose ticket is being opened, in one statement that is its own transaction, so they
   * can be answered before the opening commits. All or none: only when every firing's integration is still enabled
   * with the secret and kind its call was accepted with (otherwise they take the full way, which refuses them).
   */
  async parkFirings(firings: ParkedFiring[], at: Date): Promise<boolean> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      parkFirings({
        integrationIds: firings.map((f) => f.integrationId),
        alertKeys: firings.map((f) => f.alert.key),
        alerts: firings.map((f) => JSON.stringify(f.alert)),
        arrivals: firings.map((f) => f.arrival),
        secrets: firings.map((f) => f.secretSha256),
        kinds: firings.map((f) => f.kind),
        at: at.toISOString(),
      }),
    );
    return rows.length === firings.length;
  }

  /** Takes (deletes) the parked firings of these alerts. */
  async takeParkedFirings(tx: EntityManager, refs: AlertRef[]): Promise<TakenFiring[]> {
    const wanted = wantedAlerts(refs);
    const rows = await fetchRows(
      tx,
      this.db
        .deleteFrom('alert_parked_firings as p')
        .using(wanted)
        .whereRef('wanted.integration_id', '=', 'p.integration_id')
        .whereRef('wanted.alert_key', '=', 'p.alert_key')
        .returning(['p.integration_id', 'p.alert', 'p.arrival']),
    );
    return rows.map((row) => ({ integrationId: row.integration_id, alert: row.alert, arrival: row.arrival }));
  }

  /** Alerts with firings parked longer than `seconds` (their instance stopped before sweeping them). */
  async staleParkedAlerts(seconds: number, limit: number): Promise<AlertRef[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('alert_parked_firings')
        .select(['integration_id', 'alert_key'])
        .where('parked_at', '<', sql<Date>`now() - make_interval(secs => ${seconds})`)
        .groupBy(['integration_id', 'alert_key'])
        .limit(limit),
    );
    return rows.map((r) => ({ integrationId: r.integration_id, alertKey: r.alert_key }));
  }

  async insertRecords(tx: EntityManager, records: NewRecord[]): Promise<void> {
    if (records.length === 0) return;
    // One statement for the batch: the records' values as arrays, one row per record.
    const t = sql<NewRecordRow>`unnest(
      ${records.map((r) => r.id)}::uuid[], ${records.map((r) => r.integrationId)}::uuid[],
      ${records.map((r) => r.alertKey)}::text[], ${records.map((r) => r.ticketId)}::uuid[],
      ${records.map((r) => r.ticketNumber)}::bigint[], ${records.map((r) => r.name)}::text[],
      ${records.map((r) => r.severity)}::text[], ${records.map((r) => r.priority)}::text[],
      ${records.map((r) => r.area)}::text[], ${records.map((r) => JSON.stringify(r.labels))}::jsonb[],
      ${records.map((r) => r.status)}::text[], ${records.map((r) => r.at.toISOString())}::timestamptz[])`.as<'t'>(
      sql`t (id, integration_id, alert_key, ticket_id, ticket_number, name, severity, priority, area, labels, status, at)`,
    );
    await execute(
      tx,
      this.db
        .insertInto('alert_records')
        .columns([
          'id',
          'integration_id',
          'alert_key',
          'ticket_id',
          'ticket_number',
          'name',
          'severity',
          'priority',
          'area',
          'labels',
          'status',
          'firing_count',
          'first_seen_at',
          'last_seen_at',
          'last_note_at',
        ])
        .expression((eb) =>
          eb
            .selectFrom(t)
            .select([
              't.id',
              't.integration_id',
              't.alert_key',
              't.ticket_id',
              't.ticket_number',
              't.name',
              't.severity',
              't.priority',
              't.area',
              't.labels',
              't.status',
              sql<number>`1`.as('firing_count'),
              't.at as first_seen_at',
              't.at as last_seen_at',
              't.at as last_note_at',
            ]),
        ),
    );
  }

  /** Writes the state a batch of firings and resolutions left each record in. */
  async saveRecords(tx: EntityManager, records: Array<SavedRecord & { id: string }>, at: Date): Promise<void> {
    if (records.length === 0) return;
    const t = sql<SavedRecordRow>`unnest(
      ${records.map((r) => r.id)}::uuid[], ${records.map((r) => r.firingCount)}::int[],
      ${records.map((r) => r.status)}::text[], ${records.map((r) => r.resolvedAt?.toISOString() ?? null)}::timestamptz[],
      ${records.map((r) => r.lastNoteAt.toISOString())}::timestamptz[],
      ${records.map((r) => (r.labels ? JSON.stringify(r.labels) : null))}::jsonb[])`.as<'t'>(
      sql`t (id, firing_count, status, resolved_at, last_note_at, labels)`,
    );
    await execute(
      tx,
      this.db
        .updateTable('alert_records as r')
        .from(t)
        .set((eb) => ({
          firing_count: eb.ref('t.firing_count'),
          status: eb.ref('t.status'),
          resolved_at: eb.ref('t.resolved_at'),
          last_note_at: eb.ref('t.last_note_at'),
          labels: sql<string>`coalesce(t.labels, r.labels)`,
          last_seen_at: sql<Date>`greatest(r.last_seen_at, ${at.toISOString()})`,
        }))
        .whereRef('r.id', '=', 't.id'),
    );
  }

  async insertNotes(
    tx: EntityManager,
    notes: Array<{ id: string; recordId: string; ticketNumber: number; text: string }>,
  ): Promise<void> {
    if (notes.length === 0) return;
    const t = sql<NoteRow>`unnest(
      ${notes.map((n) => n.id)}::uuid[], ${notes.map((n) => n.recordId)}::uuid[],
      ${notes.map((n) => n.ticketNumber)}::bigint[], ${notes.map((n) => n.text)}::text[])`.as<'t'>(
      sql`t (id, record_id, ticket_number, text)`,
    );
    await execute(
      tx,
      this.db
        .insertInto('alert_notes')
        .columns(['id', 'record_id', 'ticket_number', 'text'])
        .expression((eb) => eb.selectFrom(t).select(['t.id', 't.record_id', 't.ticket_number', 't.text']))
        .onConflict((conflict) => conflict.column('id').doNothing()),
    );
  }

  /** Notes not yet on their ticket, oldest first, locked so two instances never post the same one at once. */
  async claimPendingNotes(tx: EntityManager, limit: number): Promise<PendingNote[]> {
    const rows = await fetchRows(
      tx,
      this.db
        .selectFrom('alert_notes')
        .select(['id', 'ticket_number', 'text', 'attempts'])
        .where('posted_at', 'is', null)
        .where('attempts', '<', 100)
        .orderBy('created_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    );
    return rows.map((r) => ({ id: r.id, ticketNumber: Number(r.ticket_number), text: r.text, attempts: r.attempts }));
  }

  async notePosted(tx: EntityManager, id: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('alert_notes')
        .set({ posted_at: sql<Date>`now()`, last_error: null })
        .where('id', '=', id),
    );
  }

  async noteFailed(tx: EntityManager, id: string, error: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('alert_notes')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error.slice(0, 1000) }))
        .where('id', '=', id),
    );
  }

  async recent(limit: number, integrationId: string | undefined): Promise<AlertRecordV1[]> {
    const recent = recordQuery(this.db).orderBy('r.last_seen_at', 'desc').orderBy('r.id').limit(limit);
    const rows = await fetchRows(
      this.runtime.dataSource,
      integrationId === undefined ? recent : recent.where('r.integration_id', '=', integrationId),
    );
    return rows.map(toRecord);
  }

  async ofTicketNumber(number: number): Promise<AlertRecordV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      recordQuery(this.db)
        .where('r.ticket_number', '=', String(number))
        .orderBy('r.first_seen_at')
        .orderBy('r.id')
        .limit(100),
    );
    return rows.map(toRecord);
  }

  /** The ticket was closed or merged: its alerts' next firing opens a new ticket. */
  async finishTicket(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('alert_records')
        .set({ finished_at: at.toISOString() })
        .where('ticket_id', '=', ticketId)
        .where('finished_at', 'is', null),
    );
  }

  /** Reopened: its alerts fold into it again, unless the same alert already opened another ticket meanwhile. */
  async reopenTicket(tx: EntityManager, ticketId: string): Promise<void> {
    await execute(
      tx,
      this.db
        .updateTable('alert_records as r')
        .set({ finished_at: null })
        .where('r.ticket_id', '=', ticketId)
        .where('r.finished_at', 'is not', null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('alert_records as o')
                .select(sql<number>`1`.as('open'))
                .whereRef('o.integration_id', '=', 'r.integration_id')
                .whereRef('o.alert_key', '=', 'r.alert_key')
                .where('o.finished_at', 'is', null),
            ),
          ),
        ),
    );
  }
}

export interface RepeatFirings extends AlertRef {
  /** How many firings of the alert the batch holds. */
  firings: number;
  /** The last firing's. */
  labels: Record<string, string>;
  /** As the calls presented it and were accepted with. */
  secretSha256: string;
  kind: AlertSourceKind;
}

export interface FoldedFirings extends AlertRef {
  ticketNumber: number;
}

interface RepeatFiringsRow {
  integration_id: string;
  alert_key: string;
  fired: number;
  labels: string;
  secret_sha256: string;
  kind: AlertSourceKind;
}

/** Built once (`compiledOnce`): an alert storm runs it for nearly every call. */
const foldRepeatFirings = compiledOnce(
  (v: {
    integrationIds: string[];
    alertKeys: string[];
    firings: number[];
    labels: string[];
    secrets: string[];
    kinds: string[];
    at: string;
  }) => {
    const repeats = sql<RepeatFiringsRow>`unnest(${v.integrationIds}::uuid[], ${v.alertKeys}::text[],
      ${v.firings}::int[], ${v.labels}::jsonb[], ${v.secrets}::text[], ${v.kinds}::text[])`.as<'w'>(
      sql`w (integration_id, alert_key, fired, labels, secret_sha256, kind)`,
    );
    return intakeRows
      .with('target', (db) =>
        db
          .selectFrom('alert_records as r')
          .innerJoin(repeats, (join) =>
            join.onRef('w.integration_id', '=', 'r.integration_id').onRef('w.alert_key', '=', 'r.alert_key'),
          )
          .innerJoin('alert_integrations as i', 'i.id', 'w.integration_id')
          .select(['r.id', 'w.fired', 'w.labels'])
          .where('r.finished_at', 'is', null)
          .where('i.enabled', '=', true)
          .whereRef('i.secret_sha256', '=', 'w.secret_sha256')
          .whereRef('i.kind', '=', 'w.kind')
          // Not yet due for a "still firing" note (`noteDue`): a due one is written on the full way.
          .where(
            sql<boolean>`r.last_note_at > ${v.at}::timestamptz - make_interval(mins => (i.settings->>'noteIntervalMinutes')::int)`,
          )
          .orderBy('r.id')
          .forUpdate('r'),
      )
      .updateTable('alert_records as r')
      .from('target as t')
      .set({
        firing_count: sql<number>`r.firing_count + t.fired`,
        status: sql<'firing'>`'firing'`,
        resolved_at: null,
        labels: sql<string>`t.labels`,
        last_seen_at: sql<Date>`greatest(r.last_seen_at, ${v.at}::timestamptz)`,
      })
      .whereRef('r.id', '=', 't.id')
      .returning(['r.integration_id', 'r.alert_key', 'r.ticket_number']);
  },
);

export interface TakenFiring {
  integrationId: string;
  alert: ParsedAlert;
  /** When its call arrived, in milliseconds of the receiving instance's clock. */
  arrival: number;
}

export interface ParkedFiring extends TakenFiring {
  /** As the call presented it and was accepted with. */
  secretSha256: string;
  kind: AlertSourceKind;
}

interface AlertRefRow {
  integration_id: string;
  alert_key: string;
}

/** These alerts as a table to join: `wanted (integration_id, alert_key)`. */
function wantedAlerts(refs: AlertRef[]) {
  return sql<AlertRefRow>`unnest(${refs.map((r) => r.integrationId)}::uuid[], ${refs.map(
    (r) => r.alertKey,
  )}::text[])`.as<'wanted'>(sql`wanted (integration_id, alert_key)`);
}

interface ParkedFiringRow extends AlertRefRow {
  alert: string;
  arrival: number;
  secret_sha256: string;
  kind: AlertSourceKind;
}

/** Built once (`compiledOnce`): during an opening, an alert storm parks most of the alert's firings with it. */
const parkFirings = compiledOnce(
  (v: {
    integrationIds: string[];
    alertKeys: string[];
    alerts: string[];
    arrivals: number[];
    secrets: string[];
    kinds: string[];
    at: string;
  }) => {
    const w = sql<ParkedFiringRow>`unnest(${v.integrationIds}::uuid[], ${v.alertKeys}::text[], ${v.alerts}::jsonb[],
      ${v.arrivals}::float8[], ${v.secrets}::text[], ${v.kinds}::text[])`.as<'w'>(
      sql`w (integration_id, alert_key, alert, arrival, secret_sha256, kind)`,
    );
    return intakeRows
      .insertInto('alert_parked_firings')
      .columns(['integration_id', 'alert_key', 'alert', 'arrival', 'parked_at'])
      .expression((eb) =>
        eb
          .selectFrom(w)
          .select([
            'w.integration_id',
            'w.alert_key',
            'w.alert',
            'w.arrival',
            sql<Date>`${v.at}::timestamptz`.as('parked_at'),
          ])
          // All or none: no firing whose integration changed since its call was accepted.
          .where(
            sql<boolean>`not exists (
              select 1 from unnest(${v.integrationIds}::uuid[], ${v.secrets}::text[], ${v.kinds}::text[])
                as c (integration_id, secret_sha256, kind)
              where not exists (select 1 from alert_integrations i where i.id = c.integration_id and i.enabled
                and i.secret_sha256 = c.secret_sha256 and i.kind = c.kind))`,
          ),
      )
      .returning(['id']);
  },
);

/** A new record's values as unnest gives them back, one row per record. */
interface NewRecordRow {
  id: string;
  integration_id: string;
  alert_key: string;
  ticket_id: string;
  ticket_number: string;
  name: string;
  severity: string | null;
  priority: Priority;
  area: string;
  labels: string;
  status: AlertRecordV1['status'];
  at: Date;
}

/** A saved record's state as unnest gives it back. */
interface SavedRecordRow {
  id: string;
  firing_count: number;
  status: AlertRecordV1['status'];
  resolved_at: Date | null;
  last_note_at: Date;
  labels: string | null;
}

interface NoteRow {
  id: string;
  record_id: string;
  ticket_number: string;
  text: string;
}

/** A record with its integration's name and kind. */
function recordQuery(db: typeof intakeRows) {
  return db
    .selectFrom('alert_records as r')
    .innerJoin('alert_integrations as i', 'i.id', 'r.integration_id')
    .select([
      'r.id',
      'r.integration_id',
      'i.name as integration_name',
      'i.kind',
      'r.alert_key',
      'r.name',
      'r.severity',
      'r.priority',
      'r.area',
      'r.labels',
      'r.status',
      'r.firing_count',
      'r.first_seen_at',
      'r.last_seen_at',
      'r.resolved_at',
      'r.ticket_id',
      'r.ticket_number',
      'r.finished_at',
    ]);
}

function toRecord(r: InferResult<ReturnType<typeof recordQuery>>[number]): AlertRecordV1 {
  return {
    id: r.id,
    integrationId: r.integration_id,
    integrationName: r.integration_name,
    kind: r.kind,
    alertKey: r.alert_key,
    name: r.name,
    severity: r.severity,
    priority: r.priority,
    area: r.area,
    labels: r.labels,
    status: r.status,
    firingCount: r.firing_count,
    firstSeenAt: r.first_seen_at.toISOString(),
    lastSeenAt: r.last_seen_at.toISOString(),
    resolvedAt: r.resolved_at?.toISOString() ?? null,
    ticketId: r.ticket_id,
    ticketNumber: Number(r.ticket_number),
    finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

function toIntegration(r: Selectable<AlertIntegrations>): Integration {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    secretSha256: r.secret_sha256,
    secretRotatedAt: r.secret_rotated_at,
    settings: r.settings,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
