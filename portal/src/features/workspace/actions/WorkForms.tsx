import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NumberInput, Stack } from '@mantine/core';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../../api/client';
import { onSubmitOf } from '../../../components/forms';
import { fieldError, Refusal, useTicketAction } from './action-kit';
import { useReportUnsaved } from '../unsaved';
import { useDurationWords } from '../use-duration-words';
import { GrowingTextarea } from '../../../components/GrowingTextarea';

/*
 * The short forms of the workspace: an estimate, a work log, waiting on the requester, reopening. Limits
 * are the contracts' (EstimateBodyV1, WorkLogBodyV1, ReasonBodyV1): the service checks them again.
 */

const NOTE_MAX = 5000;
const REASON_MAX = 2000;

const minutesField = (max: number) =>
  z
    .number({ error: 'workspace.validation.minutes' })
    .int('workspace.validation.minutes')
    .min(1, 'workspace.validation.minutes')
    .max(max, 'workspace.validation.minutesMax');

const optionalText = (max: number) => z.string().max(max, 'validation.tooLong');
const requiredText = (max: number) => z.string().trim().min(1, 'validation.required').max(max, 'validation.tooLong');

export interface ActionFormProps {
  number: number;
  onDone: () => void;
  onCancel: () => void;
}

function FormButtons({ onCancel, submit, pending }: { onCancel: () => void; submit: string; pending: boolean }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {submit}
      </Button>
    </Group>
  );
}

const estimateSchema = z.object({ minutes: minutesField(525_600), note: optionalText(NOTE_MAX) });
type EstimateValues = z.infer<typeof estimateSchema>;

export function EstimateForm({ number, onDone, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const duration = useDurationWords();
  const form = useForm<EstimateValues>({
    resolver: zodResolver(estimateSchema),
    defaultValues: { minutes: undefined as unknown as number, note: '' },
  });
  useReportUnsaved(form.formState.isDirty);
  const estimate = useTicketAction({
    number,
    success: t('workspace.done.estimate'),
    onDone,
    call: ({ minutes, note }: EstimateValues) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/estimates', {
          params: { path: { number } },
          body: { minutes, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
  });
  const minutes = form.watch('minutes');
  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => estimate.mutate(values)))} noValidate>
      <Stack>
        <Controller
          control={form.control}
          name="minutes"
          render={({ field, fieldState }) => (
            <NumberInput
              label={t('workspace.forms.estimateMinutes')}
              description={typeof minutes === 'number' && minutes > 0 ? duration(minutes) : undefined}
              required
              min={1}
              max={525_600}
              allowDecimal={false}
              data-autofocus
              value={field.value ?? ''}
              onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
              onBlur={field.onBlur}
              error={fieldError(t, fieldState.error?.message)}
            />
          )}
        />
        <GrowingTextarea
          label={t('workspace.forms.estimateNote')}
          minRows={2}
          {...form.register('note')}
          error={fieldError(t, form.formState.errors.note?.message)}
        />
        <Refusal error={estimate.error} />
        <FormButtons onCancel={onCancel} submit={t('workspace.forms.estimateSubmit')} pending={estimate.isPending} />
      </Stack>
    </form>
  );
}

const workLogSchema = z.object({ minutes: minutesField(10_080), description: requiredText(NOTE_MAX) });
type WorkLogValues = z.infer<typeof workLogSchema>;

export function WorkLogForm({ number, onDone, onCancel }: ActionFormProps) {
  const { t } = useTranslation();
  const duration = useDurationWords();
  const form = useForm<WorkLogValues>({
    resolver: zodResolver(workLogSchema),
    defaultValues: { minutes: undefined as unknown as number, description: '' },
  });
  useReportUnsaved(form.formState.isDirty);
  const logWork = useTicketAction({
    number,
    success: t('workspace.done.logWork'),
    onDone,
    call: ({ minutes, description }: WorkLogValues) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/worklogs', {
          params: { path: { number } },
          body: { minutes, description: description.trim() },
        }),
      ),
  });
  const minutes = form.watch('minutes');
  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => logWork.mutate(values)))} noValidate>
      <Stack>
        <GrowingTextarea
          label={t('workspace.forms.workDescription')}
          minRows={3}
          required
          data-autofocus
          {...form.register('description')}
          error={fieldError(t, form.formState.errors.description?.message)}
        />
        <Controller
          control={form.control}
          name="minutes"
          render={({ field, fieldState }) => (
            <NumberInput
              label={t('workspace.forms.workMinutes')}
              description={typeof minutes === 'number' && minutes > 0 ? duration(minutes) : undefined}
              required
              min={1}
              max={10_080}
              allowDecimal={false}
              value={field.value ?? ''}
              onChange={(value) => field.onChange(typeof value === 'number' ? value : undefined)}
              onBlur={field.onBlur}
              error={fieldError(t, fieldState.error?.message)}
            />
          )}
        />
        <Refusal error={logWork.error} />
        <FormButtons onCancel={onCancel} submit={t('workspace.forms.workSubmit')} pending={logWork.isPending} />
      </Stack>
    </form>
  );
}

const reasonSchema = z.object({ reason: requiredText(REASON_MAX) });
type ReasonValues = z.infer<typeof reasonSchema>;

/** Waiting on the requester (the SLA clocks stop) or reopening: both ask only why. */
function ReasonForm({
  number,
  onDone,
  onCancel,
  path,
  label,
  submit,
  success,
}: ActionFormProps & {
  path: '/api/v1/tickets/{number}/wait' | '/api/v1/tickets/{number}/reopen';
  label: string;
  submit: string;
  success: string;
}) {
  const { t } = useTranslation();
  const form = useForm<ReasonValues>({ resolver: zodResolver(reasonSchema), defaultValues: { reason: '' } });
  useReportUnsaved(form.formState.isDirty);
  const action = useTicketAction({
    number,
    success,
    onDone,
    call: ({ reason }: ReasonValues) =>
      unwrap(api.POST(path, { params: { path: { number } }, body: { reason: reason.trim() } })),
  });
  return (
    <form onSubmit={onSubmitOf(form.handleSubmit((values) => action.mutate(values)))} noValidate>
      <Stack>
        <GrowingTextarea
          label={label}
          minRows={3}
          required
          data-autofocus
          {...form.register('reason')}
          error={fieldError(t, form.formState.errors.reason?.message)}
        />
        <Refusal error={action.error} />
        <FormButtons onCancel={onCancel} submit={submit} pending={action.isPending} />
      </Stack>
    </form>
  );
}

export function WaitForm(props: ActionFormProps) {
  const { t } = useTranslation();
  return (
    <ReasonForm
      {...props}
      path="/api/v1/tickets/{number}/wait"
      label={t('workspace.forms.waitReason')}
      submit={t('workspace.forms.waitSubmit')}
      success={t('workspace.done.wait')}
    />
  );
}

export function ReopenForm(props: ActionFormProps) {
  const { t } = useTranslation();
  return (
    <ReasonForm
      {...props}
      path="/api/v1/tickets/{number}/reopen"
      label={t('workspace.forms.reopenReason')}
      submit={t('workspace.forms.reopenSubmit')}
      success={t('workspace.done.reopen')}
    />
  );
}
