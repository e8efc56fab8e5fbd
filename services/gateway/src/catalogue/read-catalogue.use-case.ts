import { Injectable } from '@nestjs/common';
import {
  IntakeRpc,
  catalogueOptions,
  type ActorV1,
  type CatalogueEntryV1,
  type CatalogueOptionsV1,
  type CategoryTreeEntryV1,
} from '@cau/contracts';
import { IntakeClient } from '../http/service-clients.js';

/** What the "report a problem" form offers: intake's active categories and services, and the contracts' vocabulary. */
@Injectable()
export class ReadCatalogueUseCase {
  private readonly options = catalogueOptions();

  constructor(private readonly intake: IntakeClient) {}

  /** Active top-level categories in order, each with its active subcategories. */
  async categories(actor: ActorV1): Promise<CategoryTreeEntryV1[]> {
    const { categories } = await this.intake.request(IntakeRpc.ListCatalogue, { actor, full: false });
    const top = categories.filter((c) => c.parent === null);
    return top.map((parent) => ({
      code: parent.code,
      label: parent.label,
      children: categories
        .filter((c) => c.parent === parent.code)
        .map((child) => ({ code: child.code, label: child.label, children: [] })),
    }));
  }

  /** Active services offered, for the registration forms' optional `service`. */
  async services(actor: ActorV1): Promise<CatalogueEntryV1[]> {
    const { services } = await this.intake.request(IntakeRpc.ListCatalogue, { actor, full: false });
    return services.filter((s) => !s.retired).map((s) => ({ code: s.code, label: s.label }));
  }

  registrationOptions(): CatalogueOptionsV1 {
    return this.options;
  }
}
