/*
 * A page opened by its address (a link in a mail, a reload, a new tab) first evaluates the whole bundle, then
 * asks who is signed in, and only then starts the reads its route needs. The reads below start before all of
 * that, from the first module the bundle evaluates; the API client takes them over instead of asking again.
 */

/** The reads a path is known to wait for; the session is read by every page. */
function readsFor(pathname: string): string[] {
  const reads = ['/api/v1/auth/session'];
  const ticket = /^\/tickets\/([1-9]\d{0,14})\/?$/.exec(pathname);
  if (ticket) reads.push(`/api/v1/tickets/${ticket[1]}`);
  return reads;
}

/** Unclaimed reads are dropped after this: anything asked later must see the data as it is then. */
const CLAIM_WINDOW_MS = 10_000;

const pending = new Map<string, Promise<Response>>();

/** Starts the reads the page at `location` waits for (once, when the portal boots). */
export function startEarlyReads(location: Pick<Location, 'origin' | 'pathname'>, language: string): void {
  for (const path of readsFor(location.pathname)) {
    const url = new URL(path, location.origin).href;
    const read = fetch(url, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json', 'Accept-Language': language },
    });
    // A read nobody claims (a redirect to sign-in, say) must not surface as an unhandled rejection.
    read.catch(() => undefined);
    pending.set(url, read);
  }
  setTimeout(() => pending.clear(), CLAIM_WINDOW_MS);
}

/** The early read answering this request, if one was started for it and not yet claimed. */
export function claimEarlyRead(request: Request): Promise<Response> | undefined {
  if (request.method !== 'GET') return undefined;
  const read = pending.get(request.url);
  if (read) pending.delete(request.url);
  return read;
}
