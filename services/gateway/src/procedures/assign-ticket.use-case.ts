import { Injectable } from '@nestjs/common';
import { ResolutionRpc, type ActorV1, type AssignTicketBodyV1, type LifecycleStateV1 } from '@cau/contracts';
import { AccountRepository } from '../accounts/account.repository.js';
import { PerformTicketActionUseCase } from './perform-ticket-action.use-case.js';

/**
 * Assignment names a person by account; the gateway owns accounts, so it adds the assignee's address
 * for the mails that reach them later (a ticket derived back to their area). An assignee the gateway
 * does not know (accounts kept elsewhere) is still assigned, and is reached through the area's mailbox.
 */
@Injectable()
export class AssignTicketUseCase {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly actions: PerformTicketActionUseCase,
  ) {}

  async execute(actor: ActorV1, number: number, body: AssignTicketBodyV1): Promise<LifecycleStateV1> {
    const assignee = await this.accounts.findById(body.assigneeId);
    return this.actions.perform(ResolutionRpc.Assign, {
      actor,
      number,
      body,
      ...(assignee ? { assigneeEmail: assignee.email } : {}),
    });
  }
}
