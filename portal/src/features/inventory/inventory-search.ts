import { optionalOneOf, optionalText } from '../../app/url-params';
import { EQUIPMENT_STATES, type EquipmentState } from './inventory-api';

/** The list's filters, kept in the address so a filtered list can be bookmarked and shared. */
export interface InventorySearch {
  text?: string;
  type?: string;
  state?: EquipmentState;
  jurisdiction?: string;
  building?: string;
}

const TYPE_CODE = /^[a-z][a-z0-9_]{0,39}$/;

export function parseInventorySearch(search: Record<string, unknown>): InventorySearch {
  const type = optionalText(search.type, 40);
  return {
    text: optionalText(search.text, 100),
    type: type && TYPE_CODE.test(type) ? type : undefined,
    state: optionalOneOf(EQUIPMENT_STATES, search.state),
    jurisdiction: optionalText(search.jurisdiction, 64),
    building: optionalText(search.building, 100),
  };
}

/** Only the filters in use, so the query key and the address do not carry empty values. */
export function inUse(search: InventorySearch): InventorySearch {
  return Object.fromEntries(
    Object.entries(search).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  );
}
