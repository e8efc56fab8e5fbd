import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, PasswordInput, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { useSession } from '../auth/session';
import { ActionModal, fieldError, Refusal } from '../workspace/actions/action-kit';
import { graphQuery } from '../workspace/workspace-api';
import { createAccountSchema, createBody, type CreateAccountValues } from './account-form';
import { notifySaved } from '../../components/notify';
import { AccountPanel, useAdminRefresh, type AreaOption } from './AccountPanel';
import { AccountsTable } from './AccountsTable';
import { accountsQuery, ROLES, type AccountRow } from './admin-accounts-api';

const route = getRouteApi('/signed-in/admin/cuentas');

/** The administrators' accounts: find, create, change access, disable, and each account's history. */
export function AdminAccountsPage() {
  const { t } = useTranslation();
  const account = useSession()!;
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useState(search.q ?? '');
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<AccountRow | null>(null);
  const graph = useQuery(graphQuery);
  const areas: AreaOption[] = (graph.data?.areas ?? []).map((area) => ({
    value: area.code,
    label: `${area.code} · ${area.name}`,
  }));

  const setSearch = (next: Partial<typeof search>) =>
    void navigate({ search: (previous) => ({ ...previous, ...next }), replace: true });
  const typed = useDebouncedCallback((value: string) => setSearch({ q: value.trim() || undefined }), 250);

  const accounts = useInfiniteQuery(
    accountsQuery({
      ...(search.q ? { search: search.q } : {}),
      ...(search.role ? { role: search.role } : {}),
      ...(search.area ? { area: search.area } : {}),
      ...(search.status ? { active: search.status === 'active' ? 'true' : 'false' } : {}),
    }),
  );
  const rows = accounts.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('adminAccounts.title')}</Title>
        <Button onClick={() => setCreating(true)}>{t('adminAccounts.new')}</Button>
      </Group>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} role="search" aria-label={t('adminAccounts.filters')}>
        <TextInput
          label={t('adminAccounts.search')}
          description={t('adminAccounts.searchHint')}
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            typed(event.currentTarget.value);
          }}
        />
        <NativeSelect
          label={t('adminAccounts.fields.role')}
          value={search.role ?? ''}
          onChange={(event) => setSearch({ role: (event.currentTarget.value || undefined) as (typeof search)['role'] })}
          data={[
            { value: '', label: t('adminAccounts.allRoles') },
            ...ROLES.map((value) => ({ value, label: t(`roles.${value}`) })),
          ]}
        />
        <NativeSelect
          label={t('adminAccounts.fields.area')}
          value={search.area ?? ''}
          onChange={(event) => setSearch({ area: event.currentTarget.value || undefined })}
          data={[{ value: '', label: t('adminAccounts.allAreas') }, ...areas]}
        />
        <NativeSelect
          label={t('adminAccounts.columns.status')}
          value={search.status ?? ''}
          onChange={(event) =>
            setSearch({ status: (event.currentTarget.value || undefined) as (typeof search)['status'] })
          }
          data={[
            { value: '', label: t('adminAccounts.allStatuses') },
            { value: 'active', label: t('adminAccounts.active') },
            { value: 'inactive', label: t('adminAccounts.inactive') },
          ]}
        />
      </SimpleGrid>
      <Text size="sm" c="dark.5" role="status">
        {accounts.isPending
          ? t('common.loading')
          : accounts.hasNextPage
            ? t('adminAccounts.shownMore', { count: rows.length })
            : t('adminAccounts.shown', { count: rows.length })}
      </Text>
      {accounts.isError && <Refusal error={accounts.error} title={t('adminAccounts.loadFailed')} />}
      <AccountsTable rows={rows} onOpen={setOpen} />
      {accounts.hasNextPage && (
        <Button variant="light" onClick={() => void accounts.fetchNextPage()} loading={accounts.isFetchingNextPage}>
          {t('adminAccounts.loadMore')}
        </Button>
      )}
      {creating && <CreateAccount areas={areas} onClose={() => setCreating(false)} onCreated={setOpen} />}
      {open && (
        <AccountPanel
          account={open}
          areas={areas}
          ownId={account.id}
          onClose={() => setOpen(null)}
          onChanged={setOpen}
        />
      )}
    </Stack>
  );
}

function CreateAccount({
  areas,
  onClose,
  onCreated,
}: {
  areas: AreaOption[];
  onClose: () => void;
  onCreated: (account: AccountRow) => void;
}) {
  const { t } = useTranslation();
  const refresh = useAdminRefresh();
  const form = useForm<CreateAccountValues>({
    resolver: zodResolver(createAccountSchema),
    defaultValues: { name: '', email: '', password: '', role: 'agent', area: '', jurisdiction: '' },
  });
  const role = form.watch('role');
  const create = useMutation({
    mutationFn: (values: CreateAccountValues) => unwrap(api.POST('/api/v1/accounts', { body: createBody(values) })),
    onSuccess: async (created) => {
      notifySaved(t, t('adminAccounts.created', { name: created.name }));
      onClose();
      onCreated({
        id: created.id,
        name: created.name,
        email: created.email,
        role: created.role,
        area: created.area,
        jurisdiction: created.jurisdiction,
        active: created.active,
      });
      await refresh();
    },
  });
  // The gateway's words for a field it refused; a taken e-mail (409) belongs to the e-mail field.
  const serverField = (name: string) => {
    if (!(create.error instanceof ApiError)) return undefined;
    if (name === 'email' && create.error.status === 409) return t('adminAccounts.form.emailTaken');
    return create.error.fields.find((field) => field.field === name)?.message;
  };
  const fields = ['name', 'email', 'password', 'role', 'area', 'jurisdiction'];
  const shownByField = fields.some((name) => serverField(name) !== undefined);
  const { errors } = form.formState;
  return (
    <ActionModal opened onClose={onClose} title={t('adminAccounts.newTitle')}>
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => create.mutate(values)))} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('adminAccounts.fields.name')}
            required
            data-autofocus
            autoComplete="off"
            {...form.register('name')}
            error={fieldError(t, errors.name?.message) ?? serverField('name')}
          />
          <TextInput
            label={t('adminAccounts.fields.email')}
            type="email"
            required
            autoComplete="off"
            {...form.register('email')}
            error={fieldError(t, errors.email?.message) ?? serverField('email')}
          />
          <PasswordInput
            label={t('adminAccounts.fields.password')}
            description={t('adminAccounts.form.passwordHint')}
            required
            autoComplete="new-password"
            {...form.register('password')}
            error={fieldError(t, errors.password?.message) ?? serverField('password')}
          />
          <NativeSelect
            label={t('adminAccounts.fields.role')}
            required
            data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            {...form.register('role')}
            error={fieldError(t, errors.role?.message) ?? serverField('role')}
          />
          {(role === 'agent' || role === 'operator') && (
            <NativeSelect
              label={t('adminAccounts.fields.area')}
              required={role === 'agent'}
              data={[{ value: '', label: t('adminAccounts.form.chooseArea') }, ...areas]}
              {...form.register('area')}
              error={fieldError(t, errors.area?.message) ?? serverField('area')}
            />
          )}
          {role === 'referente' && (
            <TextInput
              label={t('adminAccounts.fields.jurisdiction')}
              description={t('adminAccounts.form.jurisdictionHint')}
              required
              {...form.register('jurisdiction')}
              error={fieldError(t, errors.jurisdiction?.message) ?? serverField('jurisdiction')}
            />
          )}
          {!shownByField && <Refusal error={create.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('adminAccounts.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}
