import { Badge, Button, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { QueryError } from '../../app/ErrorPages';
import { AnchorLink } from '../../components/links';
import { useSession } from '../auth/session';
import { graphQuery } from '../workspace/workspace-api';
import { CreateProblem } from './CreateProblem';
import { creatableAreas, PROBLEM_STATUSES, problemsQuery, type ProblemStatus } from './problems-api';
import './problems.css';

const route = getRouteApi('/signed-in/problemas');

export interface ProblemsSearch {
  status?: ProblemStatus;
  area?: string;
  /** Opens the form to record a problem, prefilled with these tickets and title (from a ticket, from a report). */
  crear?: boolean;
  tickets?: string;
  titulo?: string;
}

// Dark enough for white text at badge size (WCAG AA 4.5:1), as the tickets' status badges.
export const STATUS_COLORS: Record<ProblemStatus, string> = {
  abierto: '#b02a2a',
  en_analisis: '#8a4b00',
  solucion_temporal: '#5f3dc4',
  resuelto: '#1e6b34',
  cerrado: '#495057',
};

export function ProblemStatusBadge({ status }: { status: ProblemStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="filled" radius="sm" miw="max-content">
      {t(`problems.statuses.${status}`)}
    </Badge>
  );
}

/** The problem records (docs/domain.md § Post-assistance evaluation): filters by status and area, with the incidents linked to each. */
export function ProblemsPage() {
  const { t, i18n } = useTranslation();
  const account = useSession()!;
  const search: ProblemsSearch = route.useSearch();
  const navigate = useNavigate({ from: '/problemas' });
  const filters = {
    ...(search.status ? { status: search.status } : {}),
    ...(search.area ? { area: search.area } : {}),
  };
  const problems = useQuery(problemsQuery(filters));
  const graph = useQuery(graphQuery);
  const areaCodes = graph.data?.areas.map((area) => area.code) ?? [];
  const areaName = (code: string) => graph.data?.areas.find((area) => area.code === code)?.name ?? code;
  const creatable = creatableAreas({ role: account.role, area: account.area ?? null }, areaCodes);
  const go = (next: Partial<ProblemsSearch>) => void navigate({ search: (prev) => ({ ...prev, ...next }) });
  const list = problems.data?.problems ?? [];

  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('problems.title')}</Title>
        {creatable.length > 0 && <Button onClick={() => go({ crear: true })}>{t('problems.new')}</Button>}
      </Group>
      <Text size="sm">{t('problems.intro')}</Text>
      <Group grow align="flex-end" wrap="wrap">
        <NativeSelect
          label={t('problems.status')}
          value={search.status ?? ''}
          onChange={(event) => go({ status: (event.currentTarget.value || undefined) as ProblemStatus | undefined })}
          data={[
            { value: '', label: t('problems.allStatuses') },
            ...PROBLEM_STATUSES.map((status) => ({ value: status, label: t(`problems.statuses.${status}`) })),
          ]}
        />
        <NativeSelect
          label={t('problems.area')}
          value={search.area ?? ''}
          onChange={(event) => go({ area: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('problems.allAreas') },
            ...areaCodes.map((code) => ({ value: code, label: areaName(code) })),
          ]}
        />
      </Group>
      <Text size="sm" c="dark.5" role="status">
        {problems.isPending
          ? t('common.loading')
          : `${t('problems.shown', { count: list.length })} · ${t('problems.openCount', { count: problems.data?.openCount ?? 0 })}`}
      </Text>
      {problems.isError && <QueryError error={problems.error} />}
      <div className="problems-scroll" role="region" aria-label={t('problems.title')} tabIndex={0}>
        <Table fz="sm" withTableBorder verticalSpacing={6} className="problems-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('problems.columns.number')}</Table.Th>
              <Table.Th scope="col">{t('problems.columns.title')}</Table.Th>
              <Table.Th scope="col">{t('problems.columns.status')}</Table.Th>
              <Table.Th scope="col">{t('problems.columns.area')}</Table.Th>
              <Table.Th scope="col">{t('problems.columns.incidents')}</Table.Th>
              <Table.Th scope="col">{t('problems.columns.openIncidents')}</Table.Th>
              <Table.Th scope="col">{t('problems.columns.updated')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((problem) => (
              <Table.Tr key={problem.id}>
                <Table.Td>{t('problems.number', { number: problem.number })}</Table.Td>
                <Table.Th scope="row" fw={500}>
                  <AnchorLink to="/problemas/$problemId" params={{ problemId: problem.id }}>
                    {problem.title}
                  </AnchorLink>
                </Table.Th>
                <Table.Td>
                  <ProblemStatusBadge status={problem.status} />
                </Table.Td>
                <Table.Td>{problem.area}</Table.Td>
                <Table.Td>{problem.ticketCount}</Table.Td>
                <Table.Td>{problem.openTicketCount}</Table.Td>
                <Table.Td>{formatDateTime(problem.updatedAt, i18n.language)}</Table.Td>
              </Table.Tr>
            ))}
            {problems.isSuccess && list.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>{t('problems.none')}</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </div>
      {search.crear && creatable.length > 0 && (
        <CreateProblem
          areas={creatable.map((code) => ({ value: code, label: areaName(code) }))}
          initial={{
            ...(search.tickets ? { tickets: search.tickets } : {}),
            ...(search.titulo ? { title: search.titulo } : {}),
            ...(account.area && creatable.includes(account.area) ? { area: account.area } : {}),
          }}
          onClose={() => go({ crear: undefined, tickets: undefined, titulo: undefined })}
        />
      )}
    </Stack>
  );
}
