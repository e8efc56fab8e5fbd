import type { ActorV1 } from '@cau/contracts';

/** What an actor may do with a saved view: owners everything; others read shared views only. */
export type ViewAccess = 'owner' | 'reader' | 'none';

export function viewAccess(actor: ActorV1, view: { ownerAccountId: string; shared: boolean }): ViewAccess {
  if (view.ownerAccountId === actor.accountId) return 'owner';
  return view.shared ? 'reader' : 'none';
}
