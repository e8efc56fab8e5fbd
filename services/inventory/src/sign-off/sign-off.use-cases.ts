import { Injectable } from '@nestjs/common';
import { FieldServiceEvents, type SignOffCommandV1, type SignOffV1, type TicketEquipmentQueryV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayChangeInventory } from '../access/access-policy.js';
import { mustBe } from '../equipment/equipment.use-cases.js';
import { signOffDecision } from './sign-off.js';
import { SignOffRepository } from './sign-off.repository.js';

/**
 * The conformity at the end of a field attention (docs/domain.md § Field service, activities 03 and 09): the user's conformity and
 * the signatures of the user, the head of the department and the repair staff, recorded by staff on the
 * ticket (on a tablet handed to each signer). `field.signed-off` tells resolution the attention is signed.
 */
@Injectable()
export class SignOffUseCases {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly signOffs: SignOffRepository,
  ) {}

  async record({ actor, ticket, signOff }: SignOffCommandV1): Promise<SignOffV1> {
    mustBe(mayChangeInventory(actor));
    return this.runtime.transaction(async (tx) => {
      await this.signOffs.lockTicket(tx, ticket.ticketNumber);
      const { visits, repairs } = await this.signOffs.fieldAttentions(tx, ticket.ticketNumber);
      const decision = signOffDecision(visits, repairs);
      if (!decision.allowed) {
        throw ServiceError.conflict(decision.refusal);
      }
      const now = new Date();
      await this.signOffs.save(tx, ticket, signOff, actor, now);
      await this.runtime.outbox.append(tx, {
        definition: FieldServiceEvents.SignedOff,
        ticketId: ticket.ticketId,
        data: { ticketNumber: ticket.ticketNumber, conforme: signOff.conforme, signedAt: now.toISOString() },
      });
      return (await this.signOffs.find(ticket.ticketNumber, tx))!;
    });
  }

  async ofTicket({ ticket }: TicketEquipmentQueryV1): Promise<SignOffV1> {
    const found = await this.signOffs.find(ticket.ticketNumber);
    if (!found) throw ServiceError.notFound('sign-off', ticket.ticketNumber);
    return found;
  }
}
