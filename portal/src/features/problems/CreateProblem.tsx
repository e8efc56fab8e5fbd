import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { ActionModal, fieldError, Refusal } from '../workspace/actions/action-kit';
import { parseTicketNumbers } from './problems-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const schema = z.object({
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  description: z.string().max(10_000, 'validation.tooLong'),
  area: z.string().min(1, 'validation.required'),
  tickets: z.string().refine((text) => parseTicketNumbers(text) !== null, 'problems.ticketsFormat'),
});
type Values = z.infer<typeof schema>;

/**
 * Records a problem, by hand or prefilled (from a ticket, from the recurring incidents): the incidents
 * named are linked at once. Opens the new problem's page.
 */
export function CreateProblem({
  areas,
  initial,
  onClose,
}: {
  areas: Array<{ value: string; label: string }>;
  initial: Partial<Values>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { title: '', description: '', area: areas[0]?.value ?? '', tickets: '', ...initial },
  });
  const create = useMutation({
    mutationFn: (values: Values) =>
      unwrap(
        api.POST('/api/v1/problems', {
          body: {
            title: values.title,
            area: values.area,
            ...(values.description.trim() ? { description: values.description } : {}),
            tickets: parseTicketNumbers(values.tickets) ?? [],
          },
        }),
      ),
    onSuccess: async (problem) => {
      notifications.show({
        color: 'green',
        message: t('problems.created', { number: problem.number }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: ['problems'] });
      onClose();
      await navigate({ to: '/problemas/$problemId', params: { problemId: problem.id } });
    },
  });
  const serverField = (name: string) =>
    create.error instanceof ApiError
      ? create.error.fields.find((field) => field.field === name || field.field.startsWith(`${name}.`))?.message
      : undefined;
  const { errors } = form.formState;
  return (
    <ActionModal opened onClose={onClose} title={t('problems.newTitle')}>
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => create.mutate(values)))} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('problems.fields.title')}
            required
            data-autofocus
            {...form.register('title')}
            error={fieldError(t, errors.title?.message) ?? serverField('title')}
          />
          <NativeSelect
            label={t('problems.area')}
            data={areas}
            required
            {...form.register('area')}
            error={fieldError(t, errors.area?.message) ?? serverField('area')}
          />
          <GrowingTextarea
            label={t('problems.fields.description')}
            minRows={3}
            maxRows={10}
            {...form.register('description')}
            error={fieldError(t, errors.description?.message) ?? serverField('description')}
          />
          <TextInput
            label={t('problems.fields.tickets')}
            description={t('problems.fields.ticketsHint')}
            inputMode="numeric"
            {...form.register('tickets')}
            error={fieldError(t, errors.tickets?.message) ?? serverField('tickets')}
          />
          <Refusal error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('problems.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}
