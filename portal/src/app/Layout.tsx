import { AppShell, Burger, Group, NativeSelect, NavLink, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api, csrfHeader, unwrap } from '../api/client';
import { useSession } from '../features/auth/session';
import { NavLinkLink } from '../components/links';
import { ShortcutsDialog } from '../components/ShortcutsDialog';
import { isDeskRole } from '../features/desk-registration/desk-roles';
import { mayReadReports } from '../features/reports/report-roles';
import { changeLanguage, isLanguage, languages, type Language } from './i18n';
import { useLiveUpdates } from './live-updates';

/** The console's pages, for staff, before the pages everyone has. */
const STAFF_NAVIGATION = [
  { to: '/consola', label: 'nav.console', exact: true },
  { to: '/consola/registrar', label: 'nav.register', exact: true },
  { to: '/consola/respuestas', label: 'nav.cannedAnswers', exact: true },
  { to: '/problemas', label: 'problems.nav', exact: false },
  { to: '/inventario', label: 'inventory.nav', exact: false },
] as const;

/** The reports, for those who may read them (supervisors, administrators, operators). */
const REPORT_NAVIGATION = [{ to: '/informes', label: 'reports.nav', exact: false }] as const;

/** The administrators' pages, in their own group after everything else. */
const ADMIN_NAVIGATION = [
  { to: '/admin/cuentas', label: 'adminAccounts.nav.accounts' },
  { to: '/admin/auditoria', label: 'adminAccounts.nav.audit' },
  { to: '/admin/areas', label: 'adminConfig.nav.areas' },
  { to: '/admin/catalogos', label: 'adminCatalogues.nav' },
  { to: '/admin/niveles', label: 'adminConfig.nav.sla' },
  { to: '/admin/prioridades', label: 'priorityMatrix.nav' },
  { to: '/admin/avisos', label: 'notificationRules.nav' },
  { to: '/admin/comunicados', label: 'announcements.nav' },
  { to: '/admin/calendarios', label: 'adminCalendars.nav' },
  { to: '/admin/plantillas', label: 'adminConfig.nav.templates' },
  { to: '/admin/correos', label: 'adminConfig.nav.mails' },
  { to: '/admin/monitoreo', label: 'monitoring.nav' },
  { to: '/admin/informes-programados', label: 'adminConfig.nav.schedules' },
  { to: '/admin/metas-por-actividad', label: 'stepTimes.admin.nav' },
] as const;

const NAVIGATION = [
  { to: '/tickets', label: 'nav.myTickets', exact: true },
  { to: '/tickets/nuevo', label: 'nav.report', exact: true },
  { to: '/mi-equipo', label: 'myEquipment.nav', exact: true },
  { to: '/kb', label: 'nav.knowledge', exact: false },
  { to: '/cuenta', label: 'nav.account', exact: true },
] as const;

export function Layout() {
  const { t, i18n } = useTranslation();
  const account = useSession();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useLiveUpdates(queryClient, account != null);

  const saveLanguage = useMutation({
    mutationFn: (language: Language) => unwrap(api.PATCH('/api/v1/accounts/me', { body: { language } })),
  });
  const logout = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout', { params: { header: csrfHeader } })),
    onSettled: async (answer) => {
      queryClient.clear();
      queryClient.setQueryData(['session'], null);
      // A provider's session is ended on the provider's page, which comes back to the login page.
      if (answer?.redirectTo) window.location.assign(answer.redirectTo);
      else await navigate({ to: '/ingresar' });
    },
  });

  // The account's own choice, made on another device, wins over this browser's.
  const accountLanguage = account?.language;
  useEffect(() => {
    if (isLanguage(accountLanguage) && accountLanguage !== i18n.language) void changeLanguage(accountLanguage);
  }, [accountLanguage, i18n.language]);

  const onLanguage = (value: string) => {
    if (!languages.includes(value as Language)) return;
    void changeLanguage(value as Language);
    if (account) {
      queryClient.setQueryData(['session'], { ...account, language: value as Language });
      saveLanguage.mutate(value as Language);
    }
  };

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={account ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <a href="#contenido" className="skip-link">
        {t('nav.skip')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {account && (
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            )}
            <UnstyledButton component={Link} to="/">
              <Group gap={8} wrap="nowrap">
                <Text fw={800} c="cau.8" size="xl">
                  CAU
                </Text>
                <Text size="sm" c="dark.6" visibleFrom="xs">
                  {t('app.name')}
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NativeSelect
              aria-label={t('nav.language')}
              data={languages.map((value) => ({ value, label: t(`languages.${value}`) }))}
              value={i18n.language}
              onChange={(event) => onLanguage(event.currentTarget.value)}
              w={120}
              size="sm"
            />
          </Group>
        </Group>
      </AppShell.Header>
      {/* The administrators' list outgrows a laptop's height: the menu scrolls on its own. */}
      {account && (
        <AppShell.Navbar p="sm" aria-label={t('nav.main')} style={{ overflowY: 'auto' }}>
          <Text size="sm" fw={600} px="sm" pb={4}>
            {account.name}
          </Text>
          <Text size="xs" c="dark.4" px="sm" pb="sm">
            {t(`roles.${account.role}`)}
            {account.jurisdiction ? ` · ${account.jurisdiction}` : ''}
          </Text>
          {[
            ...(isDeskRole(account.role) ? STAFF_NAVIGATION : []),
            ...(mayReadReports(account.role) ? REPORT_NAVIGATION : []),
            ...NAVIGATION,
          ].map((item) => (
            <NavLinkLink
              key={item.to}
              to={item.to}
              activeOptions={{ exact: item.exact }}
              label={t(item.label)}
              active={item.exact ? pathname === item.to : pathname.startsWith(item.to)}
              onClick={close}
            />
          ))}
          {account.role === 'admin' && (
            <nav aria-labelledby="nav-admin">
              <Text id="nav-admin" size="xs" fw={700} tt="uppercase" c="dark.6" px="sm" pt="md" pb={4}>
                {t('adminConfig.nav.group')}
              </Text>
              {ADMIN_NAVIGATION.map((item) => (
                <NavLinkLink
                  key={item.to}
                  to={item.to}
                  label={t(item.label)}
                  active={pathname === item.to}
                  onClick={close}
                />
              ))}
            </nav>
          )}
          <NavLink component="button" label={t('nav.logout')} onClick={() => logout.mutate()} mt="md" />
        </AppShell.Navbar>
      )}
      <AppShell.Main id="contenido" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
      {account && <ShortcutsDialog />}
    </AppShell>
  );
}
