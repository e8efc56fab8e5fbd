import { rowQueries } from '@cau/persistence';
import type { DB } from './rows.generated.js';

/** The query builder over routing's tables, typed by `rows.generated.ts`. */
export const routingRows = rowQueries<DB>();
