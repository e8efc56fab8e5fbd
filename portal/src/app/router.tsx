import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import type { QueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { LoginPage } from '../features/auth/LoginPage';
import { sessionQuery } from '../features/auth/session';
import { AccountPage } from '../features/account/AccountPage';
import { ArticlePage } from '../features/knowledge/ArticlePage';
import { KnowledgePage } from '../features/knowledge/KnowledgePage';
import { SurveyPage } from '../features/survey/SurveyPage';
import { MyTicketsPage } from '../features/tickets/MyTicketsPage';
import { ReportProblemPage } from '../features/tickets/ReportProblemPage';
import { TicketPage } from '../features/tickets/TicketPage';
import { ticketStatuses } from '../features/tickets/ticket-status';
import { ErrorPage, NotFoundPage } from './ErrorPages';
import { Layout } from './Layout';
import { onSessionExpired, queryClient } from './query-client';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Layout,
  notFoundComponent: NotFoundPage,
  errorComponent: ErrorPage,
});

const indexRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  beforeLoad: () => {
    // The router's own protocol: a thrown redirect (not an Error) ends the load and navigates.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw redirect({ to: '/tickets' });
  },
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/ingresar',
  validateSearch: z.object({
    redirect: z.string().startsWith('/').optional().catch(undefined),
    expired: z.boolean().optional().catch(undefined),
  }),
  component: LoginPage,
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

const ticketListSearch = z.object({
  status: z.enum(ticketStatuses).optional().catch(undefined),
  text: z.string().max(200).optional().catch(undefined),
  before: z.number().int().positive().optional().catch(undefined),
});

const ticketsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets',
  validateSearch: ticketListSearch,
  component: MyTicketsPage,
});

const reportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets/nuevo',
  component: ReportProblemPage,
});

const ticketNumber = z.object({ number: z.coerce.number().int().positive().max(2_147_483_647) });

const ticketRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tickets/$number',
  params: { parse: (raw) => ticketNumber.parse(raw), stringify: ({ number }) => ({ number: String(number) }) },
  component: TicketPage,
});

/** The closure mail's link: answered with its signed token, no session needed. */
const surveyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/tickets/$number/encuesta',
  params: { parse: (raw) => ticketNumber.parse(raw), stringify: ({ number }) => ({ number: String(number) }) },
  validateSearch: z.object({ token: z.string().max(4096).optional().catch(undefined) }),
  component: SurveyPage,
});

const knowledgeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb',
  validateSearch: z.object({ q: z.string().max(200).optional().catch(undefined) }),
  component: KnowledgePage,
});

const articleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb/$articleId',
  params: {
    parse: (raw) => z.object({ articleId: z.uuid() }).parse(raw),
    stringify: ({ articleId }) => ({ articleId }),
  },
  component: ArticlePage,
});

const accountRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/cuenta',
  component: AccountPage,
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  loginRoute,
  surveyRoute,
  signedInRoute.addChildren([ticketsRoute, reportRoute, ticketRoute, knowledgeRoute, articleRoute, accountRoute]),
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
