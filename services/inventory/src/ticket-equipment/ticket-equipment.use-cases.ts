import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  FieldServiceEvents,
  type EquipmentRefV1,
  type EventEnvelope,
  type FieldTicketV1,
  type HeldEquipmentCheckQueryV1,
  type HeldEquipmentV1,
  type TicketRegisteredV1,
  type LinkTicketEquipmentCommandV1,
  type TicketEquipmentQueryV1,
  type TicketEquipmentV1,
  type UnlinkTicketEquipmentCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayChangeInventory, mayReadInventory } from '../access/access-policy.js';
import { EquipmentRepository } from '../equipment/equipment.repository.js';
import { mustBe } from '../equipment/equipment.use-cases.js';
import { TicketEquipmentRepository } from './ticket-equipment.repository.js';
import { reportedEquipmentProblems } from './reported-equipment.js';

const unknownEquipment = (id: string) =>
  ServiceError.validation([{ field: 'equipmentId', constraint: 'unknownEquipment', params: [id] }]);

/**
 * The equipment a ticket names (issue 12's header, issue 15's equipment page). The gateway has found the
 * ticket and checked the actor may see it; staff link and unlink, and whoever may see the ticket reads its
 * equipment (a requester, their own ticket's).
 */
@Injectable()
export class TicketEquipmentUseCases {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly equipment: EquipmentRepository,
    private readonly links: TicketEquipmentRepository,
  ) {}

  async link({ actor, ticket, link }: LinkTicketEquipmentCommandV1): Promise<TicketEquipmentV1[]> {
    mustBe(mayChangeInventory(actor));
    return this.runtime.transaction(async (tx) => {
      const found = await this.equipment.find(link.equipmentId, tx);
      if (!found) throw unknownEquipment(link.equipmentId);
      if (await this.links.link(tx, ticket, link.equipmentId, actor, new Date())) {
        await this.runtime.outbox.append(tx, {
          definition: FieldServiceEvents.TicketEquipmentLinked,
          ticketId: ticket.ticketId,
          data: {
            ticketNumber: ticket.ticketNumber,
            equipmentId: found.id,
            inventoryNumber: found.data.inventoryNumber,
            state: found.data.state,
          },
        });
      }
      return this.links.ofTicket(ticket.ticketNumber, tx);
    });
  }

  /** The gateway's check before a registration that names equipment: what the requester does not hold is a 400. */
  async checkHeld({ actor, holderEmail, equipmentIds }: HeldEquipmentCheckQueryV1): Promise<HeldEquipmentV1> {
    const held = await this.links.heldBy(holderEmail, equipmentIds);
    const problems = reportedEquipmentProblems(actor, holderEmail, equipmentIds, held);
    if (problems.length > 0) throw ServiceError.validation(problems);
    return { held: true };
  }

  /**
   * `ticket.registered` with the requester's equipment: each piece is linked as if whoever registered the
   * ticket had linked it, but only if the requester still holds it (custody may have moved since the
   * gateway's check; what they no longer hold is left out, never linked).
   */
  async linkReported({ data }: EventEnvelope<TicketRegisteredV1>, tx: EntityManager): Promise<void> {
    if (!data.equipmentIds?.length) return;
    const held = await this.links.heldBy(data.requester.email, data.equipmentIds, tx);
    const ticket: FieldTicketV1 = { ticketId: data.ticketId, ticketNumber: data.number };
    const by = { accountId: data.registeredBy.accountId, name: data.registeredBy.name };
    for (const id of new Set(data.equipmentIds.map((named) => named.toLowerCase()))) {
      const found = held.has(id) ? await this.equipment.find(id, tx) : null;
      if (found && (await this.links.link(tx, ticket, id, by, new Date(data.registeredAt)))) {
        await this.runtime.outbox.append(tx, {
          definition: FieldServiceEvents.TicketEquipmentLinked,
          ticketId: ticket.ticketId,
          data: {
            ticketNumber: ticket.ticketNumber,
            equipmentId: found.id,
            inventoryNumber: found.data.inventoryNumber,
            state: found.data.state,
          },
        });
      }
    }
  }

  async unlink({ actor, ticket, equipmentId }: UnlinkTicketEquipmentCommandV1): Promise<TicketEquipmentV1[]> {
    mustBe(mayChangeInventory(actor));
    return this.runtime.transaction(async (tx) => {
      const found = await this.equipment.find(equipmentId, tx);
      if (!found) throw unknownEquipment(equipmentId);
      if (!(await this.links.unlink(tx, ticket.ticketNumber, equipmentId))) {
        throw ServiceError.notFound('ticket-equipment', found.data.inventoryNumber);
      }
      await this.runtime.outbox.append(tx, {
        definition: FieldServiceEvents.TicketEquipmentUnlinked,
        ticketId: ticket.ticketId,
        data: {
          ticketNumber: ticket.ticketNumber,
          equipmentId: found.id,
          inventoryNumber: found.data.inventoryNumber,
          state: found.data.state,
        },
      });
      return this.links.ofTicket(ticket.ticketNumber, tx);
    });
  }

  ofTicket({ ticket }: TicketEquipmentQueryV1): Promise<TicketEquipmentV1[]> {
    return this.links.ofTicket(ticket.ticketNumber);
  }

  async ofEquipment({ actor, id }: EquipmentRefV1): Promise<TicketEquipmentV1[]> {
    mustBe(mayReadInventory(actor));
    if (!(await this.equipment.find(id))) throw ServiceError.notFound('equipment', id);
    return this.links.ofEquipment(id);
  }
}
