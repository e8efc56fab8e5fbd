import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  ErrorCode,
  Events,
  type ActorV1,
  type ContactV1,
  type Priority,
  type RegisterTicketCommandV1,
  type RegisterTicketResultV1,
  type TicketRegisteredV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime, currentCorrelation, type CorrelationScope } from '@cau/messaging';
import { CatalogueRepository } from '../catalogue/catalogue.repository.js';
import { catalogueProblem } from './catalogue-check.js';
import { mayRegister, normalizeEmail } from './registration-policy.js';
import { registrationFingerprint } from './registration-fingerprint.js';
import { TicketRepository, type NewTicketRow, type StoredRegistration } from './ticket.repository.js';

interface PendingRegistration {
  command: RegisterTicketCommandV1;
  scopedKey: string | null;
  fingerprint: string | null;
  correlation: CorrelationScope | undefined;
  resolve: (result: RegisterTicketResultV1) => void;
  reject: (error: unknown) => void;
}

const MAX_BATCH = 200;

/** A request's own answer inside a batch: a refusal of one (a reused idempotency key) is not the batch's. */
type Outcome = { ok: true; result: RegisterTicketResultV1 } | { ok: false; error: ServiceError };

function settle(pending: PendingRegistration, outcome: Outcome): void {
  if (outcome.ok) pending.resolve(outcome.result);
  else pending.reject(outcome.error);
}

/**
 * Registers tickets. Requests arriving together are committed together (group commit): one
 * transaction draws a block of consecutive numbers and writes the tickets and their
 * `ticket.registered` events. Commits are what cost time on a small server, so this is what lets one
 * instance take well over a thousand registrations a second. A request refused on its own merits (an
 * idempotency key reused for other data) gets its refusal while the rest of the batch commits; only an
 * unexpected failure makes the batch retry one request at a time, so one bad request never fails the others.
 */
