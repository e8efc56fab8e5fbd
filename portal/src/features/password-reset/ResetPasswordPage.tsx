import { Alert, Button, Card, PasswordInput, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';

const route = getRouteApi('/restablecer');

interface NewPassword {
  password: string;
  repeat: string;
}
const required = { value: true, message: 'validation.required' };
const length = { value: 10, message: 'adminAccounts.form.passwordLength' };
const maxLength = { value: 200, message: 'adminAccounts.form.passwordLength' };

/** The mailed link: a new password, twice. A used, expired or broken link says so and offers another. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const form = useForm<NewPassword>({ defaultValues: { password: '', repeat: '' } });
  const save = useMutation({
    mutationFn: ({ password }: NewPassword) =>
      unwrap(api.POST('/api/v1/auth/password-reset/confirm', { body: { token: token ?? '', password } })),
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const serverField = (name: string) =>
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === name)?.message : undefined;
  const tokenRefused = serverField('token');

  return (
    <Stack maw={460} mx="auto" mt={{ base: 'md', sm: 60 }}>
      <Title order={1} ta="center">
        {t('adminAccounts.recovery.resetTitle')}
      </Title>
      <Card withBorder padding="lg">
        {!token ? (
          <Stack>
            <Alert color="red" role="alert">
              {t('adminAccounts.recovery.noToken')}
            </Alert>
            <AnchorLink to="/recuperar">{t('adminAccounts.recovery.askAgain')}</AnchorLink>
          </Stack>
        ) : save.isSuccess ? (
          <Stack>
            <Alert color="green" role="status">
              {t('adminAccounts.recovery.done')}
            </Alert>
            <AnchorLink to="/ingresar">{t('adminAccounts.recovery.back')}</AnchorLink>
          </Stack>
        ) : (
          <form onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))} noValidate>
            <Stack>
              <PasswordInput
                label={t('adminAccounts.recovery.password')}
                description={t('adminAccounts.recovery.passwordHint')}
                autoComplete="new-password"
                required
                data-autofocus
                {...form.register('password', { required, minLength: length, maxLength })}
                error={message(form.formState.errors.password?.message) ?? serverField('password')}
              />
              <PasswordInput
                label={t('adminAccounts.recovery.repeat')}
                autoComplete="new-password"
                required
                {...form.register('repeat', {
                  required,
                  validate: (value, values) => value === values.password || 'adminAccounts.recovery.mismatch',
                })}
                error={message(form.formState.errors.repeat?.message)}
              />
              {tokenRefused && (
                <Alert color="red" role="alert">
                  {t('adminAccounts.recovery.tokenRefused')}{' '}
                  <AnchorLink to="/recuperar">{t('adminAccounts.recovery.askAgain')}</AnchorLink>
                </Alert>
              )}
              {save.error instanceof ApiError && !tokenRefused && !serverField('password') && (
                <Alert color="red" role="alert">
                  {save.error.message}
                </Alert>
              )}
              <Button type="submit" loading={save.isPending} fullWidth>
                {t('adminAccounts.recovery.save')}
              </Button>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
