import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Checkbox, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../../api/client';
import { onSubmitOf } from '../../../components/forms';
import { clearDraft } from '../drafts';
import { staffKbSearchQuery, ticketKbSuggestionsQuery } from '../workspace-api';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import { useReportUnsaved } from '../unsaved';
import { useChosenArticle } from './SolutionForm';
import type { ActionFormProps } from './WorkForms';
import { GrowingTextarea } from '../../../components/GrowingTextarea';

const submitSchema = z.object({
  verified: z.boolean().refine((value) => value, 'workspace.validation.verified'),
  articleRef: z.string().nullable(),
  note: z.string().max(5000, 'validation.tooLong'),
});
type SubmitValues = z.infer<typeof submitSchema>;

/**
 * The article used or written for the case: the one chosen beside the solution in this browser, those
 * suggested for the ticket, or any the person searches for (whoever registered the solution may not be
 * the one who submits it).
 */
function ArticlePicker({
  number,
  chosen,
  value,
  onChange,
}: {
  number: number;
  chosen: { id: string; title: string | null };
  value: string | null;
  onChange: (id: string | null) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const suggestions = useQuery(ticketKbSuggestionsQuery(number));
  const search = useQuery(staffKbSearchQuery(debounced));
  const options = new Map<string, string>();
  if (chosen.id) options.set(chosen.id, chosen.title ?? chosen.id);
  for (const item of suggestions.data?.items ?? []) options.set(item.id, item.title);
  for (const item of search.data?.items ?? []) options.set(item.id, item.title);
  return (
    <Select
      label={t('workspace.forms.article')}
      description={t('workspace.forms.articleHint')}
      placeholder={t('workspace.forms.articlePlaceholder')}
      searchable
      clearable
      searchValue={text}
      onSearchChange={setText}
      data={[...options].map(([id, title]) => ({ value: id, label: title }))}
      value={value}
      onChange={onChange}
      nothingFoundMessage={t('workspace.kb.none')}
    />
  );
}

/**
 * The desk derives the verified solution to the supervisor (9.1 steps 7–8): it says it verified the
 * solution with the requester (AGETIC-LIN 7.4), links the article used or written (9.1 step 6), and may leave a note.
 */
export function SubmitForm({ number, onDone, onCancel, solution }: ActionFormProps & { solution: string | null }) {
  const { t } = useTranslation();
  const article = useChosenArticle(number);
  const form = useForm<SubmitValues>({
    resolver: zodResolver(submitSchema),
    defaultValues: { verified: false, articleRef: article.id || null, note: '' },
  });
  useReportUnsaved(form.formState.isDirty);
  const submit = useTicketAction({
    number,
    success: t('workspace.done.submit'),
    onDone: () => {
      clearDraft(number, 'articleRef');
      onDone();
    },
    call: ({ articleRef, note }: SubmitValues) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/submit', {
          params: { path: { number } },
          body: {
            verifiedWithRequester: true,
            ...(articleRef ? { articleRef } : {}),
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
        <Controller
          control={form.control}
          name="articleRef"
          render={({ field }) => (
            <ArticlePicker number={number} chosen={article} value={field.value} onChange={(id) => field.onChange(id)} />
          )}
        />
        <GrowingTextarea
          label={t('workspace.forms.submitNote')}
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
