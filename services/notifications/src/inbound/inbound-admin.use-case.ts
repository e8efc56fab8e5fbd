import { Injectable } from '@nestjs/common';
import {
  DEFAULT_INBOUND_LISTED,
  Role,
  type InboundListV1,
  type InboundMessageSummaryV1,
  type ListInboundQueryV1,
  type RetryInboundCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { InboundMessageRepository } from './inbound-message.repository.js';
import { InboundProcessor } from './inbound-processor.js';

/** Administrators see what arrived by mail (failed mails above all) and have a failed one processed again. */
@Injectable()
export class InboundAdminUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly messages: InboundMessageRepository,
    private readonly processor: InboundProcessor,
  ) {}

  async list(query: ListInboundQueryV1): Promise<InboundListV1> {
    onlyAdministrators(query.actor.role);
    const messages = await this.runtime.dataSource.transaction((tx) =>
      this.messages.list(tx, query.status ?? null, query.limit ?? DEFAULT_INBOUND_LISTED),
    );
    return { messages };
  }

  /**
   * Only a failed mail: once what made it fail is fixed (a service back, a requester's address
   * corrected in the ticket), it is processed again with its attempts counted from zero.
   */
  async retry(command: RetryInboundCommandV1): Promise<InboundMessageSummaryV1> {
    onlyAdministrators(command.actor.role);
    const retried = await this.runtime.dataSource.transaction(async (tx) => {
      const again = await this.messages.retryFailed(tx, command.id);
      if (again) return again;
      const existing = await this.messages.find(tx, command.id);
      if (!existing) throw ServiceError.notFound('inbound mail', command.id);
      throw ServiceError.conflict({ code: 'notifications.inbound-not-failed', params: { status: existing.status } });
    });
    this.runtime.logger.info(
      { inboundId: retried.id, by: command.actor.accountId },
      'failed inbound mail queued again',
    );
    this.processor.wake();
    return retried;
  }
}

function onlyAdministrators(role: string): void {
  if (role !== Role.Admin) throw ServiceError.forbidden({ code: 'notifications.inbound-admins-only' });
}
