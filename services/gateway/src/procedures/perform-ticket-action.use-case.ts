import { Injectable } from '@nestjs/common';
import {
  RoutingRpc,
  forArea,
  type AreaRpcDefinition,
  type LifecycleStateV1,
  type TicketCommandBase,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';
import { FreshTickets } from '../tickets/fresh-tickets.js';

/**
 * Resolution is served per area (`resolution.UIT.ticket.take.v1`) and only routing knows where a ticket
 * is, so every resolution action asks routing first and then goes to that area's instances. An action on a
 * ticket registered a moment ago waits for routing and resolution to know it (`FreshTickets`).
 */
@Injectable()
export class PerformTicketActionUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly fresh: FreshTickets,
  ) {}

  /** The command may carry fields the gateway adds beside the body (facts it owns, such as accounts' addresses). */
  async perform<Command extends TicketCommandBase>(
    action: AreaRpcDefinition<Command, LifecycleStateV1>,
    command: Command,
  ): Promise<LifecycleStateV1> {
    return this.fresh.settle(command.actor, command.number, async () => {
      const { area } = await this.rpc.request(RoutingRpc.Locate, { actor: command.actor, number: command.number });
      return this.rpc
        .request(forArea(action, area), command)
        .catch((error: unknown) => rethrowRelativeTo(error, 'body'));
    });
  }
}
