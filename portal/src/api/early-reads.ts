/*
 * A page opened by its address (a link in a mail, a reload, a new tab) first evaluates the whole bundle, then
 * asks who is signed in, and only then starts the reads its route needs. The reads below start before all of
 * that, from the first module the bundle evaluates; the API client takes them over instead of asking again.
 */
import { defaultParseSearch } from '@tanstack/react-router';
import { createFinalURL, createQuerySerializer, defaultPathSerializer } from 'openapi-fetch';
import { listQuery, parseQueueSearch, queuePage } from '../features/console/queue-search';
import { isDeskRole } from '../features/desk-registration/desk-roles';
import type { paths } from './schema';

type SessionAccount = paths['/api/v1/auth/session']['get']['responses'][200]['content']['application/json'];

const SESSION = '/api/v1/auth/session';

/** What a page waits for: reads it can start at once, and reads that depend on who is signed in. */
interface EarlyReads {
  readonly now: readonly string[];
  readonly signedIn?: (account: SessionAccount) => readonly string[];
}

/** The console's queue: its first page is the one in the URL's view, for the signed-in person's area. */
function consoleReads(search: string): EarlyReads {
  return {
    now: [SESSION, '/api/v1/routing/graph', '/api/v1/views', '/api/v1/announcements/current'],
    signedIn: (account) => {
      if (!isDeskRole(account.role)) return [];
      const query = queuePage(listQuery(parseQueueSearch(defaultParseSearch(search)), account.area));
      // Serialised as the API client serialises it, so that its request finds this read.
      return [
        createFinalURL('/api/v1/tickets', {
          baseUrl: '',
          params: { query },
          querySerializer: createQuerySerializer(),
          pathSerializer: defaultPathSerializer,
        }),
      ];
    },
  };
}

/** The reads a page is known to wait for; the session is read by every page. */
function readsFor(pathname: string, search: string): EarlyReads {
  const ticket = /^\/tickets\/([1-9]\d{0,14})\/?$/.exec(pathname);
  if (ticket) return { now: [SESSION, `/api/v1/tickets/${ticket[1]}`] };
  if (/^\/consola\/?$/.test(pathname)) return consoleReads(search);
  return { now: [SESSION] };
}

/** Unclaimed reads are dropped after this: anything asked later must see the data as it is then. */
const CLAIM_WINDOW_MS = 10_000;

const pending = new Map<string, Promise<Response>>();
/** What the page asked for itself, with no early read to answer it: an early read started later would be stale. */
const askedFirst = new Set<string>();
let claimWindowOpen = false;

/**
 * Starts the reads the page at `location` waits for (once, when the portal boots); settles once those that
 * depend on the session have started too.
 */
export async function startEarlyReads(
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  language: string,
): Promise<void> {
  const start = (path: string): Promise<Response> | undefined => {
    const url = new URL(path, location.origin).href;
    if (!claimWindowOpen || askedFirst.has(url)) return undefined;
    const read = fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': language },
    });
    // A read nobody claims (a redirect to sign-in, say) must not surface as an unhandled rejection.
    read.catch(() => undefined);
    pending.set(url, read);
    return read;
  };
  claimWindowOpen = true;
  setTimeout(() => {
    claimWindowOpen = false;
    pending.clear();
    askedFirst.clear();
  }, CLAIM_WINDOW_MS);
  const { now, signedIn } = readsFor(location.pathname, location.search);
  const [session] = now.map(start);
  if (!signedIn || !session) return;
  try {
    // Cloned at once: the API client consumes the session's own body when it claims it.
    const response = await session;
    const account = response.ok ? ((await response.clone().json()) as SessionAccount) : null;
    if (account) for (const path of signedIn(account)) void start(path);
  } catch {
    // No session read, no dependent reads: the page asks for them itself.
  }
}

/** The early read answering this request, if one was started for it and not yet claimed. */
export function claimEarlyRead(request: Request): Promise<Response> | undefined {
  if (request.method !== 'GET') return undefined;
  const read = pending.get(request.url);
  if (read) pending.delete(request.url);
  else if (claimWindowOpen) askedFirst.add(request.url);
  return read;
}
