import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
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
import { AlertsRepository } from './alerts.repository.js';

type Outcome = ReceiveAlertsResultV1['alerts'][number];

/**
 * One webhook call of a monitoring tool. Checked in this order, nothing stored before all three pass:
 * the integration exists and is enabled (404), the secret's hash matches in constant time (401), the
 * payload is the tool's format (400 naming the field). Then each alert, in its own transaction under an
 * advisory lock on (integration, alert key): the first firing registers an `incidente` on channel
 * `monitoreo` (intake's registration path: numbers without gaps, `ticket.registered` through the outbox)
 * together with its alert record; later firings while the record is open only count (a timeline note at
 * most once per interval); a resolved notification queues the "alerta resuelta" note and never closes.
 */
@Injectable()
export class ReceiveAlertsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly alerts: AlertsRepository,
    private readonly register: RegisterTicketUseCase,
    private readonly notes: AlertNotesPoster,
  ) {}

  async receive(command: ReceiveAlertsCommandV1): Promise<ReceiveAlertsResultV1> {
    const integration = await this.alerts.findIntegration(command.integrationId);
    if (!integration || !integration.enabled) throw ServiceError.notFound('integration', command.integrationId);
    if (!secretMatches(integration.secretSha256, command.secretSha256))
      throw new ServiceError({ code: ErrorCode.Unauthorized });
    const parsed = parseAlertPayload(integration.kind, command.payload);
    if (!parsed.ok) throw ServiceError.validation(parsed.problems);
    const outcomes: Outcome[] = [];
    let noted = false;
    for (const alert of parsed.alerts) {
      const { outcome, note } = await this.apply(integration, alert);
      outcomes.push(outcome);
      noted ||= note;
    }
    if (noted) this.notes.kick();
    return { alerts: outcomes };
  }

  private apply(integration: Integration, alert: ParsedAlert): Promise<{ outcome: Outcome; note: boolean }> {
    return this.runtime.transaction(async (tx) => {
      await this.alerts.lockAlert(tx, integration.id, alert.key);
      const open = await this.alerts.findOpenRecord(tx, integration.id, alert.key);
      const now = new Date();
      if (open && alert.status === 'firing') {
        const due = noteDue(open.lastNoteAt, now, integration.settings.noteIntervalMinutes);
        const count = await this.alerts.fold(tx, open.id, now, due, alert.labels);
        if (due) {
          await this.alerts.insertNote(tx, {
            id: randomUUID(),
            recordId: open.id,
            ticketNumber: open.ticketNumber,
            text: repeatNote(open.name, count, now),
          });
        }
        return { outcome: { alertKey: alert.key, ticketNumber: open.ticketNumber, outcome: 'folded' }, note: due };
      }
      if (open) {
        // Resolved. Alertmanager repeats resolved notifications: only the first one is noted.
        if (open.status === 'resolved')
          return {
            outcome: { alertKey: alert.key, ticketNumber: open.ticketNumber, outcome: 'resolved' },
            note: false,
          };
        await this.alerts.markResolved(tx, open.id, now);
        await this.alerts.insertNote(tx, {
          id: randomUUID(),
          recordId: open.id,
          ticketNumber: open.ticketNumber,
          text: resolvedNote(open.name, alert.endsAt, open.firingCount),
        });
        return { outcome: { alertKey: alert.key, ticketNumber: open.ticketNumber, outcome: 'resolved' }, note: true };
      }
      // A resolved alert without an open ticket has nothing to add to (its ticket was closed, or it fired
      // before the integration existed): it opens nothing.
      if (alert.status === 'resolved')
        return { outcome: { alertKey: alert.key, ticketNumber: 0, outcome: 'ignored' }, note: false };
      const area = areaFor(integration.settings, alert);
      const priority = priorityFor(integration.kind, integration.settings, alert.severity);
      const ticket = await this.register.registerWithin(
        tx,
        {
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
        { area, priority },
      );
      await this.alerts.insertRecord(tx, {
        id: randomUUID(),
        integrationId: integration.id,
        alertKey: alert.key,
        ticketId: ticket.ticketId,
        ticketNumber: ticket.number,
        name: alert.name,
        severity: alert.severity,
        priority,
        area,
        labels: alert.labels,
        status: 'firing',
        at: now,
      });
      return { outcome: { alertKey: alert.key, ticketNumber: ticket.number, outcome: 'opened' }, note: false };
    });
  }
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
