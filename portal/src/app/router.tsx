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
import { SSO_FAILURES, type SsoFailure } from '../features/auth/sso';
import { queueQuery, savedViewsQuery } from '../features/console/queue-api';
import { listQuery, parseQueueSearch } from '../features/console/queue-search';
import { isDeskRole } from '../features/desk-registration/desk-roles';
import { equipmentListQuery, mayImportInventory, mayUseInventory } from '../features/inventory/inventory-api';
import { inUse, parseInventorySearch } from '../features/inventory/inventory-search';
import { parseServiceLogSearch } from '../features/service-log/service-log-search';
import { ARTICLE_STATUSES, type ArticleStatus } from '../features/knowledge/knowledge-api';
import { mayReadReports } from '../features/reports/report-roles';
import { localToday, parseReportSearch, parseYearlySearch } from '../features/reports/report-search';
import { dashboardQueries } from '../features/reports/reports-api';
import { ticketQuery } from '../features/tickets/tickets-api';
import { ticketStatuses } from '../features/tickets/ticket-status';
import { isStaffRole } from '../features/workspace/availability';
import { categoriesQuery, graphQuery, pathQuery } from '../features/workspace/workspace-api';
import { warmUpWorkspace } from '../features/workspace/warm-up';
import { PROBLEM_STATUSES } from '../features/problems/problems-api';
import type { ProblemsSearch } from '../features/problems/ProblemsPage';
import { ticketAttachmentsQuery } from '../features/tickets/attachments/attachments-api';
import type { TicketListFilters } from '../features/tickets/tickets-api';
import {
  INBOUND_STATUSES,
  MAIL_KINDS,
  MAIL_LANGUAGES,
  UNSENT_STATUSES,
  type InboundStatus,
  type MailKind,
  type MailLanguage,
  type UnsentStatus,
} from '../features/admin-config/admin-search';
import {
  AUDIT_TARGET_TYPES,
  ROLES as ADMIN_ROLES,
  type AuditTargetType,
  type Role as AdminRole,
} from '../features/admin-accounts/admin-accounts-api';
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
  validateSearch: (search: Record<string, unknown>): { redirect?: string; expired?: boolean; sso?: SsoFailure } => ({
    redirect: optionalLocalPath(search.redirect),
    expired: search.expired === true ? true : undefined,
    sso: optionalOneOf(SSO_FAILURES, search.sso),
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
  // The reads start with the page's code, not after it: the workspace is two chunks deep (TicketRoute, then
  // WorkspacePage for staff), and the ticket with its timeline is what the page waits for. The reads are not
  // awaited (the page shows its own loading and errors); the workspace's code is, so the page renders it without
  // a Suspense fallback (see `loadWorkspace`).
  loader: async ({ context, params }) => {
    void context.queryClient.prefetchQuery(ticketQuery(params.number));
    if (isStaffRole(context.account.role)) {
      // What the workspace's sections read once it renders: asked now, beside the ticket, rather than after it.
      void context.queryClient.prefetchQuery(pathQuery(params.number));
      void context.queryClient.prefetchQuery(ticketAttachmentsQuery(params.number));
      await warmUpWorkspace(context.queryClient);
    }
  },
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

/** An article's id in the path; anything else is a page that does not exist. */
const articleIdParam = {
  parse: (raw: { articleId: string }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- as for ticket numbers above
    if (!isUuid(raw.articleId)) throw notFound();
    return { articleId: raw.articleId };
  },
  stringify: ({ articleId }: { articleId: string }) => ({ articleId }),
};

const knowledgeRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb',
  // `status` only changes what staff see; everyone else reads published articles whatever the address says.
  validateSearch: (search: Record<string, unknown>): { q?: string; status?: ArticleStatus } => ({
    q: optionalText(search.q, 200),
    status: optionalOneOf(ARTICLE_STATUSES, search.status),
  }),
  component: lazyRouteComponent(() => import('../features/knowledge/KnowledgePage'), 'KnowledgePage'),
});

const articleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb/$articleId',
  params: articleIdParam,
  component: lazyRouteComponent(() => import('../features/knowledge/ArticlePage'), 'ArticlePage'),
});

/** Staff write the knowledge base; for anyone else the editor does not exist. */
const newArticleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb/nuevo',
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/knowledge/ArticleEditorPage'), 'NewArticlePage'),
});

const editArticleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/kb/$articleId/editar',
  params: articleIdParam,
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/knowledge/ArticleEditorPage'), 'EditArticlePage'),
});

/** How long entering the console waits for the queue's first rows before it shows the page without them. */
const FIRST_ROWS_WAIT_MS = 1_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The console's queues, for staff; for anyone else the page does not exist. */
const consoleRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/consola',
  validateSearch: parseQueueSearch,
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  // The queue's first page is read while the page's code loads, not after it renders.
  loaderDeps: ({ search }) => search,
  loader: async ({ context, deps, cause }) => {
    const firstRows = context.queryClient.prefetchInfiniteQuery(queueQuery(listQuery(deps, context.account.area)));
    void context.queryClient.prefetchQuery(graphQuery);
    void context.queryClient.prefetchQuery(savedViewsQuery);
    // Entering the console, the page waits a moment for its first rows: laying it out and painting it once,
    // with them, is sooner on screen than painting it empty and again when they come. Past the wait (a slow
    // server) it shows its own loading, and its own error if the read fails (a prefetch never throws). Within
    // the console (another view or filter) the rows on screen stay until the next ones come.
    if (cause === 'enter') await Promise.race([firstRows, delay(FIRST_ROWS_WAIT_MS)]);
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

/** The equipment register (issue 15), for staff; for anyone else the pages do not exist. */
const inventoryOnly = ({ context }: { context: { account: { role: string } } }) => {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
  if (!mayUseInventory(context.account.role)) throw notFound();
};
const equipmentIdParam = {
  parse: (raw: { equipmentId: string }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- as for ticket numbers above
    if (!isUuid(raw.equipmentId)) throw notFound();
    return { equipmentId: raw.equipmentId };
  },
  stringify: ({ equipmentId }: { equipmentId: string }) => ({ equipmentId }),
};
const inventoryRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/inventario',
  validateSearch: parseInventorySearch,
  beforeLoad: inventoryOnly,
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => void context.queryClient.prefetchInfiniteQuery(equipmentListQuery(inUse(deps))),
  component: lazyRouteComponent(() => import('../features/inventory/InventoryPage'), 'InventoryPage'),
});
const newEquipmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/inventario/nuevo',
  beforeLoad: inventoryOnly,
  component: lazyRouteComponent(() => import('../features/inventory/EquipmentFormPage'), 'NewEquipmentPage'),
});
const importEquipmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/inventario/importar',
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!mayImportInventory(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/inventory/ImportPage'), 'ImportPage'),
});
const serviceLogRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/inventario/bitacora',
  validateSearch: parseServiceLogSearch,
  beforeLoad: inventoryOnly,
  component: lazyRouteComponent(() => import('../features/service-log/ServiceLogPage'), 'ServiceLogPage'),
});
const equipmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/inventario/$equipmentId',
  params: equipmentIdParam,
  beforeLoad: inventoryOnly,
  component: lazyRouteComponent(() => import('../features/inventory/EquipmentPage'), 'EquipmentPage'),
});
const editEquipmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/inventario/$equipmentId/editar',
  params: equipmentIdParam,
  beforeLoad: inventoryOnly,
  component: lazyRouteComponent(() => import('../features/inventory/EquipmentFormPage'), 'EditEquipmentPage'),
});

/** "Mi equipo": the equipment the signed-in person holds, whatever their role (issue 15). */
const myEquipmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/mi-equipo',
  component: lazyRouteComponent(() => import('../features/my-equipment/MyEquipmentPage'), 'MyEquipmentPage'),
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

