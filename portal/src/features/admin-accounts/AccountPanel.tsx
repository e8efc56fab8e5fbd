import { zodResolver } from '@hookform/resolvers/zod';
import { Badge, Button, Drawer, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ACTIVE_COLOR, INACTIVE_COLOR } from './admin-accounts-api';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { fieldError, Refusal } from '../workspace/actions/action-kit';
import { accessBody, accessSchema, type AccessValues } from './account-form';
import { ROLES, type AccountRow } from './admin-accounts-api';
import { AuditEntries } from './AuditEntries';
import { notifySaved } from '../../components/notify';

export interface AreaOption {
  value: string;
  label: string;
}

/** After any change: the list, the account's history and the whole log read again. */
export function useAdminRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['admin'] });
}

/** One account: its access, enable/disable, a reset mail, and its history from the audit log. */
export function AccountPanel({
  account,
  areas,
  ownId,
  onClose,
  onChanged,
}: {
  account: AccountRow;
  areas: AreaOption[];
  ownId: string;
  onClose: () => void;
  onChanged: (account: AccountRow) => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 40em)');
  const [confirming, setConfirming] = useState<'toggle' | 'reset' | null>(null);
  const own = account.id === ownId;
  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={account.name}
      closeButtonProps={{ 'aria-label': t('adminAccounts.closePanel') }}
    >
      <Stack gap="md">
        <Stack gap={2}>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {account.email}
          </Text>
          <Group gap="xs">
            <Badge variant="light" color="cau">
              {t(`roles.${account.role}`)}
            </Badge>
            <Badge variant="filled" radius="sm" color={account.active ? ACTIVE_COLOR : INACTIVE_COLOR}>
              {account.active ? t('adminAccounts.active') : t('adminAccounts.inactive')}
            </Badge>
          </Group>
        </Stack>
        <AccessForm
          key={`${account.id}-${account.role}-${account.area}-${account.jurisdiction}`}
          account={account}
          areas={areas}
          own={own}
          onChanged={onChanged}
        />
        <Group gap="xs">
          {!own && (
            <Button
              variant={account.active ? 'outline' : 'filled'}
              color={account.active ? 'red' : 'green.9'}
              onClick={() => setConfirming('toggle')}
            >
              {account.active ? t('adminAccounts.disable') : t('adminAccounts.enable')}
            </Button>
          )}
          {account.active && (
            <Button variant="default" onClick={() => setConfirming('reset')}>
              {t('adminAccounts.resetPassword')}
            </Button>
          )}
        </Group>
        <Title order={2} size="h4">
          {t('adminAccounts.history')}
        </Title>
        <AuditEntries filters={{ targetType: 'account', targetId: account.id }} label={t('adminAccounts.history')} />
      </Stack>
      {confirming === 'toggle' && (
        <ToggleActive account={account} onClose={() => setConfirming(null)} onChanged={onChanged} />
      )}
      {confirming === 'reset' && <SendReset account={account} onClose={() => setConfirming(null)} />}
    </Drawer>
  );
}

function AccessForm({
  account,
  areas,
  own,
  onChanged,
}: {
  account: AccountRow;
  areas: AreaOption[];
  own: boolean;
  onChanged: (account: AccountRow) => void;
}) {
  const { t } = useTranslation();
  const refresh = useAdminRefresh();
  const form = useForm<AccessValues>({
    resolver: zodResolver(accessSchema),
    defaultValues: { role: account.role, area: account.area ?? '', jurisdiction: account.jurisdiction ?? '' },
  });
  const role = form.watch('role');
  const save = useMutation({
    mutationFn: (values: AccessValues) =>
      unwrap(api.PATCH('/api/v1/accounts/{id}', { params: { path: { id: account.id } }, body: accessBody(values) })),
    onSuccess: async (saved) => {
      notifySaved(t, t('adminAccounts.saved'));
      onChanged({ ...account, role: saved.role, area: saved.area, jurisdiction: saved.jurisdiction });
      await refresh();
    },
  });
  const serverField = (name: string) =>
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === name)?.message : undefined;
  const { errors } = form.formState;
  const shownByField = ['role', 'area', 'jurisdiction'].some((name) => serverField(name) !== undefined);
  return (
    <form
      onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))}
      noValidate
      aria-label={t('adminAccounts.accessForm')}
    >
      <Stack gap="sm">
        <NativeSelect
          label={t('adminAccounts.fields.role')}
          data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          disabled={own}
          description={own ? t('adminAccounts.ownRole') : undefined}
          {...form.register('role')}
          error={fieldError(t, errors.role?.message) ?? serverField('role')}
        />
        {(role === 'agent' || role === 'operator') && (
          <NativeSelect
            label={t('adminAccounts.fields.area')}
            data={[{ value: '', label: t('adminAccounts.form.chooseArea') }, ...areas]}
            required={role === 'agent'}
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
        {!shownByField && <Refusal error={save.error} />}
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={!form.formState.isDirty}>
            {t('adminAccounts.saveAccess')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ToggleActive({
  account,
  onClose,
  onChanged,
}: {
  account: AccountRow;
  onClose: () => void;
  onChanged: (account: AccountRow) => void;
}) {
  const { t } = useTranslation();
  const refresh = useAdminRefresh();
  const active = !account.active;
  const toggle = useMutation({
    mutationFn: () =>
      unwrap(api.PATCH('/api/v1/accounts/{id}', { params: { path: { id: account.id } }, body: { active } })),
    onSuccess: async (saved) => {
      notifySaved(t, saved.active ? t('adminAccounts.enabled') : t('adminAccounts.disabled'));
      onChanged({ ...account, active: saved.active });
      onClose();
      await refresh();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={active ? t('adminAccounts.enableTitle') : t('adminAccounts.disableTitle')}
      closeButtonProps={{ 'aria-label': t('workspace.forms.closeDialog') }}
    >
      <Stack gap="sm">
        <Text size="sm">
          {active
            ? t('adminAccounts.enableConfirm', { name: account.name })
            : t('adminAccounts.disableConfirm', { name: account.name })}
        </Text>
        <Refusal error={toggle.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color={active ? 'green.9' : 'red'} loading={toggle.isPending} onClick={() => toggle.mutate()}>
            {active ? t('adminAccounts.enable') : t('adminAccounts.disable')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function SendReset({ account, onClose }: { account: AccountRow; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useAdminRefresh();
  const send = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/accounts/{id}/password-reset', { params: { path: { id: account.id } } })),
    onSuccess: async () => {
      notifySaved(t, t('adminAccounts.resetSent', { email: account.email }));
      onClose();
      await refresh();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('adminAccounts.resetPassword')}
      closeButtonProps={{ 'aria-label': t('workspace.forms.closeDialog') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('adminAccounts.resetConfirm', { name: account.name, email: account.email })}</Text>
        <Refusal error={send.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button loading={send.isPending} onClick={() => send.mutate()}>
            {t('adminAccounts.resetSend')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
