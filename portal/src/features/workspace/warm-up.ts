import type { QueryClient } from '@tanstack/react-query';
import { cannedAnswersQuery } from '../canned-answers/canned-answers-api';
import { catalogueOptionsQuery, categoriesQuery, graphQuery } from './workspace-api';

type WorkspaceModule = typeof import('./WorkspacePage');
let workspaceModule: WorkspaceModule | undefined;

/**
 * The workspace's code, loaded once per page. The ticket route's loader waits for it, so the route renders the
 * workspace at once (`loadedWorkspace`) instead of suspending on a lazy component: a Suspense fallback shown
 * on the way makes React hold the page behind it for up to 300 ms more (its fallback throttling), which the
 * benchmark saw as an idle gap before the ticket appeared.
 */
export function loadWorkspace(): Promise<WorkspaceModule> {
  return import('./WorkspacePage').then((module) => (workspaceModule = module));
}

/** The workspace's code if it has been loaded in this page. */
export function loadedWorkspace(): WorkspaceModule | undefined {
  return workspaceModule;
}

/**
 * What the staff workspace loads for any ticket: its code and the desk's configuration (the escalation graph,
 * the catalogue, the canned answers). Asked by the ticket route's loader beside the ticket itself, and by the
 * console's queue once its rows are on screen, so the agent's first opening of a ticket waits for the ticket only.
 * A query still fresh in the cache is not asked again; a chunk already loaded is not fetched again. Settles when
 * the workspace's code is loaded, which the ticket route's loader waits for; it never rejects.
 */
export function warmUpWorkspace(queryClient: QueryClient): Promise<void> {
  void queryClient.prefetchQuery(graphQuery);
  void queryClient.prefetchQuery(catalogueOptionsQuery);
  void queryClient.prefetchQuery(categoriesQuery);
  void queryClient.prefetchQuery(cannedAnswersQuery);
  // A chunk that fails here (a new release replaced it, say) is tried again by the route's lazy component, which
  // shows the router's error if it fails again.
  return Promise.all([import('./TicketRoute'), loadWorkspace()]).then(
    () => undefined,
    () => undefined,
  );
}

/** Runs `work` when the browser is idle (or after `timeoutMs` at the latest); the returned function cancels it. */
export function whenIdle(work: () => void, timeoutMs = 2_000): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: timeoutMs });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(work, Math.min(timeoutMs, 500));
  return () => window.clearTimeout(timer);
}
