import { Controller } from '@nestjs/common';
import {
  NotificationsRpc,
  InboundTicketAttachmentsQueryV1,
  ListInboundQueryV1,
  RetryInboundCommandV1,
  type InboundListV1,
  type InboundMessageSummaryV1,
  type InboundTicketAttachmentsV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { InboundAdminUseCase } from './inbound-admin.use-case.js';
import { InboundAttachmentsUseCase } from './inbound-attachments.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed by the gateway under api/v1/notifications/inbound. */
@Controller()
export class InboundMailHandler {
  constructor(
    private readonly admin: InboundAdminUseCase,
    private readonly attachments: InboundAttachmentsUseCase,
  ) {}

  @Answers(NotificationsRpc.ListInbound)
  list(request: ListInboundQueryV1): Promise<InboundListV1> {
    return this.admin.list(request);
  }

  @Answers(NotificationsRpc.RetryInbound)
  retry(request: RetryInboundCommandV1): Promise<InboundMessageSummaryV1> {
    return this.admin.retry(request);
  }

  @Answers(NotificationsRpc.InboundTicketAttachments)
  ticketAttachments(request: InboundTicketAttachmentsQueryV1): Promise<InboundTicketAttachmentsV1> {
    return this.attachments.ofTicket(request);
  }
}
