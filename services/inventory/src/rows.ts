import { rowQueries } from '@cau/persistence';
import type { DB } from './rows.generated.js';

/** The query builder over inventory's tables, typed by `rows.generated.ts`. */
export const inventoryRows = rowQueries<DB>();
