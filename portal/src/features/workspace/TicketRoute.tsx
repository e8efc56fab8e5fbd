import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { TicketPage } from '../tickets/TicketPage';
import { isStaffRole } from './availability';
import { loadedWorkspace, loadWorkspace } from './warm-up';

// Loaded only for staff: a requester's browser never downloads the workspace. The route's loader has usually
// loaded it already (`loadWorkspace`); this is for when it could not.
const LazyWorkspacePage = lazy(() => loadWorkspace().then((module) => ({ default: module.WorkspacePage })));

/** /tickets/$number: staff get the ticket workspace, requesters and referentes their ticket page. */
export function TicketRoute() {
  const { t } = useTranslation();
  const account = useSession();
  if (account && isStaffRole(account.role)) {
    const WorkspacePage = loadedWorkspace()?.WorkspacePage ?? LazyWorkspacePage;
    return (
      <Suspense fallback={<Loader aria-label={t('common.loading')} />}>
        <WorkspacePage />
      </Suspense>
    );
  }
  return <TicketPage />;
}
