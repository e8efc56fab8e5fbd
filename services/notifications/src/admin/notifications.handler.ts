import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { parseMessage } from '@cau/messaging';
import type { DeliverySummary } from '../delivery/delivery.js';
import {
  ListDeliveriesQueryV1,
  NotificationsRequests,
  RetryDeliveryCommandV1,
  SetPreferenceCommandV1,
  type DeliveryListV1,
  type PreferenceV1,
} from '../notifications.contracts.js';
import { SetPreferenceUseCase } from '../preferences/set-preference.use-case.js';
import { DeliveriesAdminUseCase } from './deliveries-admin.use-case.js';

/** Request/reply over NATS (queue group `notifications`); nothing of this is exposed over HTTP yet. */
@Controller()
export class NotificationsHandler {
  constructor(
    private readonly preferences: SetPreferenceUseCase,
    private readonly deliveries: DeliveriesAdminUseCase,
  ) {}

  @MessagePattern(NotificationsRequests.SetPreference)
  setPreference(@Payload() data: unknown): Promise<PreferenceV1> {
    return this.preferences.execute(parseMessage(SetPreferenceCommandV1, data));
  }

  @MessagePattern(NotificationsRequests.ListDeliveries)
  listDeliveries(@Payload() data: unknown): Promise<DeliveryListV1> {
    return this.deliveries.list(parseMessage(ListDeliveriesQueryV1, data));
  }

  @MessagePattern(NotificationsRequests.RetryDelivery)
  retryDelivery(@Payload() data: unknown): Promise<DeliverySummary> {
    return this.deliveries.retry(parseMessage(RetryDeliveryCommandV1, data));
  }
}
