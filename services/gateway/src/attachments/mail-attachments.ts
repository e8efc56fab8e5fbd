import { Injectable } from '@nestjs/common';
import { NotificationsRpc, type InboundAttachmentV1 } from '@cau/contracts';
import { RpcClient, ServiceRuntime, ServiceUnavailableError } from '@cau/messaging';

/**
 * What came attached to a ticket's mails and WhatsApp messages, asked of notifications (which keeps the metadata; the bytes
 * are in the shared attachment store). Only after the caller checked the actor may see the ticket.
 */
@Injectable()
export class MailAttachments {
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    private readonly rpc: RpcClient,
    runtime: ServiceRuntime,
  ) {
    this.logger = runtime.logger.child({ component: 'mail-attachments' });
  }

  /**
   * The ticket's mail attachments. Notifications not answering leaves them out of a listing rather than
   * failing the ticket page (logged). `strict` (a download): a late answer is a 503, but no notifications
   * instance at all (no responders) means no mail files to serve, so the id is simply not found.
   */
  async ofTicket(number: number, strict = false): Promise<InboundAttachmentV1[]> {
    try {
      const answer = await this.rpc.request(NotificationsRpc.InboundTicketAttachments, { number });
      return answer.attachments;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableError)) throw error;
      if (strict && error.reason !== 'no-responders') throw error;
      this.logger.warn({ err: error, ticket: number }, 'mail attachments left out: notifications did not answer');
      return [];
    }
  }
}
