import { Injectable } from '@nestjs/common';
import {
  DEFAULT_DELIVERIES_LISTED,
  Role,
  type ActorV1,
  type DeliveryListV1,
  type ListDeliveriesQueryV1,
  type RetryDeliveryCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import type { DeliverySummary } from '../delivery/delivery.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';

/** Administrators see the mails (failed ones above all) and send a failed one again. */
@Injectable()
export class DeliveriesAdminUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async list(query: ListDeliveriesQueryV1): Promise<DeliveryListV1> {
    onlyAdministrators(query.actor);
    const deliveries = await this.runtime.transaction((tx) =>
      this.deliveries.list(tx, query.status ?? null, query.limit ?? DEFAULT_DELIVERIES_LISTED),
    );
    return { deliveries };
  }

  /**
   * Back to pending, due now and with its attempts counted from zero; the mail keeps its body and
   * Message-ID. Only a failed mail: a pending one is retried already and a sent one is not sent twice.
   */
  async retry(command: RetryDeliveryCommandV1): Promise<DeliverySummary> {
    onlyAdministrators(command.actor);
    return this.runtime.transaction(async (tx) => {
      const retried = await this.deliveries.retryFailed(tx, command.id);
      if (retried) {
        this.runtime.logger.info(
          { deliveryId: retried.id, ticketNumber: retried.ticketNumber, by: command.actor.accountId },
          'failed mail queued again',
        );
        return retried;
      }
      const existing = await this.deliveries.find(tx, command.id);
      if (!existing) throw ServiceError.notFound('delivery', command.id);
      throw ServiceError.conflict({ code: 'notifications.delivery-not-failed', params: { status: existing.status } });
    });
  }
}

export function onlyAdministrators(actor: ActorV1): void {
  if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'notifications.mails-admins-only' });
}