@Injectable()
export class RegisterTicketUseCase implements OnModuleDestroy {
  private queue: PendingRegistration[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: TicketRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  /** Validated command in, ticket number out. Authorization and validation happen before a number is drawn. */
  register(command: RegisterTicketCommandV1): Promise<RegisterTicketResultV1> {
    const decision = mayRegister(command.actor, command.payload);
    if (!decision.allowed) return Promise.reject(ServiceError.forbidden(decision.refusal));
    const scopedKey = command.idempotencyKey ? `${command.actor.accountId}:${command.idempotencyKey}` : null;
    return new Promise((resolve, reject) => {
      this.queue.push({
        command: normalize(command),
        scopedKey,
        fingerprint: scopedKey ? registrationFingerprint(command.payload) : null,
        correlation: currentCorrelation(),
        resolve,
        reject,
      });
      this.draining ??= this.drain();
    });
  }

  /**
   * Registers tickets inside the caller's transaction, for monitoring alerts: the tickets and the alert
   * records that fold the alerts' later firings into them commit together, or nothing does. The same checks,
   * the same counter (numbers without gaps, one block per call) and the same `ticket.registered` events as
   * `register`, plus the area and priority the integration chose. The caller batches (alerts group-commit).
   */
  async registerManyWithin(
    tx: EntityManager,
    requests: Array<{ command: RegisterTicketCommandV1; routing: { area: string; priority: Priority } }>,
  ): Promise<RegisterTicketResultV1[]> {
    if (requests.length === 0) return [];
    const commands = requests.map(({ command }) => {
      const decision = mayRegister(command.actor, command.payload);
      if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
      return normalize(command);
    });
    const payloads = commands.map((c) => c.payload);
    const values = await this.catalogue.registrationValues(
      tx,
      payloads.map((p) => p.category),
      payloads.map((p) => p.jurisdiction),
      payloads.flatMap((p) => p.service ?? []),
    );
    for (const payload of payloads) {
      const problem = catalogueProblem(values, payload);
      if (problem) throw ServiceError.validation([problem]);
    }
    await this.tickets.ensureJurisdictions(
      tx,
      payloads.map((p) => p.jurisdiction),
    );
    // Every alert of an integration has the same requester: one already recorded as it is is not updated,
    // so concurrent batches do not queue on its row lock.
    const requesterIds = new Map<string, string>();
    const changed: Array<ContactV1 & { id: string; jurisdiction: string }> = [];
    for (const payload of payloads) {
      if (requesterIds.has(payload.requester.email)) continue;
      const contact = { ...payload.requester, jurisdiction: payload.jurisdiction };
      const id = await this.tickets.findUnchangedRequester(tx, contact);
      if (id) requesterIds.set(payload.requester.email, id);
      else if (!changed.some((c) => c.email === contact.email)) changed.push({ ...contact, id: randomUUID() });
    }
    if (changed.length > 0) {
      for (const [email, id] of await this.tickets.upsertRequesters(tx, changed)) requesterIds.set(email, id);
    }
    // Drawn last: the counter's row stays locked until commit.
    const first = await this.tickets.drawNumbers(tx, requests.length);
    const registeredAt = new Date();
    const rows: NewTicketRow[] = commands.map((command, i) => ({
      id: randomUUID(),
      number: first + i,
      requesterId: requesterIds.get(command.payload.requester.email)!,
      registration: command.payload,
      registeredBy: registeredBy(command.actor),
      registeredAt,
      idempotencyKey: null,
      fingerprint: null,
      routing: requests[i]!.routing,
    }));
    await this.tickets.insertTickets(tx, rows);
    const correlation = currentCorrelation();
    await this.runtime.outbox.appendMany(
      tx,
      rows.map((row) => ({
        definition: Events.TicketRegistered,
        ticketId: row.id,
        data: registeredEvent(row),
        correlation,
      })),
    );
    return rows.map((row) => ({
      ticketId: row.id,
      number: row.number,
      registeredAt: row.registeredAt.toISOString(),
      created: true,
    }));
  }

  async onModuleDestroy(): Promise<void> {
    await this.draining;
  }

  private async drain(): Promise<void> {
    // Let requests that arrived in the same tick join the first batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const outcomes = await this.commit(batch);
        batch.forEach((pending, i) => settle(pending, outcomes[i]!));
      } catch {
        for (const pending of batch) {
          try {
            const [outcome] = await this.commit([pending]);
            settle(pending, outcome!);
          } catch (error) {
            pending.reject(error);
          }
        }
      }
    }
    this.draining = null;
  }

  private async commit(batch: PendingRegistration[]): Promise<Outcome[]> {
    return this.runtime.transaction(async (tx) => {
      const keys = batch.map((p) => p.scopedKey).filter((k): k is string => k !== null);
      const existing = await this.tickets.findByIdempotencyKeys(tx, keys);
      const results: Array<Outcome | undefined> = [];
      const candidates: Array<{ index: number; pending: PendingRegistration }> = [];
      const createdInBatch = new Map<string, number>();
      batch.forEach((pending, index) => {
        const previous = pending.scopedKey ? existing.get(pending.scopedKey) : undefined;
        if (previous) {
          results[index] = replay(previous, pending);
          return;
        }
        const sameKeyEarlier = pending.scopedKey ? createdInBatch.get(pending.scopedKey) : undefined;
        if (sameKeyEarlier !== undefined) return; // filled in below from the first request with the key
        if (pending.scopedKey) createdInBatch.set(pending.scopedKey, index);
        candidates.push({ index, pending });
      });
      // Checked inside the transaction, against the catalogue as it is when the numbers are drawn.
      const values = await this.catalogue.registrationValues(
        tx,
        candidates.map(({ pending }) => pending.command.payload.category),
        candidates.map(({ pending }) => pending.command.payload.jurisdiction),
        candidates.flatMap(({ pending }) => pending.command.payload.service ?? []),
      );
      const toCreate = candidates.filter(({ index, pending }) => {
        const problem = catalogueProblem(values, pending.command.payload);
        if (problem) results[index] = { ok: false, error: ServiceError.validation([problem]) };
        return problem === null;
      });
      if (toCreate.length > 0) {
        const requesterIds = await this.tickets.upsertRequesters(
          tx,
          dedupeByEmail(
            toCreate.map(({ pending }) => ({
              ...pending.command.payload.requester,
              id: randomUUID(),
              jurisdiction: pending.command.payload.jurisdiction,
            })),
          ),
        );
        await this.tickets.ensureJurisdictions(
          tx,
          toCreate.map(({ pending }) => pending.command.payload.jurisdiction),
        );
        const first = await this.tickets.drawNumbers(tx, toCreate.length);
        const registeredAt = new Date();
        const rows: NewTicketRow[] = toCreate.map(({ pending }, i) => ({
          id: randomUUID(),
          number: first + i,
          requesterId: requesterIds.get(pending.command.payload.requester.email)!,
          registration: pending.command.payload,
          registeredBy: registeredBy(pending.command.actor),
          registeredAt,
          idempotencyKey: pending.scopedKey,
          fingerprint: pending.fingerprint,
        }));
        await this.tickets.insertTickets(tx, rows);
        // Each event keeps the correlation id of the HTTP request that registered it.
        await this.runtime.outbox.appendMany(
          tx,
          rows.map((row, i) => ({
            definition: Events.TicketRegistered,
            ticketId: row.id,
            data: registeredEvent(row),
            correlation: toCreate[i]!.pending.correlation,
          })),
        );
        rows.forEach((row, i) => {
          results[toCreate[i]!.index] = {
            ok: true,
            result: {
              ticketId: row.id,
              number: row.number,
              registeredAt: row.registeredAt.toISOString(),
              created: true,
            },
          };
        });
      }
      return batch.map((pending, index) => {
        const result = results[index];
        if (result) return result;
        const firstIndex = createdInBatch.get(pending.scopedKey!)!;
        const first = results[firstIndex]!;
        // The first request with the key was refused (catalogue) or created in this very batch.
        if (!first.ok) return first;
        return replay({ ...first.result, fingerprint: batch[firstIndex]!.fingerprint }, pending);
      });
    });
  }
}

