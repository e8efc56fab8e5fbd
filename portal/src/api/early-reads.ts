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

/** Who is signed in, as far as the reads a page starts early depend on it. */
export type EarlyAccount = Pick<SessionAccount, 'role' | 'area'>;

/** What a page waits for: reads it can start at once, and reads that depend on who is signed in. */
interface EarlyReads {
  readonly now: readonly string[];
  readonly signedIn?: (account: EarlyAccount) => readonly string[];
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

/** The pages whose reads (and code: app/early-code.ts) start before the session answers. */
export type EarlyPage = { readonly kind: 'console' } | { readonly kind: 'ticket'; readonly number: string };

export function earlyPageAt(pathname: string): EarlyPage | null {
  const ticket = /^\/tickets\/([1-9]\d{0,14})\/?$/.exec(pathname);
  if (ticket?.[1]) return { kind: 'ticket', number: ticket[1] };
  if (/^\/consola\/?$/.test(pathname)) return { kind: 'console' };
  return null;
}

/** The reads a page is known to wait for; the session is read by every page. */
function readsFor(pathname: string, search: string): EarlyReads {
  const page = earlyPageAt(pathname);
  if (page?.kind === 'ticket') return { now: [SESSION, `/api/v1/tickets/${page.number}`] };
  if (page?.kind === 'console') return consoleReads(search);
  return { now: [SESSION] };
}

/** Unclaimed reads are dropped after this: anything asked later must see the data as it is then. */
const CLAIM_WINDOW_MS = 10_000;

/** The reads of one boot of the portal, claimable for CLAIM_WINDOW_MS. */
interface EarlyWindow {
  open: boolean;
  readonly pending: Map<string, Promise<Response>>;
  /** Every read started, claimed or not: none is started twice. */
  readonly started: Set<string>;
  /** What the page asked for itself, with no early read to answer it: an early read started later would be stale. */
  readonly askedFirst: Set<string>;
}

let current: EarlyWindow | null = null;

/**
 * Starts the reads the page at `location` waits for (once, when the portal boots); settles once those that
 * depend on the session have started too. Those start at once for the account this browser last saw signed in
 * (`remembered`), and again once the session answers if it is someone else (a read nobody asks for is dropped).
 */
export async function startEarlyReads(
  location: Pick<Location, 'origin' | 'pathname' | 'search'>,
  language: string,
  remembered: EarlyAccount | null = rememberedAccount(),
): Promise<void> {
  const boot: EarlyWindow = { open: true, pending: new Map(), started: new Set(), askedFirst: new Set() };
  current = boot;
  setTimeout(() => {
    boot.open = false;
    boot.pending.clear();
  }, CLAIM_WINDOW_MS);
  const start = (path: string): Promise<Response> | undefined => {
    const url = new URL(path, location.origin).href;
    if (!boot.open || boot.askedFirst.has(url) || boot.started.has(url)) return undefined;
    boot.started.add(url);
    const read = fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': language },
    });
    // A read nobody claims (a redirect to sign-in, say) must not surface as an unhandled rejection.
    read.catch(() => undefined);
    boot.pending.set(url, read);
    return read;
  };
  const { now, signedIn } = readsFor(location.pathname, location.search);
  const [session] = now.map(start);
  if (!signedIn || !session) return;
  if (remembered) for (const path of signedIn(remembered)) void start(path);
  try {
    // Cloned at once: the API client consumes the session's own body when it claims it.
    const response = await session;
    const account = response.ok ? ((await response.clone().json()) as EarlyAccount) : null;
    if (account) for (const path of signedIn(account)) void start(path);
  } catch {
    // No session read, no dependent reads: the page asks for them itself.
  }
}

/** The early read answering this request, if one was started for it and not yet claimed. */
export function claimEarlyRead(request: Request): Promise<Response> | undefined {
  if (request.method !== 'GET' || !current?.open) return undefined;
  const read = current.pending.get(request.url);
  if (read) current.pending.delete(request.url);
  else current.askedFirst.add(request.url);
  return read;
}

// The signed-in account's role and area, remembered in this browser so that the next page opened by its address can
// start its reads before the session answers. Neither is secret; both are forgotten at sign-out.
const ACCOUNT_KEY = 'cau.early-account';

export function rememberedAccount(): EarlyAccount | null {
  try {
    const stored = JSON.parse(window.localStorage.getItem(ACCOUNT_KEY) ?? 'null') as Partial<EarlyAccount> | null;
    if (typeof stored?.role !== 'string' || (stored.area !== null && typeof stored.area !== 'string')) return null;
    return { role: stored.role, area: stored.area };
  } catch {
    return null;
  }
}

/** Called with every answer of the session: the account to start reads for next time, or none. */
export function rememberSignedIn(account: EarlyAccount | null): void {
  try {
    if (account) window.localStorage.setItem(ACCOUNT_KEY, JSON.stringify({ role: account.role, area: account.area }));
    else window.localStorage.removeItem(ACCOUNT_KEY);
  } catch {
    // Storage may be disabled: the reads then wait for the session.
  }
}
