import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  IntakeRpc,
  InventoryEvents,
  type AssignCustodyCommandV1,
  type CustodyHolderV1,
  type CustodyPeriodV1,
  type EquipmentRefV1,
  type EquipmentV1,
  type ReturnCustodyCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayChangeInventory, mayReadInventory } from '../access/access-policy.js';
import { EquipmentRepository, toView } from '../equipment/equipment.repository.js';
import { mustBe } from '../equipment/equipment.use-cases.js';
import { custodyDecision, stateAfterCustody } from './custody.js';
import { CustodyRepository } from './custody.repository.js';

/**
 * Custody (resguardo): equipment given to a person of the requester directory (intake's), transferred to
 * another, or returned. Each change closes the open period and opens the next in one transaction, with a
 * history entry and an event.
 */
@Injectable()
export class ManageCustodyUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly equipment: EquipmentRepository,
    private readonly custody: CustodyRepository,
  ) {}

  async assign({ actor, id, custody }: AssignCustodyCommandV1): Promise<EquipmentV1> {
    mustBe(mayChangeInventory(actor));
    if (!(await this.equipment.find(id))) throw ServiceError.notFound('equipment', id);
    const holder = await this.holder(actor, custody.requesterId);
    return this.runtime.transaction(async (tx) => {
      const current = await this.equipment.find(id, tx, true);
      if (!current) throw ServiceError.notFound('equipment', id);
      const from = current.custody?.holder ?? null;
      const decision = custodyDecision(current.data.state, from?.requesterId ?? null, holder.requesterId);
      if (!decision.allowed) throw ServiceError.conflict(decision.refusal);
      const now = new Date();
      await this.custody.close(tx, id, actor, now);
      await this.custody.open(tx, randomUUID(), id, holder, actor, now, custody.note?.trim() || null);
      const state = stateAfterCustody(current.data.state, decision.change);
      await this.custody.setHolder(tx, id, holder, now, state);
      await this.equipment.appendHistory(
        tx,
        actor,
        [
          {
            equipmentId: id,
            action: decision.change === 'assigned' ? 'custody-assigned' : 'custody-transferred',
            before: { ...(from ? { holder: from.name, holderEmail: from.email } : {}), state: current.data.state },
            after: { holder: holder.name, holderEmail: holder.email, state },
          },
        ],
        now,
      );
      await this.runtime.outbox.append(tx, {
        definition: InventoryEvents.CustodyChanged,
        ticketId: null,
        data: {
          equipmentId: id,
          inventoryNumber: current.data.inventoryNumber,
          change: decision.change,
          fromRequesterId: from?.requesterId ?? null,
          toRequesterId: holder.requesterId,
        },
      });
      return toView((await this.equipment.find(id, tx))!);
    });
  }

  async return({ actor, id, custody }: ReturnCustodyCommandV1): Promise<EquipmentV1> {
    mustBe(mayChangeInventory(actor));
    return this.runtime.transaction(async (tx) => {
      const current = await this.equipment.find(id, tx, true);
      if (!current) throw ServiceError.notFound('equipment', id);
      const from = current.custody?.holder;
      if (!from) throw ServiceError.conflict({ code: 'inventory.not-held' });
      const now = new Date();
      await this.custody.close(tx, id, actor, now);
      const state = stateAfterCustody(current.data.state, 'returned');
      await this.custody.setHolder(tx, id, null, null, state);
      await this.equipment.appendHistory(
        tx,
        actor,
        [
          {
            equipmentId: id,
            action: 'custody-returned',
            before: { holder: from.name, holderEmail: from.email, state: current.data.state },
            after: { ...(custody.note?.trim() ? { note: custody.note.trim() } : {}), state },
          },
        ],
        now,
      );
      await this.runtime.outbox.append(tx, {
        definition: InventoryEvents.CustodyChanged,
        ticketId: null,
        data: {
          equipmentId: id,
          inventoryNumber: current.data.inventoryNumber,
          change: 'returned',
          fromRequesterId: from.requesterId,
          toRequesterId: null,
        },
      });
      return toView((await this.equipment.find(id, tx))!);
    });
  }

  async periods({ actor, id }: EquipmentRefV1): Promise<CustodyPeriodV1[]> {
    mustBe(mayReadInventory(actor));
    if (!(await this.equipment.find(id))) throw ServiceError.notFound('equipment', id);
    return this.custody.periods(id);
  }

  /** The person from intake's directory, as the actor (intake checks that staff may read it). */
  private async holder(actor: AssignCustodyCommandV1['actor'], requesterId: string): Promise<CustodyHolderV1> {
    try {
      const requester = await this.runtime.rpc.request(IntakeRpc.GetRequester, {
        actor,
        id: requesterId,
      });
      return { requesterId: requester.id, name: requester.name, email: requester.email };
    } catch (error) {
      if (error instanceof ServiceError && error.payload.code === ErrorCode.NotFound) {
        throw ServiceError.validation([
          { field: 'requesterId', constraint: 'unknownRequester', params: [requesterId] },
        ]);
      }
      throw error;
    }
  }
}
