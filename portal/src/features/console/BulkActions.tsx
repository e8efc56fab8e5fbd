import { Alert, Box, Button, Group, List, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ButtonLink } from '../../components/links';
import { PeoplePicker } from '../workspace/actions/AssignForm';
import type { Person } from '../workspace/workspace-api';

export interface BulkResult {
  number: number;
  ok: boolean;
  message: string;
}

/** Each ticket on its own: one refusal (taken meanwhile, another area's) never stops the others. */
async function each(numbers: readonly number[], act: (number: number) => Promise<unknown>, done: string) {
  const results: BulkResult[] = [];
  for (const number of numbers) {
    try {
      await act(number);
      results.push({ number, ok: true, message: done });
    } catch (error) {
      results.push({ number, ok: false, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

/** Take or assign the selected tickets, where resolution's rules allow it, reporting each ticket's outcome. */
export function BulkActions({
  selected,
  area,
  entryArea,
  onDone,
}: {
  selected: readonly number[];
  /** The selection's area when all share one: the people offered are of that area. */
  area: string | null;
  entryArea: string | null;
  onDone: (results: BulkResult[]) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const [person, setPerson] = useState<Person | null>(null);

  const run = async (act: (number: number) => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      onDone(await each(selected, act, done));
      await queryClient.invalidateQueries({ queryKey: ['console'] });
    } finally {
      setBusy(false);
    }
  };
  const take = () =>
    run(
      (number) => unwrap(api.POST('/api/v1/tickets/{number}/take', { params: { path: { number } } })),
      t('console.bulk.taken'),
    );
  const assign = () => {
    if (!person) return;
    void run(
      (number) =>
        unwrap(
          api.POST('/api/v1/tickets/{number}/assign', {
            params: { path: { number } },
            body: { assigneeId: person.id, assigneeName: person.name },
          }),
        ),
      t('console.bulk.assigned', { name: person.name }),
    ).then(() => {
      setAssigning(false);
      setPerson(null);
    });
  };

  return (
    <Group gap="xs" align="flex-end" wrap="wrap" role="group" aria-label={t('console.bulk.label')}>
      <Text size="sm" fw={600}>
        {t('console.bulk.selected', { count: selected.length })}
      </Text>
      <Button size="xs" loading={busy && !assigning} disabled={busy} onClick={() => void take()}>
        {t('console.bulk.take')}
      </Button>
      <ButtonLink
        size="xs"
        variant="default"
        to="/problemas"
        search={{ crear: true, tickets: selected.join(' ') }}
        disabled={busy}
      >
        {t('problems.fromSelection')}
      </ButtonLink>
      {!assigning ? (
        <Button size="xs" variant="light" disabled={busy} onClick={() => setAssigning(true)}>
          {t('console.bulk.assign')}
        </Button>
      ) : (
        <>
          <Box w={300}>
            <PeoplePicker
              size="xs"
              area={area}
              entryArea={entryArea}
              label={area ? t('console.bulk.assigneeOf', { area }) : t('console.bulk.assignee')}
              value={person}
              onChange={setPerson}
            />
          </Box>
          <Button size="xs" disabled={!person || busy} loading={busy} onClick={assign}>
            {t('console.bulk.assignConfirm')}
          </Button>
          <Button size="xs" variant="default" disabled={busy} onClick={() => setAssigning(false)}>
            {t('common.cancel')}
          </Button>
        </>
      )}
    </Group>
  );
}

/** What a bulk action did, ticket by ticket, until dismissed. */
export function BulkReport({ results, onClose }: { results: readonly BulkResult[]; onClose: () => void }) {
  const { t } = useTranslation();
  const refused = results.filter((result) => !result.ok).length;
  return (
    <Alert
      color={refused > 0 ? 'orange' : 'green'}
      title={t('console.bulk.report', { done: results.length - refused, refused })}
      withCloseButton
      closeButtonLabel={t('console.bulk.closeReport')}
      onClose={onClose}
      role="status"
    >
      <List size="sm">
        {results.map((result) => (
          <List.Item key={result.number}>
            <Text span fw={600}>
              #{result.number}
            </Text>
            : {result.ok ? result.message : t('console.bulk.refused', { reason: result.message })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
