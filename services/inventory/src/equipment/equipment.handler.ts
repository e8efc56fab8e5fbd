import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ActorEnvelopeBase,
  ChangeEquipmentCommandV1,
  EquipmentRefV1,
  InventoryCommands,
  InventoryQueries,
  ListEquipmentQueryV1,
  RegisterEquipmentCommandV1,
  type EquipmentHistoryEntryV1,
  type EquipmentPageV1,
  type EquipmentTypeV1,
  type EquipmentV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageEquipmentUseCase, ReadEquipmentUseCase } from './equipment.use-cases.js';

@Controller()
export class EquipmentHandler {
  constructor(
    private readonly manage: ManageEquipmentUseCase,
    private readonly read: ReadEquipmentUseCase,
  ) {}

  @MessagePattern(InventoryCommands.RegisterEquipment)
  register(@Payload() data: unknown): Promise<EquipmentV1> {
    return this.manage.register(parseMessage(RegisterEquipmentCommandV1, data));
  }

  @MessagePattern(InventoryCommands.ChangeEquipment)
  change(@Payload() data: unknown): Promise<EquipmentV1> {
    return this.manage.change(parseMessage(ChangeEquipmentCommandV1, data));
  }

  @MessagePattern(InventoryQueries.GetEquipment)
  get(@Payload() data: unknown): Promise<EquipmentV1> {
    return this.read.get(parseMessage(EquipmentRefV1, data));
  }

  @MessagePattern(InventoryQueries.ListEquipment)
  list(@Payload() data: unknown): Promise<EquipmentPageV1> {
    return this.read.list(parseMessage(ListEquipmentQueryV1, data));
  }

  @MessagePattern(InventoryQueries.EquipmentHistory)
  history(@Payload() data: unknown): Promise<EquipmentHistoryEntryV1[]> {
    return this.read.history(parseMessage(EquipmentRefV1, data));
  }

  @MessagePattern(InventoryQueries.EquipmentTypes)
  types(@Payload() data: unknown): Promise<EquipmentTypeV1[]> {
    return this.read.types(parseMessage(ActorEnvelopeBase, data).actor);
  }
}
