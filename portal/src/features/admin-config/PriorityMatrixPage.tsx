import { Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { notifySaved } from '../../components/notify';
import { Refusal } from '../workspace/actions/action-kit';
import {
  IMPACT_ORDER,
  PRIORITY_ORDER,
  URGENCY_ORDER,
  cellKey,
  changedCells,
  priorityMatrixQuery,
  type MatrixCell,
  type Priority,
} from './priority-matrix';

/** The same colours as the ticket header's priority badge (white text at AA contrast). */
const PRIORITY_COLORS: Record<Priority, string> = { ALTA: '#b02a2a', MEDIA: '#8a5a00', BAJA: '#2b6b57' };

/** Impact × urgency → priority, edited on a grid; administrators only. */
export function PriorityMatrixPage() {
  const { t } = useTranslation();
  const matrix = useQuery(priorityMatrixQuery);
  return (
    <Stack gap="md" maw={900} mx="auto">
      <Title order={1}>{t('priorityMatrix.title')}</Title>
      <Text size="sm">{t('priorityMatrix.intro')}</Text>
      {matrix.isPending && <Text role="status">{t('common.loading')}</Text>}
      {matrix.isError && <Refusal error={matrix.error} title={t('adminConfig.loadFailed')} />}
      {matrix.data && <MatrixForm key={JSON.stringify(matrix.data.cells)} stored={matrix.data.cells} />}
    </Stack>
  );
}

function MatrixForm({ stored }: { stored: MatrixCell[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [cells, setCells] = useState<MatrixCell[]>(stored);
  const changed = changedCells(stored, cells);
  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/routing/priority-matrix', { body: { cells } })),
    onSuccess: (saved) => {
      queryClient.setQueryData(priorityMatrixQuery.queryKey, saved);
      notifySaved(t, t('priorityMatrix.saved'));
    },
  });
  const priorityOf = (impact: MatrixCell['impact'], urgency: MatrixCell['urgency']) =>
    cells.find((cell) => cell.impact === impact && cell.urgency === urgency)?.priority;
  const set = (impact: MatrixCell['impact'], urgency: MatrixCell['urgency'], priority: Priority) =>
    setCells((current) =>
      current.map((cell) => (cell.impact === impact && cell.urgency === urgency ? { ...cell, priority } : cell)),
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (changed.size > 0) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Table.ScrollContainer minWidth={340}>
          <Table withColumnBorders verticalSpacing="sm" horizontalSpacing="xs">
            <Table.Caption>{t('priorityMatrix.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('priorityMatrix.impactHeader')}</Table.Th>
                {URGENCY_ORDER.map((urgency) => (
                  <Table.Th scope="col" key={urgency}>
                    {t(`priorityMatrix.urgency.${urgency}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {IMPACT_ORDER.map((impact) => (
                <Table.Tr key={impact}>
                  <Table.Th scope="row">{t(`priorityMatrix.impact.${impact}`)}</Table.Th>
                  {URGENCY_ORDER.map((urgency) => {
                    const priority = priorityOf(impact, urgency);
                    const isChanged = changed.has(cellKey(impact, urgency));
                    return (
                      <Table.Td key={urgency} data-cell={cellKey(impact, urgency)}>
                        <Group gap={4}>
                          <NativeSelect
                            aria-label={t('priorityMatrix.cellLabel', {
                              impact: t(`priorityMatrix.impact.${impact}`).toLowerCase(),
                              urgency: t(`priorityMatrix.urgency.${urgency}`).toLowerCase(),
                            })}
                            w={96}
                            value={priority}
                            onChange={(event) => set(impact, urgency, event.currentTarget.value as Priority)}
                            data={PRIORITY_ORDER.map((value) => ({ value, label: t(`priority.${value}`) }))}
                            styles={{
                              input: {
                                borderLeft: `6px solid ${priority ? PRIORITY_COLORS[priority] : 'transparent'}`,
                                fontWeight: 600,
                              },
                            }}
                          />
                          {isChanged && (
                            <Badge size="sm" color="dark" variant="outline">
                              {t('priorityMatrix.changed')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Refusal error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending} disabled={changed.size === 0}>
            {t('priorityMatrix.save')}
          </Button>
          <Button variant="default" onClick={() => setCells(stored)} disabled={changed.size === 0}>
            {t('priorityMatrix.undo')}
          </Button>
          <Text size="sm" role="status">
            {changed.size > 0 ? t('priorityMatrix.changes', { count: changed.size }) : t('priorityMatrix.noChanges')}
          </Text>
        </Group>
      </Stack>
    </form>
  );
}
