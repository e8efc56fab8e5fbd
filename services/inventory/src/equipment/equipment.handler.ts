import { Controller } from '@nestjs/common';
import {
  ActorEnvelopeBase,
  ChangeEquipmentCommandV1,
  EquipmentRefV1,
  InventoryRpc,
  ListEquipmentQueryV1,
  RegisterEquipmentCommandV1,
  type EquipmentHistoryEntryV1,
  type EquipmentPageV1,
  type EquipmentTypeV1,
  type EquipmentV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ManageEquipmentUseCase, ReadEquipmentUseCase } from './equipment.use-cases.js';

@Controller()
export class EquipmentHandler {
  constructor(
    private readonly manage: ManageEquipmentUseCase,
    private readonly read: ReadEquipmentUseCase,
  ) {}

  @Answers(InventoryRpc.RegisterEquipment)
  register(request: RegisterEquipmentCommandV1): Promise<EquipmentV1> {
    return this.manage.register(request);
  }

  @Answers(InventoryRpc.ChangeEquipment)
  change(request: ChangeEquipmentCommandV1): Promise<EquipmentV1> {
    return this.manage.change(request);
  }

  @Answers(InventoryRpc.GetEquipment)
  get(request: EquipmentRefV1): Promise<EquipmentV1> {
    return this.read.get(request);
  }

  @Answers(InventoryRpc.ListEquipment)
  list(request: ListEquipmentQueryV1): Promise<EquipmentPageV1> {
    return this.read.list(request);
  }

  @Answers(InventoryRpc.EquipmentHistory)
  history(request: EquipmentRefV1): Promise<EquipmentHistoryEntryV1[]> {
    return this.read.history(request);
  }

  @Answers(InventoryRpc.EquipmentTypes)
  types(request: ActorEnvelopeBase): Promise<EquipmentTypeV1[]> {
    return this.read.types(request.actor);
  }
}
