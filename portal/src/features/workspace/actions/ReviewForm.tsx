import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Card, Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../../api/client';
import { onSubmitOf } from '../../../components/forms';
import { ticketRepairsQuery, ticketSignOffQuery, ticketVisitsQuery } from '../../field-service/field-service-api';
import { SUCCESS_COLOR } from '../../tickets/ticket-status';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import { useReportUnsaved } from '../unsaved';
import type { ActionFormProps } from './WorkForms';
import { GrowingTextarea } from '../../../components/GrowingTextarea';

const reviewSchema = z
  .object({
    decision: z.enum(['approve', 'reject']),
    observations: z.string().max(5000, 'validation.tooLong'),
    signOffWaivedReason: z.string().max(2000, 'validation.tooLong'),
  })
  .refine((values) => values.decision === 'approve' || values.observations.trim() !== '', {
    path: ['observations'],
    message: 'workspace.validation.observations',
  });
type ReviewValues = z.infer<typeof reviewSchema>;

/**
 * The supervisor's review (9.1 steps 9–10): approve, which closes the ticket, or return it to the desk
 * with observations of what must be corrected. A field ticket (docs/domain.md § Field service: a visit recorded, equipment out
 * for repair) closes with the user's signed conformity; without it the supervisor says why it closes anyway.
 */
export function ReviewForm({
  number,
  onDone,
  onCancel,
  solution,
  accepted,
}: ActionFormProps & { solution: string | null; accepted: boolean }) {
  const { t } = useTranslation();
  const form = useForm<ReviewValues>({
    resolver: zodResolver(reviewSchema),
    defaultValues: { decision: 'approve', observations: '', signOffWaivedReason: '' },
  });
  const visits = useQuery(ticketVisitsQuery(number));
  const repairs = useQuery(ticketRepairsQuery(number));
  const signOff = useQuery(ticketSignOffQuery(number));
  const fieldTicket =
    (visits.data ?? []).some((visit) => visit.status === 'recorded') || (repairs.data ?? []).length > 0;
  const missingSignOff = fieldTicket && signOff.data?.conforme !== true;
  useReportUnsaved(form.formState.isDirty);
  const review = useTicketAction({
    number,
    success: t('workspace.done.review'),
    onDone,
    call: ({ decision, observations, signOffWaivedReason }: ReviewValues) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/review', {
          params: { path: { number } },
          body:
            decision === 'approve'
              ? { decision, ...(signOffWaivedReason.trim() ? { signOffWaivedReason: signOffWaivedReason.trim() } : {}) }
              : { decision, observations: observations.trim() },
        }),
      ),
  });
  const decision = form.watch('decision');
  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => review.mutate(values)))} noValidate>
      <Stack>
        {solution && (
          <Card withBorder padding="sm" bg="green.0">
            <Title order={3} size="h6">
              {t('workspace.forms.solutionToReview')}
            </Title>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {solution}
            </Text>
            <Text size="xs" mt={6} fw={600}>
              {accepted ? t('workspace.forms.requesterAccepted') : t('workspace.forms.requesterSilent')}
            </Text>
          </Card>
        )}
        <Controller
          control={form.control}
          name="decision"
          render={({ field }) => (
            <Radio.Group label={t('workspace.forms.decision')} required value={field.value} onChange={field.onChange}>
              <Stack gap="xs" mt={6}>
                <Radio value="approve" label={t('workspace.forms.approve')} data-autofocus />
                <Radio value="reject" label={t('workspace.forms.reject')} />
              </Stack>
            </Radio.Group>
          )}
        />
        {decision === 'reject' && (
          <GrowingTextarea
            label={t('workspace.forms.observations')}
            minRows={3}
            required
            {...form.register('observations')}
            error={fieldError(t, form.formState.errors.observations?.message)}
          />
        )}
        {decision === 'approve' && missingSignOff && (
          <>
            <Alert color="yellow" title={t('workspace.forms.signOffMissingTitle')}>
              {signOff.data ? t('workspace.forms.signOffNotConforme') : t('workspace.forms.signOffMissing')}
            </Alert>
            <GrowingTextarea
              label={t('workspace.forms.signOffWaivedReason')}
              description={t('workspace.forms.signOffWaivedHint')}
              minRows={2}
              {...form.register('signOffWaivedReason')}
              error={fieldError(t, form.formState.errors.signOffWaivedReason?.message)}
            />
          </>
        )}
        <Refusal error={review.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={review.isPending} color={decision === 'approve' ? SUCCESS_COLOR : undefined}>
            {decision === 'approve' ? t('workspace.forms.approveSubmit') : t('workspace.forms.rejectSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
