import { Injectable } from '@nestjs/common';
import { catalogueOptions, type CatalogueEntryV1, type CatalogueOptionsV1 } from '@cau/contracts';
import { CategoryCatalogue } from './catalogue-config.js';

/** What the "report a problem" form offers: read from the boot configuration and the contracts. */
@Injectable()
export class ReadCatalogueUseCase {
  private readonly options = catalogueOptions();

  constructor(private readonly catalogue: CategoryCatalogue) {}

  categories(): readonly CatalogueEntryV1[] {
    return this.catalogue.categories;
  }

  registrationOptions(): CatalogueOptionsV1 {
    return this.options;
  }
}
