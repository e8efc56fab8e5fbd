import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Select, SimpleGrid, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap, type Schemas } from '../../../api/client';
import { QueryError } from '../../../app/ErrorPages';
import { onSubmitOf } from '../../../components/forms';
import { useReportUnsaved } from '../unsaved';
import { catalogueOptionsQuery, categoriesQuery, showTicketChange, type TicketDetail } from '../workspace-api';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import type { ActionFormProps } from './WorkForms';
import { GrowingTextarea } from '../../../components/GrowingTextarea';

type Classification = Schemas['TicketClassificationV1'];
type Body = Schemas['ReclassifyTicketBodyV1'];

const reclassifySchema = z.object({
  type: z.string().min(1, 'validation.required'),
  category: z.string().min(1, 'validation.required'),
  impact: z.string().min(1, 'validation.required'),
  urgency: z.string().min(1, 'validation.required'),
  reason: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
});
type ReclassifyValues = z.infer<typeof reclassifySchema>;

/**
 * Corrects the ticket's type, category, impact or urgency, always saying why (the timeline keeps it with
 * who and when). Only what changed is sent; the service recomputes the priority from impact and urgency,
 * its SLA due dates follow, and the notice says the new priority.
 */
export function ReclassifyForm({ number, onDone, onCancel, ticket }: ActionFormProps & { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'es';
  const options = useQuery(catalogueOptionsQuery);
  const categories = useQuery(categoriesQuery);
  const current = { type: ticket.type, category: ticket.category, impact: ticket.impact, urgency: ticket.urgency };
  const form = useForm<ReclassifyValues>({
    resolver: zodResolver(reclassifySchema),
    defaultValues: { ...current, reason: '' },
  });
  useReportUnsaved(form.formState.isDirty);
  const reclassify = useTicketAction({
    number,
    success: (result: Classification) =>
      t('workspaceWiring.reclassify.done', { priority: t(`priority.${result.priority}`) }),
    onDone,
    call: (values: ReclassifyValues) => {
      const body: Body = { reason: values.reason.trim() };
      // The catalogue's codes are the contract's values; the service checks them again.
      if (values.type !== current.type) body.type = values.type as Body['type'];
      if (values.category !== current.category) body.category = values.category;
      if (values.impact !== current.impact) body.impact = values.impact as Body['impact'];
      if (values.urgency !== current.urgency) body.urgency = values.urgency as Body['urgency'];
      return unwrap(api.POST('/api/v1/tickets/{number}/classification', { params: { path: { number } }, body }));
    },
    show: (queryClient, result) =>
      showTicketChange(
        queryClient,
        number,
        (fresh) =>
          fresh.priority === result.priority &&
          fresh.type === result.type &&
          fresh.category === result.category &&
          fresh.impact === result.impact &&
          fresh.urgency === result.urgency,
        {
          priority: result.priority,
          type: result.type,
          category: result.category,
          impact: result.impact,
          urgency: result.urgency,
        },
      ),
  });

  const entries = (list: Schemas['CatalogueEntryV1'][] | undefined) =>
    (list ?? []).map((entry) => ({ value: entry.code, label: entry.label[language] }));
  // A ticket may carry a category the catalogue no longer lists (or one an e-mail brought): keep it offered.
  const categoryOptions = entries(categories.data);
  if (!categoryOptions.some((option) => option.value === current.category))
    categoryOptions.unshift({ value: current.category, label: current.category });
  const field = (
    name: 'type' | 'category' | 'impact' | 'urgency',
    label: string,
    data: { value: string; label: string }[],
    autofocus = false,
  ) => (
    <Controller
      control={form.control}
      name={name}
      render={({ field: input, fieldState }) => (
        <Select
          label={label}
          required
          allowDeselect={false}
          searchable={name === 'category'}
          data-autofocus={autofocus || undefined}
          data={data}
          value={input.value}
          onChange={(value) => input.onChange(value ?? '')}
          onBlur={input.onBlur}
          error={fieldError(t, fieldState.error?.message)}
        />
      )}
    />
  );

  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => reclassify.mutate(values)))} noValidate>
      <Stack>
        {options.isError && <QueryError error={options.error} />}
        {categories.isError && <QueryError error={categories.error} />}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {field('type', t('ticket.type'), entries(options.data?.types), true)}
          {field('category', t('ticket.category'), categoryOptions)}
          {field('impact', t('workspaceWiring.reclassify.impact'), entries(options.data?.impacts))}
          {field('urgency', t('workspaceWiring.reclassify.urgency'), entries(options.data?.urgencies))}
        </SimpleGrid>
        <GrowingTextarea
          label={t('workspaceWiring.reclassify.reason')}
          description={t('workspaceWiring.reclassify.reasonHint')}
          minRows={3}
          required
          {...form.register('reason')}
          error={fieldError(t, form.formState.errors.reason?.message)}
        />
        <Refusal error={reclassify.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={reclassify.isPending}>
            {t('workspaceWiring.reclassify.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
