import { Alert, Button, Card, Loader, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';
import { isLanguage } from '../../app/i18n';
import { loginOptionsQuery } from '../auth/login-options';

// The gateway's rules (account-rules.ts): the server also refuses the most common passwords.
const registrationSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    email: z.string().trim().min(1, 'validation.required').max(254, 'validation.tooLong').email('validation.email'),
    password: z.string().min(10, 'registration.passwordLength').max(200, 'registration.passwordLength'),
    repeat: z.string(),
  })
  .refine((value) => value.password === value.repeat, { path: ['repeat'], message: 'registration.mismatch' });
type RegistrationForm = z.infer<typeof registrationSchema>;

/**
 * "Crear una cuenta": a requester account with a password, where the installation opens it. Nothing is
 * created here: the answer is always "check your mail", and the mailed link creates the account.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const options = useQuery(loginOptionsQuery);
  const form = useForm<RegistrationForm>({
    resolver: zodResolver(registrationSchema),
    defaultValues: { name: '', email: '', password: '', repeat: '' },
  });
  const send = useMutation({
    mutationFn: ({ name, email, password }: RegistrationForm) =>
      unwrap(
        api.POST('/api/v1/auth/registrations', {
          body: { name, email, password, ...(isLanguage(i18n.language) ? { language: i18n.language } : {}) },
        }),
      ),
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);
  const serverField = (name: string) =>
    send.error instanceof ApiError ? send.error.fields.find((field) => field.field === name)?.message : undefined;
  const domains = options.data?.registrationDomains ?? [];

  return (
    <Stack maw={460} mx="auto" mt={{ base: 'md', sm: 60 }}>
      <Title order={1} ta="center">
        {send.isSuccess ? t('registration.checkMailTitle') : t('registration.title')}
      </Title>
      <Card withBorder padding="lg">
        {options.isPending ? (
          <Loader aria-label={t('registration.loading')} mx="auto" />
        ) : !options.data?.selfRegistration ? (
          <Stack>
            <Alert color="yellow" role="status">
              {t('registration.closed')}
            </Alert>
            <AnchorLink to="/ingresar">{t('registration.toLogin')}</AnchorLink>
          </Stack>
        ) : send.isSuccess ? (
          <Stack>
            <Alert color="green" role="status">
              {t('registration.checkMail', { email: send.variables.email.trim() })}
            </Alert>
            <AnchorLink to="/ingresar">{t('registration.toLogin')}</AnchorLink>
          </Stack>
        ) : (
          <form onSubmit={onSubmitOf(form.handleSubmit((values) => send.mutate(values)))} noValidate>
            <Stack>
              <Text size="sm">{t('registration.intro')}</Text>
              <TextInput
                label={t('registration.name')}
                autoComplete="name"
                required
                data-autofocus
                {...form.register('name')}
                error={message(form.formState.errors.name?.message) ?? serverField('name')}
              />
              <TextInput
                label={t('registration.email')}
                description={
                  domains.length > 0 ? t('registration.domains', { domains: domains.join(', ') }) : undefined
                }
                type="email"
                autoComplete="email"
                required
                {...form.register('email')}
                error={message(form.formState.errors.email?.message) ?? serverField('email')}
              />
              <PasswordInput
                label={t('registration.password')}
                description={t('registration.passwordRule')}
                autoComplete="new-password"
                required
                {...form.register('password')}
                error={message(form.formState.errors.password?.message) ?? serverField('password')}
              />
              <PasswordInput
                label={t('registration.repeat')}
                autoComplete="new-password"
                required
                {...form.register('repeat')}
                error={message(form.formState.errors.repeat?.message)}
              />
              {send.error instanceof ApiError && send.error.fields.length === 0 && (
                <Alert color="red" role="alert">
                  {send.error.message}
                </Alert>
              )}
              <Button type="submit" loading={send.isPending} fullWidth>
                {t('registration.submit')}
              </Button>
              <Text ta="center" size="sm">
                {t('registration.haveAccount')}{' '}
                <AnchorLink to="/ingresar" underline="always">
                  {t('registration.toLogin')}
                </AnchorLink>
              </Text>
            </Stack>
          </form>
        )}
      </Card>
    </Stack>
  );
}
