import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Channel,
  ErrorCode,
  Limits,
  Role,
  TicketType,
  type ActorV1,
  type ReceiveAlertsCommandV1,
  type ReceiveAlertsResultV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { RegisterTicketUseCase } from '../registration/register-ticket.use-case.js';
import { parseAlertPayload, type ParsedAlert } from './alert-payloads.js';
import {
  areaFor,
  classificationFor,
  noteDue,
  priorityFor,
  repeatNote,
  resolvedNote,
  ticketDescription,
  ticketTitle,
  type Integration,
} from './alert-rules.js';
import { AlertNotesPoster } from './alert-notes.poster.js';
import {
  AlertsRepository,
  type AlertRef,
  type NewRecord,
  type TakenFiring,
  type OpenRecord,
  type SavedRecord,
} from './alerts.repository.js';

type Outcome = ReceiveAlertsResultV1['alerts'][number];
interface Applied {
  outcome: Outcome;
  note: boolean;
}
interface Pending {
  /** As the call was checked against; replaced by the row read in the batch's transaction. */
  integration: Integration;
  presentedSecret: string | undefined;
  alert: ParsedAlert;
  /** When the call arrived, in milliseconds (`arrivalTime`): orders parked firings among the calls of a batch. */
  arrival: number;
  resolve: (applied: Applied) => void;
  reject: (error: unknown) => void;
  /** Its parking was refused (its integration changed): it waits in its lane and takes the full way. */
  unparkable?: boolean;
}
const MAX_BATCH = 500;
/** Parked firings older than this are swept by any instance (theirs stopped before sweeping them). */
const STALE_PARKED_SECONDS = 30;
const LANES = 4;
interface Lane {
  queue: Pending[];
  draining: Promise<void> | null;
}
type WorkingRecord = OpenRecord & SavedRecord;

/**
 * One webhook call of a monitoring tool. Checked in this order, nothing stored before all three pass:
 * the integration exists and is enabled (404), the secret's hash matches in constant time (401), the
 * payload is the tool's format (400 naming the field). Then the alerts, group-committed with those of other
 * calls. Repeated firings of an alert whose ticket is open only count, in one statement (`foldRepeats`); the
 * rest is applied under an advisory lock per (integration, alert key): the first firing registers an `incidente` on channel
 * `monitoreo` (intake's registration path: numbers without gaps, `ticket.registered` through the outbox)
 * together with its alert record; later firings while the record is open only count (a timeline note at
 * most once per interval); a resolved notification queues the "alerta resuelta" note and never closes. Firings
 * that arrive while their alert's ticket is being opened are parked and answered "queued" (`park`).
 */
