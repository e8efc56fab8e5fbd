import { isUuid, optionalText } from '../../app/url-params';

/** The log's filters, kept in the address so a filtered log can be bookmarked and shared. */
export interface ServiceLogFilters {
  inventoryNumber?: string;
  holderId?: string;
  /** Shown beside the holder filter; the gateway filters by the id. */
  holderName?: string;
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const day = (value: unknown): string | undefined => {
  const text = optionalText(value, 10);
  return text && DAY.test(text) ? text : undefined;
};

export function parseServiceLogSearch(search: Record<string, unknown>): ServiceLogFilters {
  const holderId = isUuid(search.holderId) ? search.holderId : undefined;
  return inUse({
    inventoryNumber: optionalText(search.inventoryNumber, 100),
    holderId,
    holderName: holderId ? optionalText(search.holderName, 200) : undefined,
    from: day(search.from),
    to: day(search.to),
  });
}

/** Only the filters in use, so the query key and the address carry no empty values. */
export function inUse(filters: ServiceLogFilters): ServiceLogFilters {
  return Object.fromEntries(
    Object.entries(filters).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  );
}
