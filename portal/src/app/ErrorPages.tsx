import { Alert, Stack, Title } from '@mantine/core';
import { type ErrorComponentProps } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../components/links';
import { ApiError } from '../api/client';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={640} mx="auto" mt="xl">
      <Title order={1}>{t('errors.notFoundTitle')}</Title>
      <Alert color="yellow">{t('errors.notFound')}</Alert>
      <ButtonLink to="/tickets" variant="light" w="fit-content">
        {t('nav.backToTickets')}
      </ButtonLink>
    </Stack>
  );
}

/** Whatever went wrong is said in words, never as a blank page or a stack trace. */
export function ErrorPage({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : t('errors.unexpectedPage');
  return (
    <Stack maw={640} mx="auto" mt="xl">
      <Title order={1}>{t('errors.title')}</Title>
      <Alert color="red" role="alert">
        {message}
      </Alert>
      <ButtonLink to="/tickets" variant="light" w="fit-content">
        {t('nav.backToTickets')}
      </ButtonLink>
    </Stack>
  );
}

/** A refusal of a query in a page: the gateway's message (forbidden, not found…) in the page's place. */
export function QueryError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const message = error instanceof ApiError ? error.message : t('errors.unexpectedPage');
  return (
    <Alert color="red" role="alert" title={t('errors.title')}>
      {message}
    </Alert>
  );
}
