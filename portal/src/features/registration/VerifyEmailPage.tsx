import { Alert, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { AnchorLink, ButtonLink } from '../../components/links';

const route = getRouteApi('/verificar-correo');

/**
 * The mailed link: opening it confirms the address and creates the account (once), then the person
 * signs in with the password they chose. A used, expired or broken link says so and offers to register again.
 */
export function VerifyEmailPage() {
  const { t } = useTranslation();
  const { token } = route.useSearch();
  const verify = useMutation({
    mutationFn: (value: string) => unwrap(api.POST('/api/v1/auth/registrations/verify', { body: { token: value } })),
  });
  const { mutate } = verify;
  const sent = useRef<string | null>(null);
  useEffect(() => {
    // Once per link (also under StrictMode's second effect run): the token is single-use, and a second
    // call would report it as used.
    if (!token || sent.current === token) return;
    sent.current = token;
    mutate(token);
  }, [token, mutate]);
  const tokenRefused = verify.error instanceof ApiError && verify.error.fields.some((field) => field.field === 'token');

  return (
    <Stack maw={460} mx="auto" mt={{ base: 'md', sm: 60 }}>
      <Title order={1} ta="center">
        {t('registration.verifyTitle')}
      </Title>
      <Card withBorder padding="lg">
        {!token ? (
          <Stack>
            <Alert color="red" role="alert">
              {t('registration.noToken')}
            </Alert>
            <AnchorLink to="/registrarse">{t('registration.again')}</AnchorLink>
          </Stack>
        ) : verify.isSuccess ? (
          <Stack>
            <Alert color="green" role="status">
              {t('registration.verified', { email: verify.data.email })}
            </Alert>
            <ButtonLink to="/ingresar" fullWidth>
              {t('registration.signIn')}
            </ButtonLink>
          </Stack>
        ) : verify.isError ? (
          <Stack>
            <Alert color="red" role="alert">
              {tokenRefused ? t('registration.tokenRefused') : verify.error.message}
            </Alert>
            <Group justify="space-between">
              <AnchorLink to="/ingresar">{t('registration.toLogin')}</AnchorLink>
              {tokenRefused && <AnchorLink to="/registrarse">{t('registration.again')}</AnchorLink>}
            </Group>
          </Stack>
        ) : (
          <Stack align="center">
            <Loader aria-hidden />
            <Text role="status">{t('registration.verifying')}</Text>
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
