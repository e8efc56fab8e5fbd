import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  List,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { QueryError } from '../../app/ErrorPages';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';
import { useSession } from '../auth/session';
import { StatusBadges } from '../tickets/ticket-status';
import { ActionModal, fieldError, Refusal } from '../workspace/actions/action-kit';
import { graphQuery } from '../workspace/workspace-api';
import { kbArticleQuery } from '../knowledge/knowledge-api';
import { ProblemStatusBadge } from './ProblemsPage';
import { WorkaroundArticlePicker } from './WorkaroundArticlePicker';
import {
  mayEditProblem,
  parseTicketNumbers,
  problemQuery,
  statusesFor,
  type Problem,
  type ProblemStatus,
} from './problems-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const route = getRouteApi('/signed-in/problemas/$problemId');

/** What follows an accepted change: the page shows the answer at once, the lists are read again. */
function useProblemSaved(problem: Problem, success: string, onDone?: () => void) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return async (fresh: Problem) => {
    queryClient.setQueryData(problemQuery(problem.id).queryKey, fresh);
    notifications.show({
      color: 'green',
      message: success,
      closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
    });
    onDone?.();
    await queryClient.invalidateQueries({ queryKey: ['problems'] });
  };
}

/** One problem: its analysis (root cause, workaround and its article), the incidents linked, the actions taken. */
export function ProblemPage() {
  const { t, i18n } = useTranslation();
  const { problemId } = route.useParams();
  const account = useSession()!;
  const problem = useQuery(problemQuery(problemId));
  const [editing, setEditing] = useState(false);
  if (problem.isError) return <QueryError error={problem.error} />;
  if (!problem.data) return <Loader aria-label={t('common.loading')} />;
  const p = problem.data;
  const actor = { role: account.role, area: account.area ?? null };
  const editable = mayEditProblem(actor, p.area) && p.status !== 'cerrado';
  return (
    <Stack maw={1200} mx="auto" gap="md">
      <AnchorLink to="/problemas" size="sm">
        ← {t('problems.back')}
      </AnchorLink>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm" c="dark.5">
            {t('problems.number', { number: p.number })} · {p.area}
          </Text>
          <Title order={1}>{p.title}</Title>
          <Group gap="xs">
            <ProblemStatusBadge status={p.status} />
            <Text size="xs" c="dark.5">
              {t('problems.createdBy', { name: p.createdBy.name, at: formatDateTime(p.createdAt, i18n.language) })}
            </Text>
          </Group>
        </Stack>
        {editable && <Button onClick={() => setEditing(true)}>{t('problems.edit')}</Button>}
      </Group>
      {p.status === 'cerrado' ? (
        <Alert color="gray">{t('problems.closedNote')}</Alert>
      ) : (
        !editable && <Alert color="blue">{t('problems.readOnly', { area: p.area })}</Alert>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="md">
            <Card withBorder padding="md" component="section" aria-labelledby="problem-description">
              <Title order={2} size="h4" id="problem-description">
                {t('problems.fields.description')}
              </Title>
              <Text mt="xs" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {p.description || t('problems.noDescription')}
              </Text>
              <Title order={2} size="h4" mt="md" id="problem-root-cause">
                {t('problems.fields.rootCause')}
              </Title>
              <Text mt="xs" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {p.rootCause ?? t('problems.notYet')}
              </Text>
              <Title order={2} size="h4" mt="md" id="problem-workaround">
                {t('problems.fields.workaround')}
              </Title>
              <Text mt="xs" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {p.workaround ?? t('problems.notYet')}
              </Text>
              {p.workaroundArticleId && <WorkaroundArticleLink id={p.workaroundArticleId} />}
            </Card>
            <ActionsLog problem={p} editable={editable} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <LinkedIncidents problem={p} editable={editable} />
        </Grid.Col>
      </Grid>
      {editing && <EditProblem problem={p} actor={actor} onClose={() => setEditing(false)} />}
    </Stack>
  );
}

function LinkedIncidents({ problem, editable }: { problem: Problem; editable: boolean }) {
  const { t } = useTranslation();
  const [numbers, setNumbers] = useState('');
  const link = useMutation({
    mutationFn: (tickets: number[]) =>
      unwrap(api.POST('/api/v1/problems/{id}/tickets', { params: { path: { id: problem.id } }, body: { tickets } })),
    onSuccess: useProblemSaved(problem, t('problems.linked'), () => setNumbers('')),
  });
  const unlink = useMutation({
    mutationFn: (number: number) =>
      unwrap(api.DELETE('/api/v1/problems/{id}/tickets/{number}', { params: { path: { id: problem.id, number } } })),
    onSuccess: useProblemSaved(problem, t('problems.unlinked')),
  });
  const parsed = parseTicketNumbers(numbers);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed && parsed.length > 0) link.mutate(parsed);
  };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="problem-incidents">
      <Title order={2} size="h4" id="problem-incidents">
        {t('problems.incidents')} ({problem.ticketCount})
      </Title>
      {problem.tickets.length === 0 ? (
        <Text size="sm" c="dark.5" mt="xs">
          {t('problems.noIncidents')}
        </Text>
      ) : (
        <List listStyleType="none" spacing="xs" mt="xs" aria-labelledby="problem-incidents">
          {problem.tickets.map((ticket) => (
            <List.Item key={ticket.number}>
              <Group gap="xs" justify="space-between" wrap="wrap">
                <Group gap="xs">
                  <AnchorLink to="/tickets/$number" params={{ number: ticket.number }} fw={600}>
                    {t('problems.ticketNumber', { number: ticket.number })}
                  </AnchorLink>
                  <StatusBadges status={ticket.status} overdue={false} />
                  <Text size="xs" c="dark.5">
                    {ticket.area}
                  </Text>
                </Group>
                {editable && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    aria-label={t('problems.unlinkLabel', { number: ticket.number })}
                    loading={unlink.isPending && unlink.variables === ticket.number}
                    onClick={() => unlink.mutate(ticket.number)}
                  >
                    {t('problems.unlink')}
                  </Button>
                )}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Refusal error={unlink.error} />
      {editable && (
        <form onSubmit={submit} noValidate>
          <Group align="flex-end" gap="xs" mt="sm" wrap="nowrap">
            <TextInput
              label={t('problems.linkNumbers')}
              description={t('problems.fields.ticketsHint')}
              value={numbers}
              onChange={(event) => setNumbers(event.currentTarget.value)}
              inputMode="numeric"
              error={numbers !== '' && parsed === null ? t('problems.ticketsFormat') : undefined}
              style={{ flex: 1 }}
            />
            <Button type="submit" variant="light" loading={link.isPending} disabled={!parsed || parsed.length === 0}>
              {t('problems.link')}
            </Button>
          </Group>
        </form>
      )}
      <Refusal error={link.error} />
    </Card>
  );
}

function ActionsLog({ problem, editable }: { problem: Problem; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const add = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/problems/{id}/actions', {
          params: { path: { id: problem.id } },
          body: { text: text.trim() },
        }),
      ),
    onSuccess: useProblemSaved(problem, t('problems.actionAdded'), () => setText('')),
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="problem-actions">
      <Title order={2} size="h4" id="problem-actions">
        {t('problems.actions')}
      </Title>
      {problem.actions.length === 0 ? (
        <Text size="sm" c="dark.5" mt="xs">
          {t('problems.noActions')}
        </Text>
      ) : (
        <List component="ol" listStyleType="none" spacing="sm" mt="xs" aria-labelledby="problem-actions">
          {problem.actions.map((action, index) => (
            <List.Item key={index}>
              <Text size="xs" c="dark.5">
                {t('problems.actionBy', { name: action.by.name, at: formatDateTime(action.at, i18n.language) })}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {action.text}
              </Text>
            </List.Item>
          ))}
        </List>
      )}
      {editable && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (text.trim()) add.mutate();
          }}
          noValidate
        >
          <Stack gap="xs" mt="sm">
            <GrowingTextarea
              label={t('problems.actionText')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              minRows={2}
              maxRows={8}
              maxLength={2000}
            />
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={add.isPending} disabled={!text.trim()}>
                {t('problems.addAction')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      <Refusal error={add.error} />
    </Card>
  );
}

/** The workaround's article by its title (the link says what it opens), its id while the title loads. */
function WorkaroundArticleLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const article = useQuery(kbArticleQuery(id));
  return (
    <AnchorLink to="/kb/$articleId" params={{ articleId: id }} size="sm" fw={600} mt="xs" display="block">
      {article.data ? t('problems.articleTitled', { title: article.data.title }) : t('problems.openArticle')}
    </AnchorLink>
  );
}

