import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ServiceRuntime } from '@cau/messaging';
import type { AlertRecordV1, AlertSourceKind, Priority } from '@cau/contracts';
import type { Integration, IntegrationSettings } from './alert-rules.js';

interface IntegrationRow {
  id: string;
  name: string;
  kind: AlertSourceKind;
  enabled: boolean;
  secret_sha256: string;
  secret_rotated_at: Date;
  settings: IntegrationSettings;
  created_at: Date;
  updated_at: Date;
}

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

const RECORD_COLUMNS = `r.id, r.integration_id, i.name AS integration_name, i.kind, r.alert_key, r.name, r.severity, r.priority,
  r.area, r.labels, r.status, r.firing_count, r.first_seen_at, r.last_seen_at, r.resolved_at, r.ticket_id, r.ticket_number,
  r.finished_at`;

/** Integrations, alert records and pending timeline notes of the intake schema. */
@Injectable()
export class AlertsRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async findIntegration(id: string): Promise<Integration | null> {
    const rows: IntegrationRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM "${this.s}".alert_integrations WHERE id = $1`,
      [id],
    );
    return rows[0] ? toIntegration(rows[0]) : null;
  }

  async listIntegrations(): Promise<Integration[]> {
    const rows: IntegrationRow[] = await this.runtime.dataSource.query(
      `SELECT * FROM "${this.s}".alert_integrations ORDER BY name`,
    );
    return rows.map(toIntegration);
  }

  async nameTaken(name: string, exceptId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.runtime.dataSource.query(
      `SELECT 1 FROM "${this.s}".alert_integrations WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2`,
      [name, exceptId],
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
    const rows: IntegrationRow[] = await this.runtime.dataSource.query(
      `INSERT INTO "${this.s}".alert_integrations (id, name, kind, enabled, secret_sha256, settings)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
      [row.id, row.name, row.kind, row.enabled, row.secretSha256, JSON.stringify(row.settings)],
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
    const rows: IntegrationRow[] = await this.runtime.dataSource.query(
      `WITH updated AS (
         UPDATE "${this.s}".alert_integrations SET name = $2, kind = $3, enabled = $4, settings = $5, updated_at = now()
         WHERE id = $1 RETURNING *
       ) SELECT * FROM updated`,
      [row.id, row.name, row.kind, row.enabled, JSON.stringify(row.settings)],
    );
    return rows[0] ? toIntegration(rows[0]) : null;
  }

  async rotateSecret(id: string, secretSha256: string): Promise<Integration | null> {
    const rows: IntegrationRow[] = await this.runtime.dataSource.query(
      `WITH rotated AS (
         UPDATE "${this.s}".alert_integrations SET secret_sha256 = $2, secret_rotated_at = now(), updated_at = now()
         WHERE id = $1 RETURNING *
       ) SELECT * FROM rotated`,
      [id, secretSha256],
    );
    return rows[0] ? toIntegration(rows[0]) : null;
  }

  /**
   * Serializes the handling of these alerts across instances until the transaction ends. Taken in one order
   * (sorted keys) so two instances' batches cannot deadlock on each other.
   */
  async lockAlerts(tx: EntityManager, refs: AlertRef[]): Promise<void> {
    const keys = [...new Set(refs.map((r) => `alert:${r.integrationId}:${r.alertKey}`))].sort();
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(h)) FROM (
         SELECT hashtextextended(k, 18) AS h FROM unnest($1::text[]) AS k ORDER BY 1
       ) ordered`,
      [keys],
    );
  }

  /** The open records of these alerts, locked, by `integrationId \0 alertKey`. */
  async findOpenRecords(tx: EntityManager, refs: AlertRef[]): Promise<Map<string, OpenRecord>> {
    const rows: Array<{
      id: string;
      integration_id: string;
      alert_key: string;
      ticket_id: string;
      ticket_number: string;
      name: string;
      status: 'firing' | 'resolved';
      firing_count: number;
      last_note_at: Date;
    }> = await tx.query(
      `SELECT r.id, r.integration_id, r.alert_key, r.ticket_id, r.ticket_number, r.name, r.status, r.firing_count,
              r.last_note_at
         FROM "${this.s}".alert_records r
         JOIN unnest($1::uuid[], $2::text[]) AS wanted (integration_id, alert_key)
           ON wanted.integration_id = r.integration_id AND wanted.alert_key = r.alert_key
        WHERE r.finished_at IS NULL
        ORDER BY r.id
        FOR UPDATE OF r`,
      [refs.map((r) => r.integrationId), refs.map((r) => r.alertKey)],
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

  async insertRecords(tx: EntityManager, records: NewRecord[]): Promise<void> {
    if (records.length === 0) return;
    await tx.query(
      `INSERT INTO "${this.s}".alert_records
         (id, integration_id, alert_key, ticket_id, ticket_number, name, severity, priority, area, labels, status,
          firing_count, first_seen_at, last_seen_at, last_note_at)
       SELECT id, integration_id, alert_key, ticket_id, ticket_number, name, severity, priority, area, labels, status,
              1, at, at, at
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::bigint[], $6::text[], $7::text[], $8::text[],
                     $9::text[], $10::jsonb[], $11::text[], $12::timestamptz[])
           AS t (id, integration_id, alert_key, ticket_id, ticket_number, name, severity, priority, area, labels, status, at)`,
      [
        records.map((r) => r.id),
        records.map((r) => r.integrationId),
        records.map((r) => r.alertKey),
        records.map((r) => r.ticketId),
        records.map((r) => r.ticketNumber),
        records.map((r) => r.name),
        records.map((r) => r.severity),
        records.map((r) => r.priority),
        records.map((r) => r.area),
        records.map((r) => JSON.stringify(r.labels)),
        records.map((r) => r.status),
        records.map((r) => r.at.toISOString()),
      ],
    );
  }

  /** Writes the state a batch of firings and resolutions left each record in. */
  async saveRecords(tx: EntityManager, records: Array<SavedRecord & { id: string }>, at: Date): Promise<void> {
    if (records.length === 0) return;
    await tx.query(
      `UPDATE "${this.s}".alert_records r
          SET firing_count = t.firing_count, status = t.status, resolved_at = t.resolved_at,
              last_note_at = t.last_note_at, labels = coalesce(t.labels, r.labels),
              last_seen_at = greatest(r.last_seen_at, $7)
         FROM unnest($1::uuid[], $2::int[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::jsonb[])
           AS t (id, firing_count, status, resolved_at, last_note_at, labels)
        WHERE r.id = t.id`,
      [
        records.map((r) => r.id),
        records.map((r) => r.firingCount),
        records.map((r) => r.status),
        records.map((r) => r.resolvedAt?.toISOString() ?? null),
        records.map((r) => r.lastNoteAt.toISOString()),
        records.map((r) => (r.labels ? JSON.stringify(r.labels) : null)),
        at.toISOString(),
      ],
    );
  }

  async insertNotes(
    tx: EntityManager,
    notes: Array<{ id: string; recordId: string; ticketNumber: number; text: string }>,
  ): Promise<void> {
    if (notes.length === 0) return;
    await tx.query(
      `INSERT INTO "${this.s}".alert_notes (id, record_id, ticket_number, text)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::bigint[], $4::text[]) ON CONFLICT (id) DO NOTHING`,
      [
        notes.map((n) => n.id),
        notes.map((n) => n.recordId),
        notes.map((n) => n.ticketNumber),
        notes.map((n) => n.text),
      ],
    );
  }

  /** Notes not yet on their ticket, oldest first, locked so two instances never post the same one at once. */
  async claimPendingNotes(tx: EntityManager, limit: number): Promise<PendingNote[]> {
    const rows: Array<{ id: string; ticket_number: string; text: string; attempts: number }> = await tx.query(
      `SELECT id, ticket_number, text, attempts FROM "${this.s}".alert_notes
         WHERE posted_at IS NULL AND attempts < 100 ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => ({ id: r.id, ticketNumber: Number(r.ticket_number), text: r.text, attempts: r.attempts }));
  }

  async notePosted(tx: EntityManager, id: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".alert_notes SET posted_at = now(), last_error = NULL WHERE id = $1`, [id]);
  }

  async noteFailed(tx: EntityManager, id: string, error: string): Promise<void> {
    await tx.query(`UPDATE "${this.s}".alert_notes SET attempts = attempts + 1, last_error = $2 WHERE id = $1`, [
      id,
      error.slice(0, 1000),
    ]);
  }

  async recent(limit: number, integrationId: string | undefined): Promise<AlertRecordV1[]> {
    const rows: RecordRow[] = await this.runtime.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM "${this.s}".alert_records r
         JOIN "${this.s}".alert_integrations i ON i.id = r.integration_id
        WHERE $2::uuid IS NULL OR r.integration_id = $2
        ORDER BY r.last_seen_at DESC, r.id LIMIT $1`,
      [limit, integrationId ?? null],
    );
    return rows.map(toRecord);
  }

  async ofTicketNumber(number: number): Promise<AlertRecordV1[]> {
    const rows: RecordRow[] = await this.runtime.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM "${this.s}".alert_records r
         JOIN "${this.s}".alert_integrations i ON i.id = r.integration_id
        WHERE r.ticket_number = $1 ORDER BY r.first_seen_at, r.id LIMIT 100`,
      [number],
    );
    return rows.map(toRecord);
  }

  /** The ticket was closed or merged: its alerts' next firing opens a new ticket. */
  async finishTicket(tx: EntityManager, ticketId: string, at: Date): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".alert_records SET finished_at = $2 WHERE ticket_id = $1 AND finished_at IS NULL`,
      [ticketId, at.toISOString()],
    );
  }

  /** Reopened: its alerts fold into it again, unless the same alert already opened another ticket meanwhile. */
  async reopenTicket(tx: EntityManager, ticketId: string): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".alert_records r SET finished_at = NULL
        WHERE r.ticket_id = $1 AND r.finished_at IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM "${this.s}".alert_records o
                           WHERE o.integration_id = r.integration_id AND o.alert_key = r.alert_key
                             AND o.finished_at IS NULL)`,
      [ticketId],
    );
  }
}

interface RecordRow {
  id: string;
  integration_id: string;
  integration_name: string;
  kind: AlertSourceKind;
  alert_key: string;
  name: string;
  severity: string | null;
  priority: Priority;
  area: string;
  labels: Record<string, string>;
  status: 'firing' | 'resolved';
  firing_count: number;
  first_seen_at: Date;
  last_seen_at: Date;
  resolved_at: Date | null;
  ticket_id: string;
  ticket_number: string;
  finished_at: Date | null;
}

function toRecord(r: RecordRow): AlertRecordV1 {
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

function toIntegration(r: IntegrationRow): Integration {
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
