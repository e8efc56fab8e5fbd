import { Alert, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';

const required = { value: true, message: 'validation.required' };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "¿Olvidaste tu contraseña?": asks for the address; the answer never says whether it has an account. */
export function RecoverPasswordPage() {
  const { t } = useTranslation();
  const form = useForm<{ email: string }>({ defaultValues: { email: '' } });
  const send = useMutation({
    mutationFn: ({ email }: { email: string }) =>
      unwrap(api.POST('/api/v1/auth/password-reset', { body: { email: email.trim() } })),
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const serverEmail =
    send.error instanceof ApiError ? send.error.fields.find((field) => field.field === 'email')?.message : undefined;

  return (
    <Stack maw={460} mx="auto" mt={{ base: 'md', sm: 60 }}>
      <Title order={1} ta="center">
        {t('adminAccounts.recovery.title')}
      </Title>
      <Card withBorder padding="lg">
        {send.isSuccess ? (
          <Stack>
            <Alert color="green" role="status">
              {t('adminAccounts.recovery.sent', { email: send.variables.email.trim() })}
            </Alert>
            <AnchorLink to="/ingresar">{t('adminAccounts.recovery.back')}</AnchorLink>
          </Stack>
        ) : (
          <form onSubmit={onSubmitOf(form.handleSubmit((values) => send.mutate(values)))} noValidate>
            <Stack>
              <Text size="sm">{t('adminAccounts.recovery.intro')}</Text>
              <TextInput
                label={t('adminAccounts.recovery.email')}
                type="email"
                autoComplete="username"
                required
                data-autofocus
                {...form.register('email', {
                  required,
                  maxLength: { value: 254, message: 'validation.tooLong' },
                  pattern: { value: EMAIL, message: 'validation.email' },
                })}
                error={message(form.formState.errors.email?.message) ?? serverEmail}
              />
              {send.error instanceof ApiError && !serverEmail && (
                <Alert color="red" role="alert">
                  {send.error.message}
                </Alert>
              )}
              <Button type="submit" loading={send.isPending} fullWidth>
                {t('adminAccounts.recovery.send')}
              </Button>
              <AnchorLink to="/ingresar" ta="center" size="sm">
                {t('adminAccounts.recovery.back')}
              </AnchorLink>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
