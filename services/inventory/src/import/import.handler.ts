import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CommitImportCommandV1,
  InventoryCommands,
  StageImportCommandV1,
  type ImportReportV1,
  type StageImportResultV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ImportEquipmentUseCase } from './import.use-case.js';

@Controller()
export class ImportHandler {
  constructor(private readonly imports: ImportEquipmentUseCase) {}

  @MessagePattern(InventoryCommands.StageImport)
  stage(@Payload() data: unknown): Promise<StageImportResultV1> {
    return this.imports.stage(parseMessage(StageImportCommandV1, data));
  }

  @MessagePattern(InventoryCommands.CommitImport)
  commit(@Payload() data: unknown): Promise<ImportReportV1> {
    return this.imports.commit(parseMessage(CommitImportCommandV1, data));
  }
}
