import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  InventoryRpc,
  STAFF_ROLES,
  type ActorV1,
  type FieldTicketV1,
  type FieldVisitV1,
  type RepairOutBodyV1,
  type RepairReturnBodyV1,
  type RepairV1,
  type SignOffBodyV1,
  type SignOffV1,
  type PlanVisitBodyV1,
  type RecordVisitBodyV1,
  type TicketEquipmentV1,
  type VisitorBodyV1,
  type VisitorV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { AccountRepository } from '../accounts/account.repository.js';
import { InventoryClient } from '../http/service-clients.js';
import { GetTicketUseCase } from '../tickets/get-ticket.use-case.js';

/**
 * Field service on a ticket. The ticket is read first as the actor (reporting's access rules: a
 * requester, their own; a referente, their jurisdiction's; staff, all), so an unknown ticket or one the
 * actor may not see is refused before inventory is asked; inventory decides who may change what.
 */
@Injectable()
export class FieldServiceUseCase {
  constructor(
    private readonly inventory: InventoryClient,
    private readonly readTicket: GetTicketUseCase,
    private readonly accounts: AccountRepository,
  ) {}

  async equipment(actor: ActorV1, number: number): Promise<TicketEquipmentV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.TicketEquipment, { actor, ticket });
  }

  async link(actor: ActorV1, number: number, equipmentId: string): Promise<TicketEquipmentV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.LinkTicketEquipment, { actor, ticket, link: { equipmentId } }, 'link');
  }

  async unlink(actor: ActorV1, number: number, equipmentId: string): Promise<TicketEquipmentV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.UnlinkTicketEquipment, {
      actor,
      ticket,
      equipmentId,
    });
  }

  async visits(actor: ActorV1, number: number): Promise<FieldVisitV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.TicketVisits, { actor, ticket });
  }

  async planVisit(actor: ActorV1, number: number, body: PlanVisitBodyV1): Promise<FieldVisitV1> {
    const ticket = await this.ticket(actor, number);
    const visitor = await this.visitor(body.visitor);
    return this.inventory.request(InventoryRpc.PlanVisit, {
      actor,
      ticket,
      visitId: randomUUID(),
      plannedFor: body.plannedFor,
      visitor,
      ...(body.note !== undefined ? { note: body.note } : {}),
    });
  }

  async recordVisit(actor: ActorV1, number: number, visitId: string, body: RecordVisitBodyV1): Promise<FieldVisitV1> {
    const ticket = await this.ticket(actor, number);
    const visitor = await this.visitor(body.visitor);
    return this.inventory.request(InventoryRpc.RecordVisit, {
      actor,
      ticket,
      visitId,
      ...body,
      visitor,
    });
  }

  async repairs(actor: ActorV1, number: number): Promise<RepairV1[]> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.TicketRepairs, { actor, ticket });
  }

  async repairOut(actor: ActorV1, number: number, repair: RepairOutBodyV1): Promise<RepairV1> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.RecordRepairOut, { actor, ticket, repair }, 'repair');
  }

  async repairReturn(actor: ActorV1, number: number, repairId: string, repair: RepairReturnBodyV1): Promise<RepairV1> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.RecordRepairReturn, { actor, ticket, repairId, repair }, 'repair');
  }

  /** The F03 as bytes: whoever may see the ticket may print it (a requester, their own ticket's). */
  async repairForm(actor: ActorV1, number: number, repairId: string): Promise<{ filename: string; pdf: Buffer }> {
    const ticket = await this.ticket(actor, number);
    const form = await this.inventory.document(InventoryRpc.RepairForm, { actor, ticket, repairId });
    return { filename: form.filename, pdf: Buffer.from(form.pdf, 'base64') };
  }

  async signOff(actor: ActorV1, number: number): Promise<SignOffV1> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.TicketSignOff, { actor, ticket });
  }

  async recordSignOff(actor: ActorV1, number: number, signOff: SignOffBodyV1): Promise<SignOffV1> {
    const ticket = await this.ticket(actor, number);
    return this.inventory.request(InventoryRpc.RecordSignOff, { actor, ticket, signOff }, 'signOff');
  }

  /** A staff visitor is an active staff account (accounts are the gateway's); its name goes along. */
  private async visitor(visitor: VisitorBodyV1): Promise<VisitorV1> {
    if (visitor.kind !== 'staff') return visitor;
    const account = await this.accounts.findById(visitor.accountId!);
    if (!account?.active || !STAFF_ROLES.includes(account.role)) {
      throw ServiceError.validation([
        { field: 'visitor.accountId', constraint: 'unknownStaff', params: [visitor.accountId] },
      ]);
    }
    return { kind: 'staff', accountId: account.id, name: account.name };
  }

  private async ticket(actor: ActorV1, number: number): Promise<FieldTicketV1> {
    const view = await this.readTicket.read(actor, number);
    return { ticketId: view.ticketId, ticketNumber: view.number };
  }
}
