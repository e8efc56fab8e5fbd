import { Button, Card, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { ProblemStatusBadge } from './ProblemsPage';
import { problemsQuery, ticketProblemQuery } from './problems-api';

/**
 * The ticket workspace's "Problema" section: the problem the incident is linked to (with the way to it and to
 * unlink it), or the open problems to link it to, and "create a problem from this ticket". Resolution decides
 * who may (the problem's area, supervisors, administrators); a refusal is shown here.
 */
export function TicketProblem({ number, title }: { number: number; title: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const current = useQuery(ticketProblemQuery(number));
  const open = useQuery({ ...problemsQuery({}), enabled: current.isSuccess && current.data === null });
  const [chosen, setChosen] = useState('');
  const done = (message: string) => async () => {
    notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('workspace.closeNotice') } });
    setChosen('');
    await queryClient.invalidateQueries({ queryKey: ['problems'] });
  };
  const link = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/problems/{id}/tickets', { params: { path: { id } }, body: { tickets: [number] } })),
    onSuccess: done(t('problems.linked')),
  });
  const unlink = useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/problems/{id}/tickets/{number}', { params: { path: { id, number } } })),
    onSuccess: done(t('problems.unlinked')),
  });
  const choices = (open.data?.problems ?? []).filter((problem) => problem.status !== 'cerrado');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) link.mutate(chosen);
  };
  const problem = current.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ticket-problem-title">
      <Title order={2} size="h4" id="ticket-problem-title">
        {t('problems.workspace.title')}
      </Title>
      {current.isError && <Refusal error={current.error} />}
      {problem ? (
        <Stack gap="xs" mt="xs">
          <AnchorLink to="/problemas/$problemId" params={{ problemId: problem.id }} fw={600}>
            {t('problems.number', { number: problem.number })} — {problem.title}
          </AnchorLink>
          <Group gap="xs">
            <ProblemStatusBadge status={problem.status} />
            <Text size="xs" c="dark.5">
              {problem.area}
            </Text>
          </Group>
          {problem.status !== 'cerrado' && (
            <Group>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                loading={unlink.isPending}
                onClick={() => unlink.mutate(problem.id)}
              >
                {t('problems.workspace.unlink')}
              </Button>
            </Group>
          )}
          <Refusal error={unlink.error} />
        </Stack>
      ) : (
        current.isSuccess && (
          <Stack gap="xs" mt="xs">
            <Text size="sm" c="dark.5">
              {t('problems.workspace.none')}
            </Text>
            {choices.length > 0 && (
              <form onSubmit={submit} noValidate>
                <Group align="flex-end" gap="xs" wrap="nowrap">
                  <NativeSelect
                    label={t('problems.workspace.choose')}
                    value={chosen}
                    onChange={(event) => setChosen(event.currentTarget.value)}
                    data={[
                      { value: '', label: t('problems.workspace.choosePlaceholder') },
                      ...choices.map((choice) => ({
                        value: choice.id,
                        label: `${t('problems.number', { number: choice.number })} — ${choice.title}`,
                      })),
                    ]}
                    style={{ flex: 1, minWidth: 0 }}
                  />
                  <Button type="submit" variant="light" loading={link.isPending} disabled={!chosen}>
                    {t('problems.link')}
                  </Button>
                </Group>
              </form>
            )}
            <Refusal error={link.error} />
            <ButtonLink
              to="/problemas"
              search={{ crear: true, tickets: String(number), titulo: title.slice(0, 200) }}
              size="xs"
              variant="default"
            >
              {t('problems.workspace.create')}
            </ButtonLink>
          </Stack>
        )
      )}
    </Card>
  );
}
