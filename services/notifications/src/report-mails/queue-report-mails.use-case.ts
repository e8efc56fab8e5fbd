import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ScheduledReportReadyV1 } from '@cau/contracts';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { renderReportMail } from './report-mail.template.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Records one mail per recipient of a scheduled report, in the consumer's transaction; the delivery log's
 * key (event, recipient) makes a redelivered event add nothing, and the sender sends each mail once.
 */
@Injectable()
export class QueueReportMailsUseCase {
  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly settings: NotificationsSettings,
  ) {}

  async handle(event: EventEnvelope<ScheduledReportReadyV1>, tx: EntityManager): Promise<void> {
    const config = this.settings.current;
    const mail = renderReportMail(event.data, config.portalUrl);
    // The period's workbook, when reporting sent one: the same file on every recipient's mail.
    const spreadsheet = event.data.spreadsheet;
    const attachments = spreadsheet
      ? [{ fileName: spreadsheet.fileName, contentType: XLSX_TYPE, base64: spreadsheet.base64 }]
      : [];
    for (const recipient of new Set(event.data.recipients.map((r) => r.trim().toLowerCase()))) {
      await this.deliveries.insertPending(tx, {
        id: randomUUID(),
        eventId: event.id,
        recipient,
        kind: DeliveryKind.ScheduledReport,
        language: event.data.language,
        ticketId: null,
        ticketNumber: null,
        ...mail,
        messageId: deliveryMessageId(DeliveryKind.ScheduledReport, event.id, recipient, config.messageIdDomain),
        threadMessageId: null,
        attachments,
      });
    }
  }
}
