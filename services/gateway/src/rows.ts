import { rowQueries } from '@cau/persistence';
import type { DB } from './rows.generated.js';

/** The query builder over the gateway's tables, typed by `rows.generated.ts`. */
export const gatewayRows = rowQueries<DB>();
