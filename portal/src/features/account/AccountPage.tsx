import { Alert, Button, Card, Checkbox, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../auth/session';
import { ANNOUNCEMENT_MAILS, mailPreferencesQuery, receives, setAnnouncementMails } from './mail-preferences-api';

const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required'),
    newPassword: z.string().min(10, 'account.passwordRule').max(1024, 'validation.tooLong'),
    repeat: z.string(),
  })
  .refine((value) => value.newPassword === value.repeat, { path: ['repeat'], message: 'account.passwordsDiffer' });
type PasswordForm = z.infer<typeof passwordSchema>;

/**
 * Who the person is, their password and which optional mails they get. The language is chosen in the header
 * and remembered here.
 */
export function AccountPage() {
  const { t } = useTranslation();
  const account = useSession()!;
  const form = useForm<PasswordForm>({
    resolver: zodResolver(passwordSchema),
    defaultValues: { currentPassword: '', newPassword: '', repeat: '' },
  });
  const change = useMutation({
    mutationFn: ({ currentPassword, newPassword }: PasswordForm) =>
      unwrap(api.PUT('/api/v1/accounts/me/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => form.reset(),
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const serverField = (name: string) =>
    change.error instanceof ApiError ? change.error.fields.find((field) => field.field === name)?.message : undefined;

  return (
    <Stack maw={560} mx="auto" gap="md">
      <Title order={1}>{t('account.title')}</Title>
      <Card withBorder padding="md">
        <Text fw={600}>{account.name}</Text>
        <Text size="sm">{account.email}</Text>
        <Text size="sm" c="dark.5">
          {t(`roles.${account.role}`)}
          {account.jurisdiction ? ` · ${account.jurisdiction}` : ''}
        </Text>
      </Card>
      <Card withBorder padding="md" component="section" aria-labelledby="password-title">
        <Title order={2} size="h4" id="password-title" mb="sm">
          {t('account.changePassword')}
        </Title>
        <form onSubmit={onSubmitOf(form.handleSubmit((values) => change.mutate(values)))} noValidate>
          <Stack>
            <PasswordInput
              label={t('account.currentPassword')}
              autoComplete="current-password"
              required
              {...form.register('currentPassword')}
              error={message(form.formState.errors.currentPassword?.message) ?? serverField('currentPassword')}
            />
            <PasswordInput
              label={t('account.newPassword')}
              description={t('account.passwordRule')}
              autoComplete="new-password"
              required
              {...form.register('newPassword')}
              error={message(form.formState.errors.newPassword?.message) ?? serverField('newPassword')}
            />
            <PasswordInput
              label={t('account.repeatPassword')}
              autoComplete="new-password"
              required
              {...form.register('repeat')}
              error={message(form.formState.errors.repeat?.message)}
            />
            {change.error instanceof ApiError && change.error.fields.length === 0 && (
              <Alert color="red" role="alert">
                {change.error.message}
              </Alert>
            )}
            {change.isSuccess && (
              <Alert color="green" role="status">
                {t('account.passwordChanged')}
              </Alert>
            )}
            <Button type="submit" loading={change.isPending} w="fit-content">
              {t('account.savePassword')}
            </Button>
          </Stack>
        </form>
      </Card>
      <MailPreferences />
    </Stack>
  );
}

/** Announcement mails, on unless turned off; saved as soon as the box changes. */
function MailPreferences() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const preferences = useQuery(mailPreferencesQuery);
  const save = useMutation({
    mutationFn: setAnnouncementMails,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mailPreferencesQuery.queryKey }),
  });
  const checked = save.isPending ? save.variables : receives(preferences.data?.items ?? [], ANNOUNCEMENT_MAILS);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="mails-title">
      <Title order={2} size="h4" id="mails-title" mb="sm">
        {t('account.mails')}
      </Title>
      <Stack>
        <Checkbox
          label={t('account.announcementMails')}
          description={t('account.announcementMailsHint')}
          checked={checked}
          disabled={!preferences.isSuccess || save.isPending}
          onChange={(event) => save.mutate(event.currentTarget.checked)}
        />
        {save.error instanceof ApiError && (
          <Alert color="red" role="alert">
            {save.error.message}
          </Alert>
        )}
        {save.isSuccess && (
          <Alert color="green" role="status">
            {t(save.data.enabled ? 'account.announcementMailsOn' : 'account.announcementMailsOff')}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
