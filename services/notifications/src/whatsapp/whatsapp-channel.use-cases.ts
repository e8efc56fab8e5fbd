import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ErrorCode,
  Role,
  type EventEnvelope,
  type ListWhatsappDeliveriesQueryV1,
  type ReceiveWhatsappCommandV1,
  type ReceiveWhatsappResultV1,
  type RetryWhatsappDeliveryCommandV1,
  type TicketClosedV1,
  type TicketCommentedV1,
  type TicketMergedV1,
  type TicketReopenedV1,
  type TicketResolvedV1,
  type WhatsappDeliveryListV1,
  type WhatsappDeliverySummaryV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime, type BatchScope } from '@cau/messaging';
import { onlyAdministrators } from '../admin/deliveries-admin.use-case.js';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { BatchWrites } from '../persistence/batch-writes.js';
import { WhatsappKind, templateParameter, whatsappTexts } from './whatsapp-texts.js';
import { WhatsappSettings } from './whatsapp-settings.js';
import { WhatsappWorker } from './whatsapp-worker.js';
import { WhatsappRepository } from './whatsapp.repository.js';

/**
 * What the gateway forwards from a signed webhook call: each message is kept once by its WhatsApp id
 * (a redelivered call stores nothing), in one transaction committed before the gateway answers 200, so
 * WhatsApp redelivers whatever was not kept. Statuses update the messages we sent.
 */
@Injectable()
export class ReceiveWhatsappUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: WhatsappSettings,
    private readonly repository: WhatsappRepository,
    private readonly worker: WhatsappWorker,
  ) {}

  async receive(command: ReceiveWhatsappCommandV1): Promise<ReceiveWhatsappResultV1> {
    // The gateway only forwards when it has a webhook secret; notifications without an account refuses
    // rather than keep messages nothing would process.
    if (!this.settings.current) {
      throw new ServiceError({ code: ErrorCode.NotFound, params: { resource: 'whatsapp-account', id: 'none' } });
    }
    const result = await this.runtime.transaction(async (tx) => {
      let stored = 0;
      for (const message of command.messages) if (await this.repository.store(tx, message)) stored += 1;
      const statuses = await this.repository.recordStatuses(tx, command.statuses);
      return { stored, duplicates: command.messages.length - stored, statuses };
    });
    this.runtime.logger.info(result, 'whatsapp webhook received');
    if (result.stored > 0) this.worker.wake();
    return result;
  }
}

/**
 * Ticket updates told by WhatsApp to the numbers the requester wrote from. Which events: the same the
 * requester is mailed about (a staff public reply, resolved, closed, reopened; the registration is
 * answered when the message is processed). Who: a requester who has written to us by WhatsApp (their
 * contact row is their opt-in, as Meta requires); they are still mailed as before. One row per
 * (event, number), so a redelivered event sends nothing twice.
 */
@Injectable()
export class QueueWhatsappNoticesUseCase {
  constructor(
    private readonly settings: NotificationsSettings,
    private readonly whatsapp: WhatsappSettings,
    private readonly repository: WhatsappRepository,
    private readonly writes: BatchWrites,
    private readonly worker: WhatsappWorker,
  ) {}

  commented(event: EventEnvelope<TicketCommentedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    const { data } = event;
    if (data.internal === true || data.by.role === Role.Requester || data.by.role === Role.Referente) {
      return Promise.resolve();
    }
    return this.notice(event, tx, batch, WhatsappKind.StaffReplied, (texts) => texts.replied(data.by.name, data.text));
  }

  resolved(event: EventEnvelope<TicketResolvedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    return this.notice(event, tx, batch, WhatsappKind.TicketResolved, (texts) => texts.resolved(event.data.solution));
  }

  async closed(event: EventEnvelope<TicketClosedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    await this.repository.forgetOpenTicket(tx, event.data.ticketId);
    await this.notice(event, tx, batch, WhatsappKind.TicketClosed, (texts) => texts.closed);
  }

  reopened(event: EventEnvelope<TicketReopenedV1>, tx: EntityManager, batch: BatchScope): Promise<void> {
    return this.notice(event, tx, batch, WhatsappKind.TicketReopened, (texts) => texts.reopened(event.data.reason));
  }

  /** The duplicate's messages would go to a ticket nobody works on: the next one opens a new ticket. */
  async merged(event: EventEnvelope<TicketMergedV1>, tx: EntityManager): Promise<void> {
    await this.repository.forgetOpenTicket(tx, event.data.duplicate.ticketId);
  }

  private async notice(
    event: EventEnvelope<{ ticketId: string; number: number }>,
    tx: EntityManager,
    batch: BatchScope,
    kind: WhatsappKind,
    text: (texts: ReturnType<typeof whatsappTexts>) => string,
  ): Promise<void> {
    const whatsapp = this.whatsapp.current;
    if (!whatsapp) return;
    // A ticket registered earlier in this batch is among the batch's pending copies.
    const ticket = await this.writes.ticket(tx, batch, event.data.ticketId);
    // Unknown ticket: the mail plans retry until the registration is here; WhatsApp goes to the
    // requester's numbers, which only a processed message (after the registration) adds, so none yet.
    if (!ticket) return;
    const contacts = await this.repository.contactsOf(tx, ticket.requesterEmail);
    if (contacts.length === 0) return;
    const body = templateParameter(text(whatsappTexts(this.settings.current.language)));
    let queued = false;
    for (const contact of contacts) {
      queued =
        (await this.repository.insertPending(tx, {
          eventId: event.id,
          recipient: contact.phone,
          kind,
          template: whatsapp.templates.update,
          language: whatsapp.templates.language,
          parameters: [String(ticket.number), body],
          ticketId: ticket.ticketId,
          ticketNumber: ticket.number,
        })) || queued;
    }
    // Sent once the consumer's transaction commits (the poll is the safety net).
    if (queued) setTimeout(() => this.worker.wake(), 50);
  }
}

/** Administrators: WhatsApp messages sent, and a failed or uncertain one sent again. */
@Injectable()
export class WhatsappAdminUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly repository: WhatsappRepository,
    private readonly worker: WhatsappWorker,
  ) {}

  async list(query: ListWhatsappDeliveriesQueryV1): Promise<WhatsappDeliveryListV1> {
    onlyAdministrators(query.actor);
    const deliveries = await this.runtime.transaction((tx) => this.repository.list(tx, query.status ?? null, 200));
    return { deliveries };
  }

  async retry(command: RetryWhatsappDeliveryCommandV1): Promise<WhatsappDeliverySummaryV1> {
    onlyAdministrators(command.actor);
    const retried = await this.runtime.transaction(async (tx) => {
      const row = await this.repository.retryFailed(tx, command.id);
      if (row) return row;
      if (!(await this.repository.exists(tx, command.id))) throw ServiceError.notFound('whatsapp-delivery', command.id);
      throw ServiceError.conflict({ code: 'notifications.whatsapp-not-resendable' });
    });
    this.runtime.logger.info({ deliveryId: retried.id, by: command.actor.accountId }, 'whatsapp message queued again');
    this.worker.wake();
    return retried;
  }
}
