import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  redirect,
} from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { sessionQuery } from '../features/auth/session';
import { parseQueueSearch } from '../features/console/queue-search';
import { isDeskRole } from '../features/desk-registration/desk-roles';
import { mayReadReports } from '../features/reports/report-roles';
import { parseReportSearch, parseYearlySearch } from '../features/reports/report-search';
import { ticketStatuses } from '../features/tickets/ticket-status';
import type { TicketListFilters } from '../features/tickets/tickets-api';
import { ErrorPage, NotFoundPage } from './ErrorPages';
import { Layout } from './Layout';
import {
  isUuid,
  optionalLocalPath,
  optionalOneOf,
  optionalPositiveInteger,
  optionalText,
  positiveIntegerParam,
} from './url-params';
import { onSessionExpired, queryClient } from './query-client';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Layout,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: async ({ context }) => {
    // Staff start in the console's queues, everyone else at their own tickets (signing in first if needed).
    const account = await context.queryClient.ensureQueryData(sessionQuery);
    // The router's own protocol: a thrown redirect (not an Error) ends the load and navigates.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw redirect({ to: account && isDeskRole(account.role) ? '/consola' : '/tickets' });
  },
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ingresar',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; expired?: boolean } => ({
    redirect: optionalLocalPath(search.redirect),
    expired: search.expired === true ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('../features/auth/LoginPage'), 'LoginPage'),
});

/** Every page below needs a session; without one the person signs in and comes back to where they were going. */
const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  beforeLoad: async ({ context, location }) => {
    const account = await context.queryClient.ensureQueryData(sessionQuery);
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's redirect protocol, as above
    if (!account) throw redirect({ to: '/ingresar', search: { redirect: location.href } });
    return { account };
  },
});

const ticketListSearch = (search: Record<string, unknown>): TicketListFilters => ({
  status: optionalOneOf(ticketStatuses, search.status),
  text: optionalText(search.text, 200),
  before: optionalPositiveInteger(search.before),
});

const ticketsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets',
  validateSearch: ticketListSearch,
  component: lazyRouteComponent(() => import('../features/tickets/MyTicketsPage'), 'MyTicketsPage'),
});

const reportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets/nuevo',
  component: lazyRouteComponent(() => import('../features/tickets/ReportProblemPage'), 'ReportProblemPage'),
});

/** A ticket number in the path; anything else is a page that does not exist. */
const ticketNumber = (raw: { number: string }): { number: number } => {
  const number = positiveIntegerParam(raw.number);
  // The router's protocol: a thrown notFound() renders the not-found page.
  // eslint-disable-next-line @typescript-eslint/only-throw-error
  if (number === null) throw notFound();
  return { number };
};

const ticketRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets/$number',
  params: { parse: ticketNumber, stringify: ({ number }) => ({ number: String(number) }) },
  // Staff get the ticket workspace, requesters and referentes their ticket page (chosen by the session's role).
  component: lazyRouteComponent(() => import('../features/workspace/TicketRoute'), 'TicketRoute'),
});

/** The closure mail's link: answered with its signed token, no session needed. */
const surveyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tickets/$number/encuesta',
  params: { parse: ticketNumber, stringify: ({ number }) => ({ number: String(number) }) },
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({
    token: optionalText(search.token, 4096),
  }),
  component: lazyRouteComponent(() => import('../features/survey/SurveyPage'), 'SurveyPage'),
});

const knowledgeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb',
  validateSearch: (search: Record<string, unknown>): { q?: string } => ({ q: optionalText(search.q, 200) }),
  component: lazyRouteComponent(() => import('../features/knowledge/KnowledgePage'), 'KnowledgePage'),
});

const articleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb/$articleId',
  params: {
    parse: (raw) => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- as for ticket numbers above
      if (!isUuid(raw.articleId)) throw notFound();
      return { articleId: raw.articleId };
    },
    stringify: ({ articleId }) => ({ articleId }),
  },
  component: lazyRouteComponent(() => import('../features/knowledge/ArticlePage'), 'ArticlePage'),
});

/** The console's queues, for staff; for anyone else the page does not exist. */
const consoleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/consola',
  validateSearch: parseQueueSearch,
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/console/QueuePage'), 'QueuePage'),
});

/** The desk registers calls, visits and remote sessions for others; for anyone else the page does not exist. */
const deskRegistrationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/consola/registrar',
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(
    () => import('../features/desk-registration/DeskRegistrationPage'),
    'DeskRegistrationPage',
  ),
});

/** The areas' canned answers, for staff: read them all, write the own area's. */
const cannedAnswersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/consola/respuestas',
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/canned-answers/CannedAnswersPage'), 'CannedAnswersPage'),
});

/** The closure report, to read and print; resolution decides who may see it (staff, the requester). */
const closureReportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets/$number/informe',
  params: { parse: ticketNumber, stringify: ({ number }) => ({ number: String(number) }) },
  component: lazyRouteComponent(() => import('../features/desk-registration/ClosureReportPage'), 'ClosureReportPage'),
});

const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cuenta',
  component: lazyRouteComponent(() => import('../features/account/AccountPage'), 'AccountPage'),
});

/** The managers' dashboard, for those who may read reports; for anyone else the page does not exist. */
const reportsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/informes',
  validateSearch: parseReportSearch,
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!mayReadReports(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage'), 'ReportsPage'),
});

/** Seed 001's yearly figures, to read and print; same people as the dashboard. */
const yearlyReportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/informes/anual',
  validateSearch: parseYearlySearch,
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!mayReadReports(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/reports/YearlyReportPage'), 'YearlyReportPage'),
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  surveyRoute,
  signedInRoute.addChildren([
    ticketsRoute,
    reportRoute,
    ticketRoute,
    knowledgeRoute,
    articleRoute,
    accountRoute,
    consoleRoute,
    deskRegistrationRoute,
    cannedAnswersRoute,
    closureReportRoute,
    reportsRoute,
    yearlyReportRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

onSessionExpired((here) => void router.navigate({ to: '/ingresar', search: { redirect: here, expired: true } }));

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
