import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ListWhatsappDeliveriesQueryV1,
  ReceiveWhatsappCommandV1,
  RetryWhatsappDeliveryCommandV1,
  WhatsappCommands,
  type ReceiveWhatsappResultV1,
  type WhatsappDeliveryListV1,
  type WhatsappDeliverySummaryV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ReceiveWhatsappUseCase, WhatsappAdminUseCase } from './whatsapp-channel.use-cases.js';

/** Request/reply over NATS (queue group `notifications`): the gateway's webhook and admin routes. */
@Controller()
export class WhatsappHandler {
  constructor(
    private readonly receiver: ReceiveWhatsappUseCase,
    private readonly admin: WhatsappAdminUseCase,
  ) {}

  @MessagePattern(WhatsappCommands.Receive)
  receive(@Payload() data: unknown): Promise<ReceiveWhatsappResultV1> {
    return this.receiver.receive(parseMessage(ReceiveWhatsappCommandV1, data));
  }

  @MessagePattern(WhatsappCommands.ListDeliveries)
  list(@Payload() data: unknown): Promise<WhatsappDeliveryListV1> {
    return this.admin.list(parseMessage(ListWhatsappDeliveriesQueryV1, data));
  }

  @MessagePattern(WhatsappCommands.RetryDelivery)
  retry(@Payload() data: unknown): Promise<WhatsappDeliverySummaryV1> {
    return this.admin.retry(parseMessage(RetryWhatsappDeliveryCommandV1, data));
  }
}
