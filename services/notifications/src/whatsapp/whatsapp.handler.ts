import { Controller } from '@nestjs/common';
import {
  ListWhatsappDeliveriesQueryV1,
  ReceiveWhatsappCommandV1,
  RetryWhatsappDeliveryCommandV1,
  NotificationsRpc,
  type ReceiveWhatsappResultV1,
  type WhatsappDeliveryListV1,
  type WhatsappDeliverySummaryV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ReceiveWhatsappUseCase, WhatsappAdminUseCase } from './whatsapp-channel.use-cases.js';

/** Request/reply over NATS (queue group `notifications`): the gateway's webhook and admin routes. */
@Controller()
export class WhatsappHandler {
  constructor(
    private readonly receiver: ReceiveWhatsappUseCase,
    private readonly admin: WhatsappAdminUseCase,
  ) {}

  @Answers(NotificationsRpc.ReceiveWhatsapp)
  receive(request: ReceiveWhatsappCommandV1): Promise<ReceiveWhatsappResultV1> {
    return this.receiver.receive(request);
  }

  @Answers(NotificationsRpc.ListWhatsappDeliveries)
  list(request: ListWhatsappDeliveriesQueryV1): Promise<WhatsappDeliveryListV1> {
    return this.admin.list(request);
  }

  @Answers(NotificationsRpc.RetryWhatsappDelivery)
  retry(request: RetryWhatsappDeliveryCommandV1): Promise<WhatsappDeliverySummaryV1> {
    return this.admin.retry(request);
  }
}
