import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  InventoryEvents,
  type ActorV1,
  type ChangeEquipmentCommandV1,
  type EquipmentHistoryEntryV1,
  type EquipmentPageV1,
  type EquipmentRecordedV1,
  type EquipmentRefV1,
  type EquipmentTypeV1,
  type EquipmentV1,
  type ListEquipmentQueryV1,
  type RegisterEquipmentCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayChangeInventory, mayReadInventory, type Decision } from '../access/access-policy.js';
import { applyChanges, equipmentFromFields, sameEquipment, type EquipmentData } from './equipment.js';
import { EquipmentRepository, decodeCursor, encodeCursor, toView } from './equipment.repository.js';

const DEFAULT_PAGE_SIZE = 50;

export function mustBe(decision: Decision): void {
  if (!decision.allowed) throw ServiceError.forbidden(decision.refusal);
}

export function numberTaken(field: string, inventoryNumber: string): ServiceError {
  return new ServiceError({
    code: ErrorCode.Conflict,
    refusal: { code: 'inventory.number-taken', params: { inventoryNumber } },
    fields: [{ field, constraint: 'inventoryNumberTaken', params: [inventoryNumber] }],
  });
}

export function recordOf(equipmentId: string, data: EquipmentData, revision: number): EquipmentRecordedV1 {
  return {
    equipmentId,
    inventoryNumber: data.inventoryNumber,
    type: data.type,
    state: data.state,
    serial: data.serial,
    jurisdiction: data.jurisdiction,
    revision,
  };
}

/** Registering and changing equipment: each change is one transaction with its history row and event. */
@Injectable()
export class ManageEquipmentUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly equipment: EquipmentRepository,
  ) {}

  async register({ actor, equipment: fields }: RegisterEquipmentCommandV1): Promise<EquipmentV1> {
    mustBe(mayChangeInventory(actor));
    const types = await this.equipment.typeCodes();
    const checked = equipmentFromFields(fields, types);
    if (!checked.ok) throw ServiceError.validation(checked.problems);
    const id = randomUUID();
    return this.runtime.transaction(async (tx) => {
      await this.equipment.lockNumber(tx, checked.value.inventoryNumber);
      if (await this.equipment.numberTaken(tx, checked.value.inventoryNumber)) {
        throw numberTaken('inventoryNumber', checked.value.inventoryNumber);
      }
      const now = new Date();
      await this.equipment.insertMany(tx, [{ id, data: checked.value }], now);
      await this.equipment.appendHistory(
        tx,
        actor,
        [{ equipmentId: id, action: 'registered', before: null, after: checked.value }],
        now,
      );
      await this.runtime.outbox.append(tx, {
        definition: InventoryEvents.EquipmentRegistered,
        ticketId: null,
        data: recordOf(id, checked.value, 1),
      });
      return toView((await this.equipment.find(id, tx))!);
    });
  }

  async change({ actor, id, changes }: ChangeEquipmentCommandV1): Promise<EquipmentV1> {
    mustBe(mayChangeInventory(actor));
    const types = await this.equipment.typeCodes();
    return this.runtime.transaction(async (tx) => {
      const current = await this.equipment.find(id, tx, true);
      if (!current) throw ServiceError.notFound('equipment', id);
      if (current.revision !== changes.revision) {
        throw ServiceError.conflict({
          code: 'inventory.equipment-changed',
          params: { current: current.revision, read: changes.revision },
        });
      }
      const checked = applyChanges(current.data, changes, types);
      if (!checked.ok) throw ServiceError.validation(checked.problems);
      if (sameEquipment(current.data, checked.value)) return toView(current);
      if (checked.value.inventoryNumber.toLowerCase() !== current.data.inventoryNumber.toLowerCase()) {
        await this.equipment.lockNumber(tx, checked.value.inventoryNumber);
        if (await this.equipment.numberTaken(tx, checked.value.inventoryNumber, id)) {
          throw numberTaken('inventoryNumber', checked.value.inventoryNumber);
        }
      }
      const now = new Date();
      const revisions = await this.equipment.updateMany(tx, [{ id, data: checked.value }], now);
      await this.equipment.appendHistory(
        tx,
        actor,
        [{ equipmentId: id, action: 'changed', before: current.data, after: checked.value }],
        now,
      );
      await this.runtime.outbox.append(tx, {
        definition: InventoryEvents.EquipmentChanged,
        ticketId: null,
        data: recordOf(id, checked.value, revisions.get(id)!),
      });
      return toView((await this.equipment.find(id, tx))!);
    });
  }
}

@Injectable()
export class ReadEquipmentUseCase {
  constructor(private readonly equipment: EquipmentRepository) {}

  async get({ actor, id }: EquipmentRefV1): Promise<EquipmentV1> {
    mustBe(mayReadInventory(actor));
    const found = await this.equipment.find(id);
    if (!found) throw ServiceError.notFound('equipment', id);
    return toView(found);
  }

  async list({ actor, params }: ListEquipmentQueryV1): Promise<EquipmentPageV1> {
    mustBe(mayReadInventory(actor));
    let afterKey: string | null = null;
    if (params.cursor !== undefined) {
      afterKey = decodeCursor(params.cursor);
      if (afterKey === null) throw ServiceError.validation([{ field: 'cursor', constraint: 'listCursor' }]);
    }
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.equipment.list(params, afterKey, limit);
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor: rows.length > limit && last ? encodeCursor(last.data.inventoryNumber.toLowerCase()) : null,
    };
  }

  async history({ actor, id }: EquipmentRefV1): Promise<EquipmentHistoryEntryV1[]> {
    mustBe(mayReadInventory(actor));
    if (!(await this.equipment.find(id))) throw ServiceError.notFound('equipment', id);
    return this.equipment.history(id);
  }

  async types(actor: ActorV1): Promise<EquipmentTypeV1[]> {
    mustBe(mayReadInventory(actor));
    return this.equipment.types();
  }
}
