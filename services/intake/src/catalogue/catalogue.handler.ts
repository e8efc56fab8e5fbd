import { Controller } from '@nestjs/common';
import {
  IntakeRpc,
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
import { Answers } from '@cau/messaging';
import { ManageCatalogueUseCase } from './manage-catalogue.use-case.js';

@Controller()
export class CatalogueHandler {
  constructor(private readonly useCase: ManageCatalogueUseCase) {}

  @Answers(IntakeRpc.ListCatalogue)
  list(request: ListCatalogueQueryV1): Promise<CatalogueV1> {
    return this.useCase.list(request);
  }

  @Answers(IntakeRpc.SaveCategory)
  saveCategory(request: SaveCategoryCommandV1): Promise<CatalogueChangeV1<CategoryV1>> {
    return this.useCase.saveCategory(request);
  }

  @Answers(IntakeRpc.SaveService)
  saveService(request: SaveServiceCommandV1): Promise<CatalogueChangeV1<ServiceV1>> {
    return this.useCase.saveService(request);
  }

  @Answers(IntakeRpc.SaveJurisdiction)
  saveJurisdiction(request: SaveJurisdictionCommandV1): Promise<CatalogueChangeV1<JurisdictionV1>> {
    return this.useCase.saveJurisdiction(request);
  }

  @Answers(IntakeRpc.SetCatalogueEntryRetired)
  setRetired(request: SetRetiredCommandV1): Promise<CatalogueChangeV1<CategoryV1 | ServiceV1 | JurisdictionV1>> {
    return this.useCase.setRetired(request);
  }
}
