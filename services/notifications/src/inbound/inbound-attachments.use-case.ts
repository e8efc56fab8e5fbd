import { Injectable } from '@nestjs/common';
import type { InboundTicketAttachmentsQueryV1, InboundTicketAttachmentsV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { WhatsappRepository } from '../whatsapp/whatsapp.repository.js';
import { InboundMessageRepository } from './inbound-message.repository.js';

/**
 * What came attached to a ticket's mails and WhatsApp messages, for the gateway's attachments API:
 * metadata and storage keys, never bytes (the gateway streams them from the store), oldest first. No
 * actor: the gateway answers only after its own visibility check of the ticket, as for the files it holds.
 */
@Injectable()
export class InboundAttachmentsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly messages: InboundMessageRepository,
    private readonly whatsapp: WhatsappRepository,
  ) {}

  async ofTicket(query: InboundTicketAttachmentsQueryV1): Promise<InboundTicketAttachmentsV1> {
    const attachments = await this.runtime.dataSource.transaction(async (tx) => [
      ...(await this.messages.attachmentsOfTicket(tx, query.number)),
      ...(await this.whatsapp.attachmentsOfTicket(tx, query.number)),
    ]);
    return { attachments: attachments.sort((a, b) => Date.parse(a.addedAt) - Date.parse(b.addedAt)) };
  }
}