@Injectable()
export class ReceiveAlertsUseCase implements OnModuleInit, OnModuleDestroy {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly alerts: AlertsRepository,
    private readonly register: RegisterTicketUseCase,
    private readonly notes: AlertNotesPoster,
  ) {}

  /**
   * The integrations calls were accepted for, so that a call costs no read of its own: the batch that applies
   * its alerts reads the integration again, in its transaction, and refuses them if it was disabled, its secret
   * rotated or its kind changed meanwhile (at any instance).
   */
  private readonly known = new Map<string, Integration>();

  private remember(id: string, integration: Integration | undefined): void {
    if (integration?.enabled) this.known.set(id, integration);
    else this.known.delete(id);
  }

  /** Where firings are taken and folded; an alert always goes to the same one (`laneOf`), so its firings stay in order. */
  private readonly lanes: Lane[] = Array.from({ length: LANES }, () => ({ queue: [], draining: null }));
  /** What the fold did not apply: first firings, resolutions, due notes, changed integrations. */
  private readonly fullWay: Lane = { queue: [], draining: null };
  /** Alerts with firings on the full way (queued or in its batch), with how many: their lanes park or hold their next firings. */
  private readonly onFullWay = new Map<string, number>();
  /** Alerts with parked firings to sweep once they leave the full way. */
  private readonly parkedWhileOnFullWay = new Map<string, AlertRef>();
  /** Alerts whose parked firings the full way's next batch takes. */
  private readonly sweeps = new Map<string, AlertRef>();
  private staleSweeper: NodeJS.Timeout | null = null;

  onModuleInit(): void {
    this.staleSweeper = setInterval(() => void this.sweepStaleParkedFirings(), STALE_PARKED_SECONDS * 1000);
    this.staleSweeper.unref();
  }

  async receive(command: ReceiveAlertsCommandV1): Promise<ReceiveAlertsResultV1> {
    const { integrationId, secretSha256 } = command;
    let integration = this.known.get(integrationId);
    // Only an acceptance rests on the remembered row (and is checked again in the batch's transaction); a
    // refusal is always decided on the stored one.
    if (!integration || !secretMatches(integration.secretSha256, secretSha256)) {
      integration = (await this.alerts.findIntegration(integrationId)) ?? undefined;
      this.remember(integrationId, integration);
    }
    if (!integration || !integration.enabled) throw ServiceError.notFound('integration', integrationId);
    if (!secretMatches(integration.secretSha256, secretSha256))
      throw new ServiceError({ code: ErrorCode.Unauthorized });
    const parsed = parseAlertPayload(integration.kind, command.payload);
    if (!parsed.ok) throw ServiceError.validation(parsed.problems);
    const checked = integration;
    const applied = await Promise.all(parsed.alerts.map((alert) => this.apply(checked, secretSha256, alert)));
    if (applied.some((a) => a.note)) this.notes.kick();
    return { alerts: applied.map((a) => a.outcome) };
  }

  async onModuleDestroy(): Promise<void> {
    if (this.staleSweeper) clearInterval(this.staleSweeper);
    // A lane hands alerts to the full way and the full way hands held alerts back to their lanes: wait until
    // neither has anything left.
    for (;;) {
      const busy = [...this.lanes, this.fullWay].flatMap((lane) => (lane.draining ? [lane.draining] : []));
      if (busy.length === 0) return;
      await Promise.all(busy);
    }
  }

  /**
   * Alerts are group-committed like registrations: what arrives while a batch is applied is the next batch
   * (an alert storm repeats few alerts many times: one statement folds hundreds). Each alert has a lane
   * (`laneOf`), where its firings are taken in arrival order and repeats are folded in one statement. What the
   * fold does not apply goes to the full way, one transaction per batch for every lane (the openings queue on the
   * ticket-number row lock anyway, so one batch of many is cheaper than one per lane). While an alert is on the
   * full way its later firings wait in its lane; the other alerts' firings go on being folded beside it, so a
   * storm's new tickets do not hold up the repeats of the alerts already open.
   */
  private apply(integration: Integration, presentedSecret: string | undefined, alert: ParsedAlert): Promise<Applied> {
    return new Promise((resolve, reject) => {
      const lane = this.lanes[laneOf(refKey(integration.id, alert.key))]!;
      lane.queue.push({ integration, presentedSecret, alert, arrival: arrivalTime(), resolve, reject });
      this.kick(lane);
    });
  }

  private kick(lane: Lane): void {
    if (lane.queue.length > 0) lane.draining ??= this.drainLane(lane);
  }

  private async drainLane(lane: Lane): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    for (;;) {
      const { taken, parked } = this.takeReady(lane);
      if (taken.length === 0 && parked.length === 0) break;
      if (parked.length > 0) await this.park(lane, parked);
      if (taken.length === 0) continue;
      // The fold is one statement: when it fails it changed nothing, and every alert takes the full way.
      const rest = await this.foldRepeats(taken).catch(() => taken);
      if (rest.length > 0) this.sendFullWay(rest);
    }
    lane.draining = null;
  }

  /**
   * Up to a batch of the lane's firings, in arrival order. Those of alerts on the full way (their ticket being
   * opened, their resolution or due note being written) are parked if they are firings, or stay queued, and so
   * does every later one of the same alert.
   */
  private takeReady(lane: Lane): { taken: Pending[]; parked: Pending[] } {
    const taken: Pending[] = [];
    const parked: Pending[] = [];
    const held: Pending[] = [];
    const holding = new Set<string>();
    for (const item of lane.queue) {
      const key = refKey(item.integration.id, item.alert.key);
      if (!this.onFullWay.has(key)) {
        if (taken.length < MAX_BATCH) taken.push(item);
        else held.push(item);
      } else if (item.alert.status === 'firing' && !item.unparkable && !holding.has(key) && parked.length < MAX_BATCH) {
        parked.push(item);
      } else {
        held.push(item);
        holding.add(key);
      }
    }
    lane.queue = held;
    return { taken, parked };
  }

  /**
   * Firings of alerts on the full way, stored in one statement and answered "queued" at once: a storm's repeats
   * of an alert whose ticket is being opened do not wait for the opening. They are applied when the alert leaves
   * the full way (`sweep`). Refused (an integration changed) or failed, they go back to the front of their lane
   * and wait there as before.
   */
  private async park(lane: Lane, items: Pending[]): Promise<void> {
    const stored = await this.alerts
      .parkFirings(
        items.map((item) => ({
          integrationId: item.integration.id,
          alert: item.alert,
          arrival: item.arrival,
          secretSha256: item.presentedSecret ?? '',
          kind: item.integration.kind,
        })),
        new Date(),
      )
      .catch(() => false);
    if (!stored) {
      for (const item of items) item.unparkable = true;
      lane.queue.unshift(...items);
      return;
    }
    for (const item of items) {
      item.resolve({ outcome: { alertKey: item.alert.key, ticketNumber: 0, outcome: 'queued' }, note: false });
      const ref = { integrationId: item.integration.id, alertKey: item.alert.key };
      const key = refKey(ref.integrationId, ref.alertKey);
      if (this.onFullWay.has(key)) this.parkedWhileOnFullWay.set(key, ref);
      else this.sweep(ref);
    }
  }

  /** The full way's next batch takes the alert's parked firings (they are applied there, in order). */
  private sweep(ref: AlertRef): void {
    const key = refKey(ref.integrationId, ref.alertKey);
    this.parkedWhileOnFullWay.delete(key);
    this.sweeps.set(key, ref);
    this.fullWay.draining ??= this.drainFullWay();
  }

  /** Parked firings an instance left behind (it stopped between parking and sweeping them). */
  private async sweepStaleParkedFirings(): Promise<void> {
    const stale = await this.alerts.staleParkedAlerts(STALE_PARKED_SECONDS, MAX_BATCH).catch(() => []);
    for (const ref of stale) {
      const key = refKey(ref.integrationId, ref.alertKey);
      if (!this.onFullWay.has(key) && !this.parkedWhileOnFullWay.has(key)) this.sweep(ref);
    }
  }

  private sendFullWay(items: Pending[]): void {
    for (const item of items) {
      const key = refKey(item.integration.id, item.alert.key);
      this.onFullWay.set(key, (this.onFullWay.get(key) ?? 0) + 1);
    }
    this.fullWay.queue.push(...items);
    this.fullWay.draining ??= this.drainFullWay();
  }

  private async drainFullWay(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.fullWay.queue.length > 0 || this.sweeps.size > 0) {
      const batch = this.fullWay.queue.splice(0, MAX_BATCH);
      const sweeps = [...this.sweeps.values()];
      this.sweeps.clear();
      try {
        this.settle(batch, await this.applyBatch(batch, sweeps));
      } catch {
        // One alert's failure (its integration's category was retired meanwhile…) must not fail the others:
        // each alert's firings are applied again on their own. A sweep that fails again leaves its firings
        // parked, for the alert's next batch or the stale sweep.
        for (const group of groupByAlert(batch)) {
          try {
            this.settle(
              group,
              await this.applyBatch(
                group,
                sweeps.filter((s) => sameAlert(s, group[0]!)),
              ),
            );
          } catch (error) {
            for (const item of group) item.reject(error);
          }
        }
        for (const sweep of sweeps.filter((s) => !batch.some((item) => sameAlert(s, item)))) {
          await this.applyBatch([], [sweep]).then(
            (applied) => this.settle([], applied),
            () => undefined,
          );
        }
      }
      for (const item of batch) {
        const key = refKey(item.integration.id, item.alert.key);
        const left = this.onFullWay.get(key)! - 1;
        if (left > 0) this.onFullWay.set(key, left);
        else {
          this.onFullWay.delete(key);
          const parked = this.parkedWhileOnFullWay.get(key);
          if (parked) this.sweep(parked);
        }
      }
      for (const lane of this.lanes) this.kick(lane);
    }
    this.fullWay.draining = null;
  }

  /**
   * Most of a storm is firings of alerts whose ticket is open: those are counted in one statement (one round
   * trip instead of a transaction of five), and answered. What it does not apply takes the full way, returned
   * in arrival order: first firings, resolutions, a due note, calls whose integration changed since they were
   * accepted. Whole alerts only, so an alert's firings are never split between the two.
   */
  private async foldRepeats(batch: Pending[]): Promise<Pending[]> {
    const candidates = groupByAlert(batch).filter((group) => {
      const { presentedSecret, integration } = group[0]!;
      return group.every(
        (item) =>
          item.alert.status === 'firing' &&
          item.presentedSecret === presentedSecret &&
          item.integration.kind === integration.kind,
      );
    });
    if (candidates.length === 0) return batch;
    const folded = await this.alerts.foldRepeatFirings(
      candidates.map((group) => {
        const first = group[0]!;
        return {
          integrationId: first.integration.id,
          alertKey: first.alert.key,
          firings: group.length,
          labels: group[group.length - 1]!.alert.labels,
          secretSha256: first.presentedSecret ?? '',
          kind: first.integration.kind,
        };
      }),
      new Date(),
    );
    const ticketOf = new Map(folded.map((f) => [refKey(f.integrationId, f.alertKey), f.ticketNumber]));
    const answered = new Set<Pending>();
    for (const group of candidates) {
      const { integration, alert } = group[0]!;
      const ticketNumber = ticketOf.get(refKey(integration.id, alert.key));
      if (ticketNumber === undefined) continue;
      for (const item of group) {
        item.resolve({ outcome: { alertKey: alert.key, ticketNumber, outcome: 'folded' }, note: false });
        answered.add(item);
      }
    }
    return batch.filter((item) => !answered.has(item));
  }

  private settle(items: Pending[], { results, parkedNoted }: BatchResults): void {
    items.forEach((item, i) => {
      const result = results[i]!;
      if (result instanceof ServiceError) item.reject(result);
      else item.resolve(result);
    });
    if (parkedNoted) this.notes.kick();
  }

  /**
   * One transaction for the batch's firings and the sweeps' alerts. The parked firings of every alert it handles
   * are taken too and applied among its calls in the order they arrived, as firings like any other: counted on
   * the open record, or, when the alert's opening failed, opening its ticket with the first of them.
   */
  private applyBatch(batch: Pending[], sweeps: AlertRef[]): Promise<BatchResults> {
    return this.runtime.transaction(async (tx) => {
      const refs = [
        ...new Map(
          [
            ...groupByAlert(batch).map((g) => ({ integrationId: g[0]!.integration.id, alertKey: g[0]!.alert.key })),
            ...sweeps,
          ].map((ref) => [refKey(ref.integrationId, ref.alertKey), ref]),
        ).values(),
      ];
      const current = await this.alerts.lockAlertsReadingIntegrations(tx, refs);
      const refusals = new Map<Pending, ServiceError>();
      for (const item of batch) {
        const id = item.integration.id;
        const now = current.get(id);
        this.remember(id, now);
        const refusal = refusalOf(item, now);
        if (refusal) refusals.set(item, refusal);
        else item.integration = now!;
      }
      const parked = parkedItems(await this.alerts.takeParkedFirings(tx, refs), current);
      const groups = groupByAlert([...parked, ...batch.filter((item) => !refusals.has(item))]).map((group) =>
        group.sort((a, b) => a.arrival - b.arrival),
      );
      const found = await this.alerts.findOpenRecords(tx, refs);
      const now = new Date();
      // The first firing of each alert without an open record opens its ticket; all in one registration.
      const openers = groups
        .filter((g) => !found.has(refKey(g[0]!.integration.id, g[0]!.alert.key)))
        .map((g) => g.find((item) => item.alert.status === 'firing'))
        .filter((item): item is Pending => item !== undefined);
      const opened = await this.openTickets(tx, openers, now);
      const results = new Map<Pending, Applied>();
      const saves: WorkingRecord[] = [];
      const notes: Array<{ id: string; recordId: string; ticketNumber: number; text: string }> = [];
      for (const group of groups) {
        const { integration } = group[group.length - 1]!;
        const alertKey = group[0]!.alert.key;
        const stored = found.get(refKey(integration.id, alertKey));
        let open: WorkingRecord | null = stored ? { ...stored, resolvedAt: null, labels: null } : null;
        let dirty = false;
        for (const item of group) {
          const { alert } = item;
          const created = opened.get(item);
          if (created) {
            open = { ...created, resolvedAt: null, labels: null };
            results.set(item, {
              outcome: { alertKey, ticketNumber: open.ticketNumber, outcome: 'opened' },
              note: false,
            });
            continue;
          }
          if (alert.status === 'firing' && open) {
            open.firingCount += 1;
            open.status = 'firing';
            open.resolvedAt = null;
            open.labels = alert.labels;
            dirty = true;
            const due = noteDue(open.lastNoteAt, now, integration.settings.noteIntervalMinutes);
            if (due) {
              open.lastNoteAt = now;
              notes.push({
                id: randomUUID(),
                recordId: open.id,
                ticketNumber: open.ticketNumber,
                text: repeatNote(open.name, open.firingCount, now),
              });
            }
            results.set(item, { outcome: { alertKey, ticketNumber: open.ticketNumber, outcome: 'folded' }, note: due });
            continue;
          }
          // Resolved. A resolved alert without an open ticket (closed, or it fired before the integration
          // existed) opens nothing; Alertmanager repeats resolved notifications: only the first is noted.
          if (!open) {
            results.set(item, { outcome: { alertKey, ticketNumber: 0, outcome: 'ignored' }, note: false });
            continue;
          }
          const first = open.status === 'firing';
          if (first) {
            open.status = 'resolved';
            open.resolvedAt = now;
            dirty = true;
            notes.push({
              id: randomUUID(),
              recordId: open.id,
              ticketNumber: open.ticketNumber,
              text: resolvedNote(open.name, alert.endsAt, open.firingCount),
            });
          }
          results.set(item, {
            outcome: { alertKey, ticketNumber: open.ticketNumber, outcome: 'resolved' },
            note: first,
          });
        }
        if (open && dirty) saves.push(open);
      }
      await this.alerts.saveRecords(tx, saves, now);
      await this.alerts.insertNotes(tx, notes);
      return {
        results: batch.map((item) => refusals.get(item) ?? results.get(item)!),
        parkedNoted: parked.some((item) => results.get(item)?.note),
      };
    });
  }

  /** First firings: `incidente`s on channel `monitoreo` (one registration, numbers drawn together) and their records. */
  private async openTickets(tx: EntityManager, openers: Pending[], now: Date): Promise<Map<Pending, OpenRecord>> {
    if (openers.length === 0) return new Map();
    const plans = openers.map(({ integration, alert }) => {
      const priority = priorityFor(integration.kind, integration.settings, alert.severity);
      return { integration, alert, priority, area: areaFor(integration.settings, alert) };
    });
    const tickets = await this.register.registerManyWithin(
      tx,
      plans.map(({ integration, alert, priority, area }) => ({
        command: {
          actor: integrationActor(integration),
          payload: {
            channel: Channel.Monitoreo,
            requester: { email: integration.settings.contactEmail, name: integration.settings.contactName },
            jurisdiction: integration.settings.jurisdiction,
            title: fit(ticketTitle(alert), Limits.title),
            description: fit(ticketDescription(integration, alert), Limits.description),
            type: TicketType.Incidente,
            category: integration.settings.category,
            ...classificationFor(priority),
          },
        },
        routing: { area, priority },
      })),
    );
    const records: NewRecord[] = plans.map(({ integration, alert, priority, area }, i) => ({
      id: randomUUID(),
      integrationId: integration.id,
      alertKey: alert.key,
      ticketId: tickets[i]!.ticketId,
      ticketNumber: tickets[i]!.number,
      name: alert.name,
      severity: alert.severity,
      priority,
      area,
      labels: alert.labels,
      status: 'firing',
      at: now,
    }));
    await this.alerts.insertRecords(tx, records);
    return new Map(
      openers.map((item, i) => [
        item,
        {
          id: records[i]!.id,
          ticketId: records[i]!.ticketId,
          ticketNumber: records[i]!.ticketNumber,
          name: records[i]!.name,
          status: 'firing',
          firingCount: 1,
          lastNoteAt: now,
        },
      ]),
    );
  }
}

