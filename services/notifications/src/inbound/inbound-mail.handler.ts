import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  InboundMailCommands,
  InboundTicketAttachmentsQueryV1,
  ListInboundQueryV1,
  RetryInboundCommandV1,
  type InboundListV1,
  type InboundMessageSummaryV1,
  type InboundTicketAttachmentsV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { InboundAdminUseCase } from './inbound-admin.use-case.js';
import { InboundAttachmentsUseCase } from './inbound-attachments.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed by the gateway under api/v1/notifications/inbound. */
@Controller()
export class InboundMailHandler {
  constructor(
    private readonly admin: InboundAdminUseCase,
    private readonly attachments: InboundAttachmentsUseCase,
  ) {}

  @MessagePattern(InboundMailCommands.ListInbound)
  list(@Payload() data: unknown): Promise<InboundListV1> {
    return this.admin.list(parseMessage(ListInboundQueryV1, data));
  }

  @MessagePattern(InboundMailCommands.RetryInbound)
  retry(@Payload() data: unknown): Promise<InboundMessageSummaryV1> {
    return this.admin.retry(parseMessage(RetryInboundCommandV1, data));
  }

  @MessagePattern(InboundMailCommands.TicketAttachments)
  ticketAttachments(@Payload() data: unknown): Promise<InboundTicketAttachmentsV1> {
    return this.attachments.ofTicket(parseMessage(InboundTicketAttachmentsQueryV1, data));
  }
}