function replay(
  previous: StoredRegistration | (RegisterTicketResultV1 & { fingerprint: string | null }),
  pending: PendingRegistration,
): Outcome {
  if (previous.fingerprint !== pending.fingerprint)
    return { ok: false, error: new ServiceError({ code: ErrorCode.IdempotencyMismatch }) };
  return {
    ok: true,
    result: {
      ticketId: previous.ticketId,
      number: previous.number,
      registeredAt: previous.registeredAt,
      created: false,
    },
  };
}

function normalize(command: RegisterTicketCommandV1): RegisterTicketCommandV1 {
  const payload = command.payload;
  return {
    ...command,
    payload: {
      ...payload,
      title: payload.title.trim(),
      requester: {
        ...payload.requester,
        email: normalizeEmail(payload.requester.email),
        name: payload.requester.name.trim(),
      },
      ...(payload.reportedBy
        ? { reportedBy: { ...payload.reportedBy, email: normalizeEmail(payload.reportedBy.email) } }
        : {}),
    },
  };
}

function dedupeByEmail<T extends { email: string }>(contacts: T[]): T[] {
  return [...new Map(contacts.map((c) => [c.email, c])).values()];
}

function registeredBy(actor: ActorV1): { accountId: string; name: string; role: string } {
  return { accountId: actor.accountId, name: actor.name, role: actor.role };
}

function registeredEvent(row: NewTicketRow): TicketRegisteredV1 {
  const r = row.registration;
  return {
    ticketId: row.id,
    number: row.number,
    registeredAt: row.registeredAt.toISOString(),
    channel: r.channel,
    requesterId: row.requesterId,
    requester: r.requester,
    ...(r.reportedBy ? { reportedBy: r.reportedBy } : {}),
    registeredBy: row.registeredBy,
    jurisdiction: r.jurisdiction,
    title: r.title,
    description: r.description,
    type: r.type,
    category: r.category,
    ...(r.service ? { service: r.service } : {}),
    impact: r.impact,
    urgency: r.urgency,
    attachments: r.attachments ?? [],
    ...(r.equipmentIds?.length ? { equipmentIds: r.equipmentIds } : {}),
    ...(row.routing ? { area: row.routing.area, priority: row.routing.priority } : {}),
  };
}
