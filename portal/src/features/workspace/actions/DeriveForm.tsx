import { zodResolver } from '@hookform/resolvers/zod';
import { Badge, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap, type Schemas } from '../../../api/client';
import { onSubmitOf } from '../../../components/forms';
import type { GraphEdge } from '../availability';
import { showTicketChange } from '../workspace-api';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import { useReportUnsaved } from '../unsaved';
import type { ActionFormProps } from './WorkForms';
import { GrowingTextarea } from '../../../components/GrowingTextarea';

type Suggestion = Schemas['AreaSuggestionV1'];

const deriveSchema = z.object({
  to: z.string().min(1, 'workspace.validation.target'),
  reason: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
});
type DeriveValues = z.infer<typeof deriveSchema>;

/**
 * Derive, coordinate or return: only the targets the escalation graph allows from the ticket's area now
 * (each with the kind of its edge), routing's suggestion first when it is one of them, and why (required:
 * every derivation records its reason).
 */
export function DeriveForm({
  number,
  onDone,
  onCancel,
  targets,
  suggestion,
  areaName,
}: ActionFormProps & {
  targets: GraphEdge[];
  suggestion: Suggestion | null;
  areaName: (code: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'es';
  // What the form offered when it opened stays on screen if the ticket moves meanwhile (see below).
  const [offered] = useState(targets);
  const shown = targets.length > 0 ? targets : offered;
  const suggested = suggestion && targets.some((edge) => edge.to === suggestion.area) ? suggestion : null;
  const form = useForm<DeriveValues>({
    resolver: zodResolver(deriveSchema),
    defaultValues: { to: suggested?.area ?? (targets.length === 1 ? targets[0]!.to : ''), reason: '' },
  });
  useReportUnsaved(form.formState.isDirty);
  const derive = useTicketAction({
    number,
    success: t('workspace.done.derive'),
    onDone,
    call: async ({ to, reason }: DeriveValues) => {
      // The ticket may have moved since the form opened (the page refreshes under it): the edge chosen
      // then is still sent, and the service says why it no longer applies.
      const edge = shown.find((candidate) => candidate.to === to) ?? offered.find((candidate) => candidate.to === to)!;
      await unwrap(
        api.POST('/api/v1/tickets/{number}/derivations', {
          params: { path: { number } },
          body: { to, kind: edge.kind, reason: reason.trim() },
        }),
      );
      return edge;
    },
    // The answer is routing's derivation: the read side has it once the ticket is in the new area.
    show: (queryClient, edge) =>
      showTicketChange(
        queryClient,
        number,
        (fresh, before) => fresh.area === edge.to && (!before || fresh.updatedAt > before.updatedAt),
        { area: edge.to, assignee: null },
      ),
  });
  const ordered = suggested
    ? [...shown.filter((edge) => edge.to === suggested.area), ...shown.filter((edge) => edge.to !== suggested.area)]
    : shown;

  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => derive.mutate(values)))} noValidate>
      <Stack>
        <Controller
          control={form.control}
          name="to"
          render={({ field, fieldState }) => (
            <Radio.Group
              label={t('workspace.forms.deriveTarget')}
              required
              value={field.value}
              onChange={field.onChange}
              error={fieldError(t, fieldState.error?.message)}
            >
              <Stack gap="xs" mt={6}>
                {ordered.map((edge, index) => (
                  <Radio
                    key={edge.to}
                    value={edge.to}
                    data-autofocus={index === 0 ? true : undefined}
                    label={
                      <Group gap={6} wrap="wrap">
                        <Text span fw={600} size="sm">
                          {t(`workspace.kindAction.${edge.kind}`, { area: edge.to })}
                        </Text>
                        <Text span size="sm" c="dark.5">
                          {areaName(edge.to)}
                        </Text>
                        {suggested?.area === edge.to && (
                          <Badge size="sm" radius="sm" color="#1e6b34">
                            {t('workspace.suggested')}
                          </Badge>
                        )}
                      </Group>
                    }
                    description={suggested?.area === edge.to ? suggested.reason[language] : undefined}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        <GrowingTextarea
          label={t('workspace.forms.deriveReason')}
          description={t('workspace.forms.deriveReasonHint')}
          minRows={3}
          required
          {...form.register('reason')}
          error={fieldError(t, form.formState.errors.reason?.message)}
        />
        <Refusal error={derive.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={derive.isPending}>
            {t('workspace.forms.deriveSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
