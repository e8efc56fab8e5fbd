import { Injectable } from '@nestjs/common';
import type { InboundTicketAttachmentsQueryV1, InboundTicketAttachmentsV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { InboundMessageRepository } from './inbound-message.repository.js';

/**
 * What came attached to a ticket's mails, for the gateway's attachments API: metadata and storage keys,
 * never bytes (the gateway streams them from the store). No actor: the gateway answers only after its
 * own visibility check of the ticket, as for the files it holds.
 */
@Injectable()
export class InboundAttachmentsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly messages: InboundMessageRepository,
  ) {}

  async ofTicket(query: InboundTicketAttachmentsQueryV1): Promise<InboundTicketAttachmentsV1> {
    const attachments = await this.runtime.dataSource.transaction((tx) =>
      this.messages.attachmentsOfTicket(tx, query.number),
    );
    return { attachments };
  }
}