/**
 * What the call would be answered had it been checked against the integration as it is now: gone or disabled
 * (404), another secret (401); another kind (its payload was read as the old one's) asks the tool to send again.
 */
function refusalOf(item: Pending, now: Integration | undefined): ServiceError | null {
  if (!now || !now.enabled) return ServiceError.notFound('integration', item.integration.id);
  if (!secretMatches(now.secretSha256, item.presentedSecret)) return new ServiceError({ code: ErrorCode.Unauthorized });
  if (now.kind !== item.integration.kind) return new ServiceError({ code: ErrorCode.ServiceUnavailable });
  return null;
}

interface BatchResults {
  /** One per call of the batch, in order. */
  results: Array<Applied | ServiceError>;
  /** Whether a parked firing queued a timeline note (their calls were answered when they were parked). */
  parkedNoted: boolean;
}

/** Parked firings as items of the batch: answered already, so nothing waits on them. */
function parkedItems(parked: TakenFiring[], integrations: Map<string, Integration>): Pending[] {
  // The batch read the integration of every alert it takes firings of (a parked firing's row references it).
  return parked.map(({ integrationId, alert, arrival }) => ({
    integration: integrations.get(integrationId)!,
    presentedSecret: undefined,
    alert,
    arrival,
    resolve: noop,
    reject: noop,
  }));
}

