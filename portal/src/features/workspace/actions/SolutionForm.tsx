import { zodResolver } from '@hookform/resolvers/zod';
import { CannedAnswerPicker } from '../../canned-answers/CannedAnswerPicker';
import { appendToDraft } from '../../canned-answers/fill';
import { Alert, Button, CloseButton, Grid, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../../api/client';
import { onSubmitOf } from '../../../components/forms';
import { kbArticleQuery } from '../../knowledge/knowledge-api';
import { clearDraft, readDraft, useDraftField, writeDraft } from '../drafts';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import { useReportUnsaved } from '../unsaved';
import { KnowledgeSearch } from './KnowledgeSearch';
import type { ActionFormProps } from './WorkForms';
import { GrowingTextarea } from '../../../components/GrowingTextarea';

const solutionSchema = z.object({
  solution: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
  elements: z.string().max(5000, 'validation.tooLong'),
  downtimeMinutes: z.number().int().min(0).optional(),
});
type SolutionValues = z.infer<typeof solutionSchema>;

/** The article chosen for the solution, kept with the draft: the submission to review links it. */
export function useChosenArticle(number: number) {
  const [id, setId] = useState(() => readDraft(number, 'articleRef'));
  const article = useQuery({ ...kbArticleQuery(id), enabled: id !== '' });
  return {
    id,
    title: article.data?.title ?? null,
    choose: (next: string) => {
      writeDraft(number, 'articleRef', next);
      setId(next);
    },
  };
}

/**
 * The solution the area registers (9.1 step 5, 9.2 step 4): what was done, the elements involved and the
 * time without service for the closure report, with the knowledge base beside it. The text is a draft
 * until the service takes it.
 */
export function SolutionForm({ number, onDone, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const article = useChosenArticle(number);
  const form = useForm<SolutionValues>({
    resolver: zodResolver(solutionSchema),
    defaultValues: { solution: '', elements: '', downtimeMinutes: undefined },
  });
  useReportUnsaved(form.watch('solution').trim() !== '' || form.formState.isDirty);
  useDraftField(form, 'solution', number, 'solution');
  const propose = useTicketAction({
    number,
    success: t('workspace.done.solution'),
    onDone: () => {
      clearDraft(number, 'solution');
      form.reset();
      onDone();
    },
    call: ({ solution, elements, downtimeMinutes }: SolutionValues) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/solution', {
          params: { path: { number } },
          body: {
            solution: solution.trim(),
            ...(elements.trim() ? { elements: elements.trim() } : {}),
            ...(downtimeMinutes !== undefined ? { downtimeMinutes } : {}),
          },
        }),
      ),
  });

  /** Uses an article: its steps go into the solution (to adapt), and it is linked when submitting. */
  const use = async (id: string) => {
    const chosen = await queryClient.fetchQuery(kbArticleQuery(id));
    const steps = chosen.solutionSteps.map((step, index) => `${index + 1}. ${step}`).join('\n');
    const current = form.getValues('solution').trim();
    form.setValue('solution', current ? `${current}\n\n${steps}` : steps, { shouldDirty: true });
    writeDraft(number, 'solution', form.getValues('solution'));
    article.choose(id);
  };

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <form onSubmit={onSubmitOf(form.handleSubmit((values) => propose.mutate(values)))} noValidate>
          <Stack>
            <GrowingTextarea
              label={t('workspace.forms.solutionText')}
              description={t('workspace.forms.draftKept')}
              minRows={6}
              maxRows={16}
              required
              data-autofocus
              {...form.register('solution')}
              error={fieldError(t, form.formState.errors.solution?.message)}
            />
            <CannedAnswerPicker
              number={number}
              onInsert={(text) =>
                form.setValue('solution', appendToDraft(form.getValues('solution'), text), { shouldDirty: true })
              }
            />
            {article.id && (
              <Alert color="blue" p="xs">
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Text size="sm">{t('workspace.forms.articleChosen', { title: article.title ?? '…' })}</Text>
                  <CloseButton aria-label={t('workspace.forms.articleUnlink')} onClick={() => article.choose('')} />
                </Group>
              </Alert>
            )}
            <TextInput
              label={t('workspace.forms.solutionElements')}
              description={t('workspace.forms.solutionElementsHint')}
              {...form.register('elements')}
              error={fieldError(t, form.formState.errors.elements?.message)}
            />
            <Controller
              control={form.control}
              name="downtimeMinutes"
              render={({ field }) => (
                <NumberInput
                  label={t('workspace.forms.downtime')}
                  min={0}
                  allowDecimal={false}
                  value={field.value ?? ''}
                  onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
                  onBlur={field.onBlur}
                />
              )}
            />
            <Refusal error={propose.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                {t('workspace.forms.close')}
              </Button>
              <Button type="submit" loading={propose.isPending}>
                {t('workspace.forms.solutionSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <KnowledgeSearch number={number} onUse={(id) => void use(id)} />
      </Grid.Col>
    </Grid>
  );
}
