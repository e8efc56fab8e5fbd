import type { FieldProblem, TicketRegistrationV1 } from '@cau/contracts';
import type { RegistrationValues } from '../catalogue/catalogue.repository.js';

/**
 * A registration's category must be an active category or subcategory of the catalogue, and its service,
 * when it names one, an active service. Its
 * jurisdiction is checked only once an administrator has listed jurisdictions (until then any code is
 * taken, as before the catalogue existed); a retired jurisdiction is refused either way.
 */
export function catalogueProblem(values: RegistrationValues, registration: TicketRegistrationV1): FieldProblem | null {
  const categoryRetired = values.categories.get(registration.category);
  if (categoryRetired === undefined) {
    return { field: 'category', constraint: 'unknownCatalogueValue', params: ['category', registration.category] };
  }
  if (categoryRetired) {
    return { field: 'category', constraint: 'retiredCatalogueValue', params: ['category', registration.category] };
  }
  if (registration.service !== undefined) {
    const serviceRetired = values.services.get(registration.service);
    if (serviceRetired !== false) {
      const constraint = serviceRetired === undefined ? 'unknownCatalogueValue' : 'retiredCatalogueValue';
      return { field: 'service', constraint, params: ['service', registration.service] };
    }
  }
  const jurisdiction = values.jurisdictions.get(registration.jurisdiction);
  if (jurisdiction?.retired) {
    return {
      field: 'jurisdiction',
      constraint: 'retiredCatalogueValue',
      params: ['jurisdiction', registration.jurisdiction],
    };
  }
  if (values.jurisdictionsClosed && !jurisdiction?.listed) {
    return {
      field: 'jurisdiction',
      constraint: 'unknownCatalogueValue',
      params: ['jurisdiction', registration.jurisdiction],
    };
  }
  return null;
}
