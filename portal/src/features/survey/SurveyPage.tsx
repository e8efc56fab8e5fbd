import { Alert, Button, Card, Loader, Radio, Stack, Text, Title } from '@mantine/core';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../auth/session';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const route = getRouteApi('/tickets/$number/encuesta');

const SATISFACTION = ['satisfecho', 'regular', 'insatisfecho'] as const;
const surveySchema = z.object({
  satisfaction: z.enum(SATISFACTION, 'validation.required'),
  comment: z.string().trim().max(2000, 'validation.tooLong'),
});
type SurveyForm = z.infer<typeof surveySchema>;

/**
 * The satisfaction survey (Satisfecho / Regular / Insatisfecho and a comment), answered once. From the
 * closure mail it works with the link's signed token and no session; signed in, from the ticket's page.
 */
export function SurveyPage() {
  const { t } = useTranslation();
  const { number } = route.useParams();
  const { token } = route.useSearch();
  const account = useSession();

  const invitation = useQuery({
    queryKey: ['survey', token],
    queryFn: () =>
      unwrap(api.GET('/api/v1/surveys/{token}', { params: { path: { token: token! }, query: { number } } })),
    enabled: Boolean(token),
    retry: false,
  });
  const answer = useMutation({
    mutationFn: (values: SurveyForm): Promise<unknown> => {
      const body = { satisfaction: values.satisfaction, ...(values.comment ? { comment: values.comment } : {}) };
      return token
        ? unwrap(api.POST('/api/v1/surveys/{token}', { params: { path: { token }, query: { number } }, body }))
        : unwrap(api.POST('/api/v1/tickets/{number}/survey', { params: { path: { number } }, body }));
    },
  });
  const form = useForm<SurveyForm>({ resolver: zodResolver(surveySchema), defaultValues: { comment: '' } });

  const heading = (
    <Title order={1} size="h2">
      {t('survey.title', { number })}
    </Title>
  );

  if (!token && !account) {
    return (
      <Stack maw={640} mx="auto" mt="lg">
        {heading}
        <Alert color="yellow">{t('survey.needsLink')}</Alert>
        <AnchorLink to="/ingresar" search={{ redirect: `/tickets/${number}/encuesta` }}>
          {t('login.submit')}
        </AnchorLink>
      </Stack>
    );
  }
  if (token && invitation.isPending) return <Loader aria-label={t('common.loading')} />;
  if (token && invitation.isError) {
    const error = invitation.error;
    const key =
      error instanceof ApiError && error.status === 410
        ? 'survey.expired'
        : error instanceof ApiError && error.status === 409
          ? 'survey.alreadyAnswered'
          : 'survey.invalidLink';
    return (
      <Stack maw={640} mx="auto" mt="lg">
        {heading}
        <Alert color="yellow" role="alert">
          {t(key)}
        </Alert>
      </Stack>
    );
  }
  if (invitation.data?.answered || (answer.error instanceof ApiError && answer.error.status === 409)) {
    return (
      <Stack maw={640} mx="auto" mt="lg">
        {heading}
        <Alert color="blue" role="status">
          {t('survey.alreadyAnswered')}
        </Alert>
      </Stack>
    );
  }
  if (answer.isSuccess) {
    return (
      <Stack maw={640} mx="auto" mt="lg">
        {heading}
        <Alert color="green" role="status" title={t('survey.thanksTitle')}>
          {t('survey.thanks')}
        </Alert>
      </Stack>
    );
  }

  return (
    <Stack maw={640} mx="auto" mt="lg">
      {heading}
      {invitation.data && <Text fw={500}>{invitation.data.title}</Text>}
      <Text c="dark.6">{t('survey.intro')}</Text>
      <Card withBorder padding="lg">
        <form onSubmit={onSubmitOf(form.handleSubmit((values) => answer.mutate(values)))} noValidate>
          <Stack>
            <Controller
              control={form.control}
              name="satisfaction"
              render={({ field }) => (
                <Radio.Group
                  label={t('survey.question')}
                  required
                  value={field.value ?? ''}
                  onChange={field.onChange}
                  error={
                    form.formState.errors.satisfaction?.message
                      ? t(form.formState.errors.satisfaction.message)
                      : undefined
                  }
                >
                  <Stack gap={8} mt={8}>
                    {SATISFACTION.map((value) => (
                      <Radio key={value} value={value} label={t(`survey.${value}`)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
            />
            <GrowingTextarea
              label={t('survey.comment')}
              minRows={3}
              {...form.register('comment')}
              error={form.formState.errors.comment?.message ? t(form.formState.errors.comment.message) : undefined}
            />
            {answer.error instanceof ApiError && (
              <Alert color="red" role="alert">
                {answer.error.message}
              </Alert>
            )}
            <Button type="submit" loading={answer.isPending}>
              {t('survey.submit')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  );
}
