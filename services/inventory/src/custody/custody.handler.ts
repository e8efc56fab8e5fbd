import { Controller } from '@nestjs/common';
import {
  AcceptCustodyCommandV1,
  ActorEnvelopeBase,
  AssignCustodyCommandV1,
  CustodyPeriodRefV1,
  EquipmentRefV1,
  InventoryRpc,
  ReturnCustodyCommandV1,
  type CustodyPeriodV1,
  type EquipmentV1,
  type MyEquipmentV1,
  type PdfDocumentV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
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

  @Answers(InventoryRpc.AssignCustody)
  assign(request: AssignCustodyCommandV1): Promise<EquipmentV1> {
    return this.custody.assign(request);
  }

  @Answers(InventoryRpc.ReturnCustody)
  return(request: ReturnCustodyCommandV1): Promise<EquipmentV1> {
    return this.custody.return(request);
  }

  @Answers(InventoryRpc.CustodyHistory)
  periods(request: EquipmentRefV1): Promise<CustodyPeriodV1[]> {
    return this.custody.periods(request);
  }

  @Answers(InventoryRpc.MyEquipment)
  mine(request: ActorEnvelopeBase): Promise<MyEquipmentV1> {
    return this.acceptance.mine(request);
  }

  @Answers(InventoryRpc.AcceptCustody)
  accept(request: AcceptCustodyCommandV1): Promise<CustodyPeriodV1> {
    return this.acceptance.accept(request);
  }

  @Answers(InventoryRpc.CustodyDocument)
  document(request: CustodyPeriodRefV1): Promise<PdfDocumentV1> {
    return this.documents.document(request);
  }
}
