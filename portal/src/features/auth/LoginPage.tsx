import { Alert, Button, Card, Divider, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { api, ApiError, csrfHeader, unwrap } from '../../api/client';
import { AnchorLink } from '../../components/links';
import { changeLanguage, isLanguage } from '../../app/i18n';
import { loginOptionsQuery } from './login-options';
import { providerLoginHref } from './sso';

const route = getRouteApi('/ingresar');

// The first page most people see: plain react-hook-form rules keep zod out of its bundle.
interface Credentials {
  email: string;
  password: string;
}
const required = { value: true, message: 'validation.required' };

/**
 * Sign-in: the configured single sign-on providers above, the e-mail and password form below (either may
 * be turned off by the installation). Both end in the same server-side session.
 */
export function LoginPage() {
  const { t, i18n } = useTranslation();
  const options = useQuery(loginOptionsQuery);
  const providers = options.data?.providers ?? [];
  const localLogin = options.data?.localLogin ?? true;
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  const form = useForm<Credentials>({ defaultValues: { email: '', password: '' } });
  const login = useMutation({
    mutationFn: (body: Credentials) =>
      unwrap(api.POST('/api/v1/auth/session', { params: { header: csrfHeader }, body })),
    onSuccess: async (account) => {
      queryClient.clear();
      queryClient.setQueryData(['session'], account);
      if (isLanguage(account.language)) await changeLanguage(account.language);
      await router.navigate({ to: search.redirect ?? '/' });
    },
  });
  const message = (key: string | undefined) => (key ? t(key) : undefined);

  return (
    <Stack maw={420} mx="auto" mt={{ base: 'md', sm: 60 }}>
      <Title order={1} ta="center">
        {t('login.title')}
      </Title>
      <Text ta="center" c="dark.6">
        {t('login.intro')}
      </Text>
      {search.expired && (
        <Alert color="yellow" role="status">
          {t('login.expired')}
        </Alert>
      )}
      {search.sso && (
        <Alert color="red" role="alert" title={t('login.sso.refusedTitle')}>
          {t(`login.sso.${search.sso}`)}
        </Alert>
      )}
      {providers.length > 0 && (
        <Stack gap="sm">
          {providers.map((provider) => (
            <Button
              key={provider.id}
              component="a"
              href={providerLoginHref(provider.id, search.redirect)}
              variant="default"
              size="md"
              fullWidth
            >
              {i18n.language === 'en' ? provider.label.en : provider.label.es}
            </Button>
          ))}
        </Stack>
      )}
      {providers.length > 0 && localLogin && <Divider label={t('login.or')} labelPosition="center" />}
      {localLogin && (
        <Card withBorder padding="lg">
          <form onSubmit={onSubmitOf(form.handleSubmit((values) => login.mutate(values)))} noValidate>
            <Stack>
              <TextInput
                label={t('login.email')}
                type="email"
                autoComplete="username"
                required
                {...form.register('email', { required, maxLength: { value: 254, message: 'validation.tooLong' } })}
                error={message(form.formState.errors.email?.message)}
              />
              <PasswordInput
                label={t('login.password')}
                autoComplete="current-password"
                required
                {...form.register('password', { required, maxLength: { value: 1024, message: 'validation.tooLong' } })}
                error={message(form.formState.errors.password?.message)}
              />
              {login.error instanceof ApiError && (
                <Alert color="red" role="alert">
                  {login.error.message}
                </Alert>
              )}
              <Button type="submit" loading={login.isPending} fullWidth>
                {t('login.submit')}
              </Button>
              <AnchorLink to="/recuperar" ta="center" size="sm">
                {t('adminAccounts.recovery.forgot')}
              </AnchorLink>
            </Stack>
          </form>
        </Card>
      )}
      {options.data?.selfRegistration && (
        <Text ta="center" size="sm">
          {t('registration.noAccount')}{' '}
          <AnchorLink to="/registrarse" underline="always">
            {t('registration.create')}
          </AnchorLink>
        </Text>
      )}
    </Stack>
  );
}