const noop = (): void => undefined;

/** Milliseconds since the epoch, with the fraction: calls a microsecond apart keep their order. */
function arrivalTime(): number {
  return performance.timeOrigin + performance.now();
}

function sameAlert(ref: AlertRef, item: Pending): boolean {
  return ref.integrationId === item.integration.id && ref.alertKey === item.alert.key;
}

function refKey(integrationId: string, alertKey: string): string {
  return `${integrationId}\u0000${alertKey}`;
}

/** The lane an integration's alert goes to (and its firings after it). */
export function alertLane(integrationId: string, alertKey: string): number {
  return laneOf(refKey(integrationId, alertKey));
}

/** The lane of an alert: a string hash (FNV-1a) of its key, spread over the lanes. */
function laneOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % LANES;
}

/** The batch's items per alert, in arrival order within each. */
function groupByAlert(batch: Pending[]): Pending[][] {
  const groups = new Map<string, Pending[]>();
  for (const item of batch) {
    const key = refKey(item.integration.id, item.alert.key);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return [...groups.values()];
}

/** SHA-256 hashes compared in constant time (equal lengths by construction). */
export function secretMatches(storedSha256: string, presentedSha256: string | undefined): boolean {
  const stored = Buffer.from(storedSha256, 'hex');
  const presented = Buffer.from(presentedSha256 ?? '', 'hex');
  // A missing or short hash is compared against a hash of nothing, so the time taken does not say which.
  const candidate = presented.length === stored.length ? presented : createHash('sha256').update('').digest();
  return timingSafeEqual(stored, candidate) && presented.length === stored.length;
}

/** The integration account the tickets are registered by: one per monitoring source. */
export function integrationActor(integration: Integration): ActorV1 {
  return {
    accountId: integration.id,
    role: Role.Operator,
    email: integration.settings.contactEmail,
    name: fit(`Monitoreo: ${integration.name}`, Limits.name),
  };
}

function fit(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