/** Problem records (docs/domain.md § Post-assistance evaluation), for staff: the list with its filters, and one problem. */
const problemsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/problemas',
  validateSearch: (search: Record<string, unknown>): ProblemsSearch => ({
    status: optionalOneOf(PROBLEM_STATUSES, search.status),
    area: optionalText(search.area, 32),
    crear: search.crear === true ? true : undefined,
    tickets: optionalText(search.tickets, 2000),
    titulo: optionalText(search.titulo, 200),
  }),
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/problems/ProblemsPage'), 'ProblemsPage'),
});
const problemRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/problemas/$problemId',
  params: {
    parse: (raw: { problemId: string }) => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- as for ticket numbers above
      if (!isUuid(raw.problemId)) throw notFound();
      return { problemId: raw.problemId };
    },
    stringify: ({ problemId }: { problemId: string }) => ({ problemId }),
  },
  beforeLoad: ({ context }) => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
    if (!isDeskRole(context.account.role)) throw notFound();
  },
  component: lazyRouteComponent(() => import('../features/problems/ProblemPage'), 'ProblemPage'),
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

/** "¿Olvidaste tu contraseña?": no session needed. */
const recoverPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/recuperar',
  component: lazyRouteComponent(() => import('../features/password-reset/RecoverPasswordPage'), 'RecoverPasswordPage'),
});

/** The mailed link's page, with its token. */
const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/restablecer',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optionalText(search.token, 200) }),
  component: lazyRouteComponent(() => import('../features/password-reset/ResetPasswordPage'), 'ResetPasswordPage'),
});

/** "Crear una cuenta": no session needed; the page says so where the installation keeps it closed. */
const registerRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/registrarse',
  component: lazyRouteComponent(() => import('../features/registration/RegisterPage'), 'RegisterPage'),
});

/** The registration's mailed link, with its token. */
const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verificar-correo',
  validateSearch: (search: Record<string, unknown>): { token?: string } => ({ token: optionalText(search.token, 200) }),
  component: lazyRouteComponent(() => import('../features/registration/VerifyEmailPage'), 'VerifyEmailPage'),
});

/** Administrators only: for anyone else these pages do not exist. */
const adminOnly = ({ context }: { context: { account: { role: string } } }) => {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- the router's notFound protocol, as above
  if (context.account.role !== 'admin') throw notFound();
};

const adminAreasRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/areas',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-config/AreasPage'), 'AreasPage'),
});

const adminCataloguesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/catalogos',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-catalogues/CataloguesPage'), 'CataloguesPage'),
});

const adminSlaRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/niveles',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-config/SlaPage'), 'SlaPage'),
});

const adminPriorityMatrixRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/prioridades',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-config/PriorityMatrixPage'), 'PriorityMatrixPage'),
});

const adminStepTargetsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/metas-por-actividad',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/reports/StepTargetsPage'), 'StepTargetsPage'),
});

const adminNotificationRulesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/avisos',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(
    () => import('../features/admin-config/NotificationRulesPage'),
    'NotificationRulesPage',
  ),
});

const adminAnnouncementsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/comunicados',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(
    () => import('../features/announcements/AnnouncementsAdminPage'),
    'AnnouncementsAdminPage',
  ),
});

const adminCalendarsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/calendarios',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-calendars/CalendarsPage'), 'CalendarsPage'),
});

const adminTemplatesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/plantillas',
  beforeLoad: adminOnly,
  validateSearch: (search: Record<string, unknown>): { kind?: MailKind; language?: MailLanguage } => ({
    kind: optionalOneOf(MAIL_KINDS, search.kind),
    language: optionalOneOf(MAIL_LANGUAGES, search.language),
  }),
  component: lazyRouteComponent(() => import('../features/admin-config/TemplatesPage'), 'TemplatesPage'),
});

const adminMailsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/correos',
  beforeLoad: adminOnly,
  validateSearch: (search: Record<string, unknown>): { inbound?: InboundStatus; outbound?: UnsentStatus } => ({
    inbound: optionalOneOf(INBOUND_STATUSES, search.inbound),
    outbound: optionalOneOf(UNSENT_STATUSES, search.outbound),
  }),
  component: lazyRouteComponent(() => import('../features/admin-config/MailsPage'), 'MailsPage'),
});

const adminMonitoringRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/monitoreo',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/monitoring/MonitoringPage'), 'MonitoringPage'),
});

const adminSchedulesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/informes-programados',
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-config/SchedulesPage'), 'SchedulesPage'),
});

const adminAccountsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/cuentas',
  validateSearch: (
    search: Record<string, unknown>,
  ): { q?: string; role?: AdminRole; area?: string; status?: 'active' | 'inactive' } => ({
    q: optionalText(search.q, 200),
    role: optionalOneOf(ADMIN_ROLES, search.role),
    area: optionalText(search.area, 32),
    status: optionalOneOf(['active', 'inactive'] as const, search.status),
  }),
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-accounts/AdminAccountsPage'), 'AdminAccountsPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/admin/auditoria',
  validateSearch: (
    search: Record<string, unknown>,
  ): { targetType?: AuditTargetType; targetId?: string; actor?: string; from?: string; to?: string } => ({
    targetType: optionalOneOf(AUDIT_TARGET_TYPES, search.targetType),
    targetId: optionalText(search.targetId, 200),
    actor: isUuid(search.actor) ? search.actor : undefined,
    from: optionalText(search.from, 10),
    to: optionalText(search.to, 10),
  }),
  beforeLoad: adminOnly,
  component: lazyRouteComponent(() => import('../features/admin-accounts/AuditPage'), 'AuditPage'),
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
  // Every figure is asked for at once, while the page's code (and its charts') loads, not after it renders
  // (not awaited: the page shows its own loading and errors).
  loaderDeps: ({ search }) => search,
  loader: ({ context, deps }) => {
    const reads = dashboardQueries(deps, context.account.role, localToday());
    const { queryClient } = context;
    void queryClient.prefetchQuery(reads.current);
    void queryClient.prefetchQuery(reads.before);
    void queryClient.prefetchQuery(reads.series);
    if (reads.byDimensionQuery) void queryClient.prefetchQuery(reads.byDimension);
    void queryClient.prefetchQuery(reads.recurring);
    if (reads.showsProblems) void queryClient.prefetchQuery(reads.problems);
    void queryClient.prefetchQuery(reads.productivity);
    void queryClient.prefetchQuery(reads.stepTimes);
    void queryClient.prefetchQuery(categoriesQuery);
  },
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage'), 'ReportsPage'),
});

/** The yearly figures (docs/domain.md § Reports), to read and print; same people as the dashboard. */
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
  recoverPasswordRoute,
  resetPasswordRoute,
  registerRoute,
  verifyEmailRoute,
  signedInRoute.addChildren([
    ticketsRoute,
    reportRoute,
    ticketRoute,
    knowledgeRoute,
    articleRoute,
    newArticleRoute,
    editArticleRoute,
    accountRoute,
    consoleRoute,
    deskRegistrationRoute,
    cannedAnswersRoute,
    problemsRoute,
    problemRoute,
    inventoryRoute,
    serviceLogRoute,
    newEquipmentRoute,
    importEquipmentRoute,
    equipmentRoute,
    editEquipmentRoute,
    myEquipmentRoute,
    closureReportRoute,
    adminAccountsRoute,
    auditRoute,
    adminAreasRoute,
    adminCataloguesRoute,
    adminSlaRoute,
    adminPriorityMatrixRoute,
    adminStepTargetsRoute,
    adminNotificationRulesRoute,
    adminAnnouncementsRoute,
    adminCalendarsRoute,
    adminTemplatesRoute,
    adminMailsRoute,
    adminSchedulesRoute,
    adminMonitoringRoute,
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
