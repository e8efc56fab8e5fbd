import { keepPreviousData, queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { ticketQuery } from '../tickets/tickets-api';

export type TicketDetail = Schemas['TicketDetail'];
export type TicketState = Schemas['LifecycleStateV1'];
export type TimelineEntry = Schemas['TicketTimelineEntryV1'];

/** The escalation graph and the areas' names: configuration, rarely changed. */
export const graphQuery = queryOptions({
  queryKey: ['routing', 'graph'],
  queryFn: () => unwrap(api.GET('/api/v1/routing/graph')),
  staleTime: 5 * 60_000,
});

export const catalogueOptionsQuery = queryOptions({
  queryKey: ['catalogue', 'options'],
  queryFn: () => unwrap(api.GET('/api/v1/catalogue/options')),
  staleTime: 10 * 60_000,
});

export const categoriesQuery = queryOptions({
  queryKey: ['catalogue', 'categories'],
  queryFn: () => unwrap(api.GET('/api/v1/catalogue/categories')),
  staleTime: 10 * 60_000,
});

/** Active services offered: a registration may name one (optional). */
export const servicesQuery = queryOptions({
  queryKey: ['catalogue', 'services'],
  queryFn: () => unwrap(api.GET('/api/v1/catalogue/services')),
  staleTime: 10 * 60_000,
});

export const pathQuery = (number: number) =>
  queryOptions({
    queryKey: ['tickets', 'path', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/path', { params: { path: { number } } })),
  });

/** Routing's advice on where to derive the ticket (operators, supervisors and administrators ask). */
export const suggestionQuery = (number: number) =>
  queryOptions({
    queryKey: ['tickets', 'suggestion', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/suggestion', { params: { path: { number } } })),
  });

export const ticketKbSuggestionsQuery = (number: number) =>
  queryOptions({
    queryKey: ['tickets', 'kb-suggestions', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/kb-suggestions', { params: { path: { number } } })),
  });

/** Staff search every article they may read (drafts and internal ones too), a few at a time. */
export const staffKbSearchQuery = (q: string) =>
  queryOptions({
    queryKey: ['kb', 'search', 'staff', q],
    queryFn: () => unwrap(api.GET('/api/v1/kb/search', { params: { query: { q, limit: 8 } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });

/**
 * The waits between reads of the ticket after an action, about 10 s in all. The read side usually has the
 * change some tens of milliseconds after the answer (the outbox relay is woken by the commit, a lone event is
 * applied at once), so the first reads come soon; a busy read side is then asked every 250 ms.
 */
const POLL_DELAYS_MS = [40, 60, 100, 150, ...Array<number>(38).fill(250)];

/**
 * After an action, the service's answer is known at once and the read side (GET /tickets/{n}, with the
 * timeline) learns it from events a moment later. The page shows what the answer says right away, then
 * reads the ticket until `applied` says the read side has the change, so it never shows the older state
 * back; then everything derived from the ticket is read again. It never fails: the action is done.
 */
export async function showTicketChange(
  queryClient: QueryClient,
  number: number,
  applied: (fresh: TicketDetail, before: TicketDetail | undefined) => boolean,
  known: Partial<TicketDetail> = {},
): Promise<void> {
  const key = ticketQuery(number).queryKey;
  const before = queryClient.getQueryData(key);
  if (before) queryClient.setQueryData(key, { ...before, ...known });
  let shown = false;
  for (let attempt = 0; attempt <= POLL_DELAYS_MS.length && !shown; attempt++) {
    // A read that fails (the read side busy for a moment) is not the action failing: read again.
    const fresh = await unwrap(api.GET('/api/v1/tickets/{number}', { params: { path: { number } } })).catch(() => null);
    if (fresh && applied(fresh, before)) {
      queryClient.setQueryData(key, fresh);
      shown = true;
    } else if (attempt < POLL_DELAYS_MS.length) {
      await new Promise((resolve) => setTimeout(resolve, POLL_DELAYS_MS[attempt]));
    }
  }
  await Promise.all([
    // Still not there: the ticket is read again the ordinary way, as soon as anything shows it.
    ...(shown ? [] : [queryClient.invalidateQueries({ queryKey: key })]),
    queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['tickets', 'path', number] }),
    queryClient.invalidateQueries({ queryKey: ['tickets', 'suggestion', number] }),
    queryClient.invalidateQueries({ queryKey: ['tickets', 'attachments', number] }),
  ]);
}

/**
 * Comments this page sent that the read side does not show yet. Resolution took them (its answer came), so
 * the timeline draws them at once instead of a read side's lag later; each is dropped from view as soon as
 * the ticket's own timeline has it (same `commentId`), whichever read brings it.
 */
export const pendingCommentsKey = (number: number) => ['tickets', 'pending-comments', number] as const;

export function addPendingComment(queryClient: QueryClient, number: number, entry: TimelineEntry): void {
  queryClient.setQueryData<TimelineEntry[]>(pendingCommentsKey(number), (pending = []) => [...pending, entry]);
}

/** The timeline followed by the sent comments it does not have yet. */
export function withPendingComments(timeline: TimelineEntry[], pending: readonly TimelineEntry[]): TimelineEntry[] {
  if (pending.length === 0) return timeline;
  const shown = new Set(
    timeline.filter((entry) => entry.type === 'ticket.commented').map((entry) => entry.details.commentId),
  );
  const waiting = pending.filter((entry) => !shown.has(entry.details.commentId));
  return waiting.length === 0 ? timeline : [...timeline, ...waiting];
}

/** The read side has a lifecycle action once it shows the answer's status and a later change. */
export const showsState =
  (state: TicketState) =>
  (fresh: TicketDetail, before: TicketDetail | undefined): boolean =>
    fresh.status === state.status &&
    fresh.waitingOnRequester === state.waitingOnRequester &&
    (!before || fresh.updatedAt > before.updatedAt);

/** What a lifecycle answer says of the ticket, shown before the read side catches up. */
export const knownFrom = (state: TicketState): Partial<TicketDetail> => ({
  status: state.status,
  overdue: state.overdue,
  area: state.area,
  assignee: state.assignee,
  waitingOnRequester: state.waitingOnRequester,
});

export type Person = Schemas['AccountSummaryResponse'];

const searchAccounts = (query: { search: string; area?: string; role?: 'operator' }) =>
  unwrap(api.GET('/api/v1/accounts', { params: { query: { ...query, active: 'true', limit: 10 } } })).then(
    (page) => page.items,
  );

const isStaff = (person: Person) => person.role !== 'requester' && person.role !== 'referente';

/**
 * The active staff of an area whose name or address starts with the words typed. The entry area is
 * staffed by operators too, who have no area on their account: they are searched as well there. Without
 * an area (a selection spanning several), any staff member.
 */
export const peopleQuery = (area: string | null, entryArea: string | null, search: string) =>
  queryOptions({
    queryKey: ['accounts', 'people', area, entryArea, search],
    queryFn: async (): Promise<Person[]> => {
      const lists = await Promise.all(
        area === null
          ? [searchAccounts({ search })]
          : [
              searchAccounts({ search, area }),
              ...(area === entryArea ? [searchAccounts({ search, role: 'operator' })] : []),
            ],
      );
      const byId = new Map(
        lists
          .flat()
          .filter(isStaff)
          .map((person) => [person.id, person]),
      );
      return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
    },
    enabled: search.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
