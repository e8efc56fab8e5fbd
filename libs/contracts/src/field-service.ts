import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsString, IsUUID, Max, Min, ValidateNested } from 'class-validator';
import { ActorEnvelopeBase } from './common.js';
import { defineEvent } from './events/envelope.js';
import { EQUIPMENT_STATES, type EquipmentState } from './inventory.js';

/**
 * Field service on a ticket (seed 004, issue 15): the equipment a ticket names. Inventory keeps the links;
 * the gateway checks that the actor may see the ticket (reporting's access rules) before it asks, and
 * hands inventory the ticket's id and number. See ./subjects.ts for the naming rule.
 */
export const FieldServiceCommands = {
  LinkTicketEquipment: 'inventory.ticket-equipment.link.v1',
  UnlinkTicketEquipment: 'inventory.ticket-equipment.unlink.v1',
} as const;

export const FieldServiceQueries = {
  /** The equipment one ticket names. */
  TicketEquipment: 'inventory.ticket-equipment.list.v1',
  /** The tickets that name one piece of equipment (the equipment page). */
  EquipmentTickets: 'inventory.equipment.tickets.v1',
} as const;

/** The ticket as the gateway found it (it exists and the actor may see it). */
export class FieldTicketV1 {
  @IsUUID()
  ticketId!: string;

  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  ticketNumber!: number;
}

export class LinkTicketEquipmentBodyV1 {
  /** The equipment's id (found with `GET /api/v1/inventory/equipment?text=` by inventory number or serial). */
  @IsUUID()
  equipmentId!: string;
}

export class LinkTicketEquipmentCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsObject()
  @ValidateNested()
  @Type(() => LinkTicketEquipmentBodyV1)
  link!: LinkTicketEquipmentBodyV1;
}

export class UnlinkTicketEquipmentCommandV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;

  @IsUUID()
  equipmentId!: string;
}

export class TicketEquipmentQueryV1 extends ActorEnvelopeBase {
  @IsObject()
  @ValidateNested()
  @Type(() => FieldTicketV1)
  ticket!: FieldTicketV1;
}

/** What a ticket's header and the equipment page show of a piece of equipment. */
export interface EquipmentSummaryV1 {
  id: string;
  inventoryNumber: string;
  serial: string | null;
  type: string;
  brand: string | null;
  model: string | null;
  state: EquipmentState;
}

export interface TicketEquipmentV1 {
  ticketNumber: number;
  equipment: EquipmentSummaryV1;
  linkedBy: { accountId: string; name: string };
  linkedAt: string;
}

/** Payload of `equipment.ticket-linked` and `equipment.ticket-unlinked` (the envelope carries the ticket id). */
export class TicketEquipmentChangedV1 {
  @IsInt()
  @Min(1)
  ticketNumber!: number;

  @IsUUID()
  equipmentId!: string;

  @IsString()
  inventoryNumber!: string;

  @IsIn(EQUIPMENT_STATES)
  state!: EquipmentState;
}

export const FieldServiceEvents = {
  TicketEquipmentLinked: defineEvent('equipment.ticket-linked', 1, TicketEquipmentChangedV1),
  TicketEquipmentUnlinked: defineEvent('equipment.ticket-unlinked', 1, TicketEquipmentChangedV1),
} as const;
