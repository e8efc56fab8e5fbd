import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Checkbox, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../../api/client';
import { onSubmitOf } from '../../../components/forms';
import { clearDraft } from '../drafts';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import { useChosenArticle } from './SolutionForm';
import type { ActionFormProps } from './WorkForms';

const submitSchema = z.object({
  verified: z.boolean().refine((value) => value, 'workspace.validation.verified'),
  linkArticle: z.boolean(),
  note: z.string().max(5000, 'validation.tooLong'),
});
type SubmitValues = z.infer<typeof submitSchema>;

/**
 * The desk derives the verified solution to the supervisor (9.1 steps 7–8): it says it verified the
 * solution with the requester (7.4), links the article used or written (9.1 step 6), and may leave a note.
 */
export function SubmitForm({ number, onDone, onCancel, solution }: ActionFormProps & { solution: string | null }) {
  const { t } = useTranslation();
  const article = useChosenArticle(number);
  const form = useForm<SubmitValues>({
    resolver: zodResolver(submitSchema),
    defaultValues: { verified: false, linkArticle: true, note: '' },
  });
  const submit = useTicketAction({
    number,
    success: t('workspace.done.submit'),
    onDone: () => {
      clearDraft(number, 'articleRef');
      onDone();
    },
    call: ({ linkArticle, note }: SubmitValues) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/submit', {
          params: { path: { number } },
          body: {
            verifiedWithRequester: true,
            ...(linkArticle && article.id ? { articleRef: article.id } : {}),
            ...(note.trim() ? { note: note.trim() } : {}),
          },
        }),
      ),
  });
  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => submit.mutate(values)))} noValidate>
      <Stack>
        {solution && (
          <Card withBorder padding="sm" bg="green.0">
            <Title order={3} size="h6">
              {t('workspace.forms.solutionToReview')}
            </Title>
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {solution}
            </Text>
          </Card>
        )}
        <Checkbox
          label={t('workspace.forms.verified')}
          data-autofocus
          {...form.register('verified')}
          error={fieldError(t, form.formState.errors.verified?.message)}
        />
        {article.id && (
          <Checkbox
            label={t('workspace.forms.linkArticle', { title: article.title ?? '…' })}
            {...form.register('linkArticle')}
          />
        )}
        <Textarea
          label={t('workspace.forms.submitNote')}
          autosize
          minRows={2}
          {...form.register('note')}
          error={fieldError(t, form.formState.errors.note?.message)}
        />
        <Refusal error={submit.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={submit.isPending}>
            {t('workspace.forms.submitSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
