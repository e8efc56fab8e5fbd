import { optionalOneOf, optionalPositiveInteger, optionalText } from '../../app/url-params';
import type { paths } from '../../api/schema';

/** The list API's filters, as the generated client types them. */
export type ListQuery = NonNullable<paths['/api/v1/tickets']['get']['parameters']['query']>;
type Status = NonNullable<ListQuery['status']>[number];

export const QUEUE_VIEWS = [
  'area',
  'mine',
  'unassigned',
  'overdue',
  'dueSoon',
  'waiting',
  'review',
  'closed',
  'all',
] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

export const QUEUE_SORTS = ['newest', 'oldest', 'due', 'updated', 'priority'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

const STATUSES = ['abierto', 'en_curso', 'resuelto', 'cerrado'] as const satisfies readonly Status[];
const PRIORITIES = ['ALTA', 'MEDIA', 'BAJA'] as const;
const TYPES = ['solicitud', 'incidente', 'incidente_seguridad', 'reclamo', 'asesoramiento_compras'] as const;
const CHANNELS = ['telefono', 'email', 'whatsapp', 'presencial', 'sesion_remota', 'portal', 'monitoreo'] as const;
const AREA = /^[A-Z][A-Z0-9_]{0,31}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ASSIGNEE = /^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
export const DEFAULT_DUE_HOURS = 4;

/**
 * Rows of the first page: two screenfuls on a desk, answered and drawn sooner than a long page (the queue's
 * first rows are what an agent waits for); "Cargar más" then asks for QUEUE_PAGE_SIZE more by the cursor.
 */
export const QUEUE_FIRST_PAGE_SIZE = 50;
export const QUEUE_PAGE_SIZE = 100;

/** The list API's parameters for one page of a queue: the first has no cursor. */
export const queuePage = (query: ListQuery, cursor?: string): ListQuery =>
  cursor ? { ...query, limit: QUEUE_PAGE_SIZE, cursor } : { ...query, limit: QUEUE_FIRST_PAGE_SIZE };

/** What the queue page's URL may say: the view (a tab) and the filters added to it. */
export interface QueueSearch {
  view?: QueueView | undefined;
  status?: Status[] | undefined;
  area?: string | undefined;
  priority?: (typeof PRIORITIES)[number] | undefined;
  type?: (typeof TYPES)[number] | undefined;
  category?: string | undefined;
  jurisdiction?: string | undefined;
  channel?: (typeof CHANNELS)[number] | undefined;
  assignee?: string | undefined;
  hours?: number | undefined;
  from?: string | undefined;
  to?: string | undefined;
  text?: string | undefined;
  sort?: QueueSort | undefined;
}

const matching = (pattern: RegExp, value: unknown, max = 64): string | undefined => {
  const text = optionalText(value, max);
  return text && pattern.test(text) ? text : undefined;
};

/** Statuses as the URL carries them: `abierto,en_curso` (or an array); unknown ones dropped. */
function statusList(value: unknown): Status[] | undefined {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const known = STATUSES.filter((status) => raw.includes(status));
  return known.length > 0 ? known : undefined;
}

/**
 * Reads the queue's URL without trusting it: whatever is malformed is dropped, so a mangled or old link
 * still opens the queue (with the filters it could read).
 */
export function parseQueueSearch(search: Record<string, unknown>): QueueSearch {
  const hours = optionalPositiveInteger(search.hours);
  return {
    view: optionalOneOf(QUEUE_VIEWS, search.view),
    status: statusList(search.status),
    area: matching(AREA, search.area),
    priority: optionalOneOf(PRIORITIES, search.priority),
    type: optionalOneOf(TYPES, search.type),
    category: optionalText(search.category, 64),
    jurisdiction: optionalText(search.jurisdiction, 64),
    channel: optionalOneOf(CHANNELS, search.channel),
    assignee: matching(ASSIGNEE, search.assignee),
    hours: hours !== undefined && hours <= 720 ? hours : undefined,
    from: matching(DAY, search.from, 10),
    to: matching(DAY, search.to, 10),
    text: optionalText(search.text, 200),
    sort: optionalOneOf(QUEUE_SORTS, search.sort),
  };
}

/** The view a person lands on: their area's open tickets, or everything for those without an area. */
export const defaultView = (area: string | null | undefined): QueueView => (area ? 'area' : 'all');

const OPEN: Status[] = ['abierto', 'en_curso'];

/**
 * The list API's query for a view and the filters added to it; a filter the person set wins over the view's.
 * Each view is one of the console's queues (issue 12): the area's open tickets, mine, nobody's yet, con
 * atraso, due within N hours, waiting on the requester, to review (resuelto, the supervisors'), recently closed.
 */
export function listQuery(search: QueueSearch, myArea: string | null | undefined): ListQuery {
  const view = search.view ?? defaultView(myArea);
  const base: ListQuery = (() => {
    switch (view) {
      case 'area':
        return { ...(myArea ? { area: myArea } : {}), status: OPEN, sort: 'priority' };
      case 'mine':
        return { assignee: 'me', status: OPEN, sort: 'due' };
      case 'unassigned':
        return { ...(myArea ? { area: myArea } : {}), assignee: 'none', status: OPEN, sort: 'oldest' };
      case 'overdue':
        return { overdue: true, status: OPEN, sort: 'due' };
      case 'dueSoon':
        return { dueWithinHours: search.hours ?? DEFAULT_DUE_HOURS, sort: 'due' };
      case 'waiting':
        return { waitingOnRequester: true, status: OPEN, sort: 'updated' };
      case 'review':
        return { status: ['resuelto'], sort: 'oldest' };
      case 'closed':
        return { status: ['cerrado'], sort: 'updated' };
      case 'all':
        return { sort: 'newest' };
    }
  })();
  return {
    ...base,
    ...(search.status ? { status: search.status } : {}),
    ...(search.area ? { area: search.area } : {}),
    ...(search.priority ? { priority: search.priority } : {}),
    ...(search.type ? { type: search.type } : {}),
    ...(search.category ? { category: search.category } : {}),
    ...(search.jurisdiction ? { jurisdiction: search.jurisdiction } : {}),
    ...(search.channel ? { channel: search.channel } : {}),
    ...(search.assignee ? { assignee: search.assignee } : {}),
    ...(search.from ? { registeredFrom: search.from } : {}),
    ...(search.to ? { registeredTo: search.to } : {}),
    ...(search.text ? { text: search.text } : {}),
    ...(search.sort ? { sort: search.sort } : {}),
  };
}

/** How many filters the person added to the view (the filter button says so). */
export const addedFilters = (search: QueueSearch): number =>
  (
    [
      'status',
      'area',
      'priority',
      'type',
      'category',
      'jurisdiction',
      'channel',
      'assignee',
      'from',
      'to',
      'text',
    ] as const
  ).filter((key) => search[key] !== undefined).length;

export const queueOptions = { STATUSES, PRIORITIES, TYPES, CHANNELS } as const;