const editSchema = z.object({
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  description: z.string().max(10_000, 'validation.tooLong'),
  status: z.string(),
  area: z.string(),
  rootCause: z.string().max(10_000, 'validation.tooLong'),
  workaround: z.string().max(10_000, 'validation.tooLong'),
  workaroundArticleId: z.string().trim(),
});
type EditValues = z.infer<typeof editSchema>;

function EditProblem({
  problem,
  actor,
  onClose,
}: {
  problem: Problem;
  actor: { role: string; area: string | null };
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const graph = useQuery(graphQuery);
  const mayMove = actor.role === 'supervisor' || actor.role === 'admin';
  const form = useForm<EditValues>({
    resolver: zodResolver(editSchema),
    defaultValues: {
      title: problem.title,
      description: problem.description,
      status: problem.status,
      area: problem.area,
      rootCause: problem.rootCause ?? '',
      workaround: problem.workaround ?? '',
      workaroundArticleId: problem.workaroundArticleId ?? '',
    },
  });
  const saved = useProblemSaved(problem, t('problems.saved'), onClose);
  const save = useMutation({
    onSuccess: saved,
    mutationFn: (values: EditValues) =>
      unwrap(
        api.PATCH('/api/v1/problems/{id}', {
          params: { path: { id: problem.id } },
          body: {
            title: values.title,
            description: values.description,
            status: values.status as ProblemStatus,
            ...(values.area !== problem.area ? { area: values.area } : {}),
            rootCause: values.rootCause,
            workaround: values.workaround,
            workaroundArticleId: values.workaroundArticleId,
          },
        }),
      ),
  });
  const serverField = (name: string) =>
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === name)?.message : undefined;
  const { errors } = form.formState;
  // A refusal that names a field is shown under that field; anything else above the buttons.
  const shownByField = [
    'title',
    'status',
    'area',
    'description',
    'rootCause',
    'workaround',
    'workaroundArticleId',
  ].some((name) => serverField(name) !== undefined);
  const areas = graph.data?.areas.map((area) => ({ value: area.code, label: area.name })) ?? [
    { value: problem.area, label: problem.area },
  ];
  return (
    <ActionModal opened onClose={onClose} title={t('problems.editTitle')} size="xl">
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('problems.fields.title')}
            required
            data-autofocus
            {...form.register('title')}
            error={fieldError(t, errors.title?.message) ?? serverField('title')}
          />
          <Group grow align="flex-start" wrap="wrap">
            <NativeSelect
              label={t('problems.status')}
              data={statusesFor(actor, problem.status).map((status) => ({
                value: status,
                label: t(`problems.statuses.${status}`),
              }))}
              {...form.register('status')}
              error={serverField('status')}
            />
            <NativeSelect
              label={t('problems.area')}
              data={areas}
              disabled={!mayMove}
              {...form.register('area')}
              error={serverField('area')}
            />
          </Group>
          <GrowingTextarea
            label={t('problems.fields.description')}
            minRows={2}
            maxRows={8}
            {...form.register('description')}
            error={fieldError(t, errors.description?.message) ?? serverField('description')}
          />
          <GrowingTextarea
            label={t('problems.fields.rootCause')}
            minRows={2}
            maxRows={8}
            {...form.register('rootCause')}
            error={fieldError(t, errors.rootCause?.message) ?? serverField('rootCause')}
          />
          <GrowingTextarea
            label={t('problems.fields.workaround')}
            minRows={2}
            maxRows={8}
            {...form.register('workaround')}
            error={fieldError(t, errors.workaround?.message) ?? serverField('workaround')}
          />
          <Controller
            control={form.control}
            name="workaroundArticleId"
            render={({ field }) => (
              <WorkaroundArticlePicker
                value={field.value}
                onChange={field.onChange}
                error={serverField('workaroundArticleId')}
              />
            )}
          />
          {!shownByField && <Refusal error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('problems.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}
