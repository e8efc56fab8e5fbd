import { Injectable } from '@nestjs/common';
import { ReportingRpc, ResolutionRpc, type ActorV1, type TicketViewV1 } from '@cau/contracts';
import { RpcClient, ServiceError, ServiceUnavailableError } from '@cau/messaging';
import { FreshTickets } from './fresh-tickets.js';
import type { TicketDetail } from './ticket.dto.js';

/** Reporting decides what the actor may see (their own tickets, their jurisdiction's, or all). */
@Injectable()
export class GetTicketUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly fresh: FreshTickets,
  ) {}

  /** The ticket as reporting's view has it now: a ticket it has not applied yet is a 404 at once. */
  get(actor: ActorV1, number: number): Promise<TicketViewV1> {
    return this.rpc.request(ReportingRpc.TicketByNumber, { actor, number });
  }

  /**
   * The ticket for a request about it (its attachments, equipment, forms): one registered a moment ago is waited for
   * until reporting's view has it (`FreshTickets`), as the ticket's own read is.
   */
  read(actor: ActorV1, number: number): Promise<TicketViewV1> {
    return this.fresh.settle(actor, number, () => this.get(actor, number));
  }

  /**
   * The ticket with its response and resolution targets, which resolution keeps. The targets are an
   * addition: when resolution has not learnt of the ticket yet, or does not answer, the ticket still shows. A
   * ticket registered a moment ago is waited for until reporting's view has it (`FreshTickets`).
   */
  async detail(actor: ActorV1, number: number): Promise<TicketDetail> {
    const [view, serviceLevel] = await Promise.all([
      this.read(actor, number),
      this.rpc.request(ResolutionRpc.TicketServiceLevel, { actor, number }).catch((error: unknown) => {
        if (error instanceof ServiceError || error instanceof ServiceUnavailableError) return null;
        throw error;
      }),
    ]);
    return { ...view, serviceLevel };
  }
}
