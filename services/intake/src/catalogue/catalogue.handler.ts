import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  CatalogueCommands,
  ListCatalogueQueryV1,
  SaveCategoryCommandV1,
  SaveJurisdictionCommandV1,
  SaveServiceCommandV1,
  SetRetiredCommandV1,
  type CatalogueChangeV1,
  type CatalogueV1,
  type CategoryV1,
  type JurisdictionV1,
  type ServiceV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageCatalogueUseCase } from './manage-catalogue.use-case.js';

@Controller()
export class CatalogueHandler {
  constructor(private readonly useCase: ManageCatalogueUseCase) {}

  @MessagePattern(CatalogueCommands.List)
  list(@Payload() data: unknown): Promise<CatalogueV1> {
    return this.useCase.list(parseMessage(ListCatalogueQueryV1, data));
  }

  @MessagePattern(CatalogueCommands.SaveCategory)
  saveCategory(@Payload() data: unknown): Promise<CatalogueChangeV1<CategoryV1>> {
    return this.useCase.saveCategory(parseMessage(SaveCategoryCommandV1, data));
  }

  @MessagePattern(CatalogueCommands.SaveService)
  saveService(@Payload() data: unknown): Promise<CatalogueChangeV1<ServiceV1>> {
    return this.useCase.saveService(parseMessage(SaveServiceCommandV1, data));
  }

  @MessagePattern(CatalogueCommands.SaveJurisdiction)
  saveJurisdiction(@Payload() data: unknown): Promise<CatalogueChangeV1<JurisdictionV1>> {
    return this.useCase.saveJurisdiction(parseMessage(SaveJurisdictionCommandV1, data));
  }

  @MessagePattern(CatalogueCommands.SetRetired)
  setRetired(@Payload() data: unknown): Promise<CatalogueChangeV1<CategoryV1 | ServiceV1 | JurisdictionV1>> {
    return this.useCase.setRetired(parseMessage(SetRetiredCommandV1, data));
  }
}
