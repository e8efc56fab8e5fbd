import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AcceptCustodyCommandV1,
  ActorEnvelopeBase,
  AssignCustodyCommandV1,
  CustodyPeriodRefV1,
  EquipmentRefV1,
  InventoryCommands,
  InventoryQueries,
  ReturnCustodyCommandV1,
  type CustodyPeriodV1,
  type EquipmentV1,
  type MyEquipmentV1,
  type PdfDocumentV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { AcceptCustodyUseCase } from './custody-acceptance.use-case.js';
import { CustodyDocumentUseCase } from './custody-document.use-case.js';
import { ManageCustodyUseCase } from './custody.use-cases.js';

@Controller()
export class CustodyHandler {
  constructor(
    private readonly custody: ManageCustodyUseCase,
    private readonly acceptance: AcceptCustodyUseCase,
    private readonly documents: CustodyDocumentUseCase,
  ) {}

  @MessagePattern(InventoryCommands.AssignCustody)
  assign(@Payload() data: unknown): Promise<EquipmentV1> {
    return this.custody.assign(parseMessage(AssignCustodyCommandV1, data));
  }

  @MessagePattern(InventoryCommands.ReturnCustody)
  return(@Payload() data: unknown): Promise<EquipmentV1> {
    return this.custody.return(parseMessage(ReturnCustodyCommandV1, data));
  }

  @MessagePattern(InventoryQueries.CustodyHistory)
  periods(@Payload() data: unknown): Promise<CustodyPeriodV1[]> {
    return this.custody.periods(parseMessage(EquipmentRefV1, data));
  }

  @MessagePattern(InventoryQueries.MyEquipment)
  mine(@Payload() data: unknown): Promise<MyEquipmentV1> {
    return this.acceptance.mine(parseMessage(ActorEnvelopeBase, data));
  }

  @MessagePattern(InventoryCommands.AcceptCustody)
  accept(@Payload() data: unknown): Promise<CustodyPeriodV1> {
    return this.acceptance.accept(parseMessage(AcceptCustodyCommandV1, data));
  }

  @MessagePattern(InventoryQueries.CustodyDocument)
  document(@Payload() data: unknown): Promise<PdfDocumentV1> {
    return this.documents.document(parseMessage(CustodyPeriodRefV1, data));
  }
}
