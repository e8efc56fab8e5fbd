import { earlyPageAt, rememberedAccount } from '../api/early-reads';
import { isDeskRole } from '../features/desk-registration/desk-roles';
import { isStaffRole } from '../features/workspace/availability';
import { loadWorkspace } from '../features/workspace/warm-up';

/**
 * A page opened by its address loads its route's code only once the session has answered and the router has
 * matched it. For the pages whose reads start early (api/early-reads.ts), the code starts with them, for the
 * role this browser last saw signed in: the same chunks the router asks for later, so nothing loads twice.
 */
export function startEarlyCode(pathname: string): void {
  const page = earlyPageAt(pathname);
  const role = rememberedAccount()?.role;
  if (!page || role === undefined) return;
  // A chunk that fails here (a new release replaced it, say) fails again where the router shows its error.
  const load = (chunk: Promise<unknown>): void => void chunk.catch(() => undefined);
  // The mark tells `npm run bench -- portal --explain` when the queue's code was ready (vs. when it arrived).
  if (page.kind === 'console' && isDeskRole(role))
    load(import('../features/console/QueuePage').then(() => performance.mark('cau:queue-code-ready')));
  if (page.kind === 'ticket') {
    load(import('../features/workspace/TicketRoute'));
    if (isStaffRole(role)) load(loadWorkspace());
  }
}
