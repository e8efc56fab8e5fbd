import { rowQueries } from '@cau/persistence';
import type { DB } from './rows.generated.js';

/** The query builder over notifications' tables, typed by `rows.generated.ts`. */
export const notificationsRows = rowQueries<DB>();
