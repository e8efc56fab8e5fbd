import { Alert, Button, Card, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../auth/session';

const passwordSchema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required'),
    newPassword: z.string().min(10, 'account.passwordRule').max(1024, 'validation.tooLong'),
    repeat: z.string(),
  })
  .refine((value) => value.newPassword === value.repeat, { path: ['repeat'], message: 'account.passwordsDiffer' });
type PasswordForm = z.infer<typeof passwordSchema>;

/** Who the person is, and their password. The language is chosen in the header and remembered here. */
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
    </Stack>
  );
}
