import { zodResolver } from '@hookform/resolvers/zod';
import { Badge, Button, Card, Code, Group, Modal, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { formatDateTime } from '../../app/format';
import { useSession, type SessionAccount } from '../auth/session';
import { ActionModal, fieldError, Refusal } from '../workspace/actions/action-kit';
import { graphQuery } from '../workspace/workspace-api';
import { cannedAnswersQuery, type CannedAnswer } from './canned-answers-api';
import { PLACEHOLDER_NAMES } from './fill';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const answerSchema = z.object({
  area: z.string().min(1, 'validation.required'),
  title: z.string().trim().min(1, 'validation.required').max(120, 'validation.tooLong'),
  body: z.string().trim().min(1, 'validation.required').max(5000, 'validation.tooLong'),
});
type AnswerValues = z.infer<typeof answerSchema>;

/** Supervisors and administrators write any area's answers; operators and agents their own area's. */
function writableAreas(account: SessionAccount, areas: readonly string[]): string[] {
  if (account.role === 'supervisor' || account.role === 'admin') return [...areas];
  return account.area && (account.role === 'operator' || account.role === 'agent') ? [account.area] : [];
}

const matches = (answer: CannedAnswer, search: string): boolean => {
  const needle = search.trim().toLocaleLowerCase();
  return needle === '' || `${answer.title}\n${answer.body}`.toLocaleLowerCase().includes(needle);
};

/** The areas' canned answers: read by all staff, written by each area (and supervisors) for its people. */
export function CannedAnswersPage() {
  const { t, i18n } = useTranslation();
  const account = useSession()!;
  const answers = useQuery(cannedAnswersQuery);
  const graph = useQuery(graphQuery);
  const areaCodes = graph.data?.areas.map((area) => area.code) ?? [];
  const areaName = (code: string) => graph.data?.areas.find((area) => area.code === code)?.name ?? code;
  const writable = writableAreas(account, areaCodes);
  const [area, setArea] = useState<string>(account.area ?? '');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 150);
  const [editing, setEditing] = useState<CannedAnswer | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CannedAnswer | null>(null);

  const shown = (answers.data?.items ?? []).filter(
    (answer) => (area === '' || answer.area === area) && matches(answer, debouncedSearch),
  );

  return (
    <Stack gap="md" maw={960} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('cannedAnswers.title')}</Title>
        {writable.length > 0 && <Button onClick={() => setEditing('new')}>{t('cannedAnswers.new')}</Button>}
      </Group>
      <Text size="sm">
        {t('cannedAnswers.intro')}{' '}
        {PLACEHOLDER_NAMES.map((name, index) => (
          <span key={name}>
            {index > 0 && ', '}
            <Code>{`{{${name}}}`}</Code> ({t(`cannedAnswers.placeholder.${name}`)})
          </span>
        ))}
        .
      </Text>
      <Group grow align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('cannedAnswers.area')}
          value={area}
          onChange={(event) => setArea(event.currentTarget.value)}
          data={[
            { value: '', label: t('cannedAnswers.allAreas') },
            ...areaCodes.map((code) => ({ value: code, label: areaName(code) })),
          ]}
        />
        <TextInput
          label={t('cannedAnswers.search')}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
        />
      </Group>
      <Text size="sm" c="dark.5" role="status">
        {answers.isPending ? t('common.loading') : t('cannedAnswers.count', { count: shown.length })}
      </Text>
      {answers.isError && <Refusal error={answers.error} title={t('cannedAnswers.loadFailed')} />}
      <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }} aria-label={t('cannedAnswers.title')}>
        {shown.map((answer) => (
          <Card key={answer.id} withBorder padding="sm" component="li">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs">
                  <Title order={2} size="h5">
                    {answer.title}
                  </Title>
                  <Badge variant="light" color="cau">
                    {areaName(answer.area)}
                  </Badge>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {answer.body}
                </Text>
                <Text size="xs" c="dark.4">
                  {t('cannedAnswers.updated', {
                    name: answer.updatedBy.name,
                    at: formatDateTime(answer.updatedAt, i18n.language),
                  })}
                </Text>
              </Stack>
              {answer.mayEdit && (
                <Group gap="xs" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setEditing(answer)}
                    aria-label={t('cannedAnswers.editNamed', { title: answer.title })}
                  >
                    {t('cannedAnswers.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setDeleting(answer)}
                    aria-label={t('cannedAnswers.deleteNamed', { title: answer.title })}
                  >
                    {t('cannedAnswers.delete')}
                  </Button>
                </Group>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
      {editing !== null && (
        <AnswerForm
          answer={editing === 'new' ? null : editing}
          areas={writable.map((code) => ({ value: code, label: areaName(code) }))}
          defaultArea={writable.includes(area) ? area : (writable[0] ?? '')}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && <DeleteAnswer answer={deleting} onClose={() => setDeleting(null)} />}
    </Stack>
  );
}

function AnswerForm({
  answer,
  areas,
  defaultArea,
  onClose,
}: {
  answer: CannedAnswer | null;
  areas: Array<{ value: string; label: string }>;
  defaultArea: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useForm<AnswerValues>({
    resolver: zodResolver(answerSchema),
    defaultValues: { area: answer?.area ?? defaultArea, title: answer?.title ?? '', body: answer?.body ?? '' },
  });
  const save = useMutation({
    mutationFn: ({ area, title, body }: AnswerValues) =>
      answer
        ? unwrap(
            api.PATCH('/api/v1/canned-answers/{id}', { params: { path: { id: answer.id } }, body: { title, body } }),
          )
        : unwrap(api.POST('/api/v1/canned-answers', { body: { area, title, body } })),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('cannedAnswers.saved'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: cannedAnswersQuery.queryKey });
      onClose();
    },
  });
  // The service's words for a field it refused (a repeated title, an unknown placeholder).
  const serverField = (name: string) =>
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === name)?.message : undefined;
  const { errors } = form.formState;
  // A refusal that names a field is shown under that field; anything else above the buttons.
  const shownByField = ['area', 'title', 'body'].some((name) => serverField(name) !== undefined);
  return (
    <ActionModal opened onClose={onClose} title={answer ? t('cannedAnswers.editTitle') : t('cannedAnswers.newTitle')}>
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))} noValidate>
        <Stack gap="sm">
          {!answer && (
            <NativeSelect
              label={t('cannedAnswers.area')}
              data={areas}
              required
              {...form.register('area')}
              error={fieldError(t, errors.area?.message) ?? serverField('area')}
            />
          )}
          <TextInput
            label={t('cannedAnswers.titleField')}
            required
            data-autofocus
            {...form.register('title')}
            error={fieldError(t, errors.title?.message) ?? serverField('title')}
          />
          <GrowingTextarea
            label={t('cannedAnswers.body')}
            description={`${t('cannedAnswers.bodyHint')} ${PLACEHOLDER_NAMES.map((name) => `{{${name}}}`).join(', ')}`}
            required
            minRows={5}
            maxRows={14}
            {...form.register('body')}
            error={fieldError(t, errors.body?.message) ?? serverField('body')}
          />
          {!shownByField && <Refusal error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('cannedAnswers.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}

function DeleteAnswer({ answer, onClose }: { answer: CannedAnswer; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/canned-answers/{id}', { params: { path: { id: answer.id } } })),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('cannedAnswers.deleted'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: cannedAnswersQuery.queryKey });
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('cannedAnswers.deleteTitle')}
      closeButtonProps={{ 'aria-label': t('workspace.forms.closeDialog') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('cannedAnswers.deleteConfirm', { title: answer.title })}</Text>
        <Refusal error={remove.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('cannedAnswers.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
