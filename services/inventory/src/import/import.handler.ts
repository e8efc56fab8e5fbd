import { Controller } from '@nestjs/common';
import {
  CommitImportCommandV1,
  InventoryRpc,
  StageImportCommandV1,
  type ImportReportV1,
  type StageImportResultV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ImportEquipmentUseCase } from './import.use-case.js';

@Controller()
export class ImportHandler {
  constructor(private readonly imports: ImportEquipmentUseCase) {}

  @Answers(InventoryRpc.StageImport)
  stage(request: StageImportCommandV1): Promise<StageImportResultV1> {
    return this.imports.stage(request);
  }

  @Answers(InventoryRpc.CommitImport)
  commit(request: CommitImportCommandV1): Promise<ImportReportV1> {
    return this.imports.commit(request);
  }
}
