import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ActionModal, Refusal } from '../workspace/actions/action-kit';
import {
  DERIVATION_KINDS,
  graphQuery,
  type DerivationKind,
  type EscalationGraph,
  type GraphEdge,
} from './admin-config-api';
import { GraphDrawing, GraphLegend } from './GraphDrawing';

const AREA_CODE = /^[A-Z][A-Z0-9_]{0,31}$/;
const NAME_MAX = 200;

interface Draft {
  areas: Array<{ code: string; name: string }>;
  edges: GraphEdge[];
}

const draftOf = (graph: EscalationGraph): Draft => ({
  areas: graph.areas.map(({ code, name }) => ({ code, name })),
  edges: graph.edges.map(({ from, to, kind }) => ({ from, to, kind })),
});

const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/** Areas (the queues tickets are derived to) and the escalation graph between them; administrators only. */
export function AreasPage() {
  const { t } = useTranslation();
  const graph = useQuery(graphQuery);
  return (
    <Stack gap="md" maw={1100} mx="auto">
      <Title order={1}>{t('adminConfig.areas.title')}</Title>
      <Text size="sm">{t('adminConfig.areas.intro')}</Text>
      {graph.isPending && <Text role="status">{t('common.loading')}</Text>}
      {graph.isError && <Refusal error={graph.error} title={t('adminConfig.loadFailed')} />}
      {graph.data && <GraphEditor graph={graph.data} />}
    </Stack>
  );
}

function GraphEditor({ graph }: { graph: EscalationGraph }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const saved = draftOf(graph);
  const [draft, setDraft] = useState<Draft>(saved);
  const [renaming, setRenaming] = useState<{ code: string; name: string } | null>(null);
  const changed = !sameDraft(draft, saved);
  const nameOf = (code: string) => draft.areas.find((area) => area.code === code)?.name ?? code;

  const save = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/v1/routing/graph', { body: { areas: draft.areas, edges: draft.edges } })),
    onSuccess: (stored) => {
      queryClient.setQueryData(graphQuery.queryKey, stored);
      setDraft(draftOf(stored));
      notifications.show({
        color: 'green',
        message: t('adminConfig.areas.saved'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
    },
  });

  const retire = (code: string) =>
    setDraft((current) => ({
      areas: current.areas.filter((area) => area.code !== code),
      edges: current.edges.filter((edge) => edge.from !== code && edge.to !== code),
    }));
  const removeEdge = (edge: GraphEdge) =>
    setDraft((current) => ({
      ...current,
      edges: current.edges.filter((other) => other.from !== edge.from || other.to !== edge.to),
    }));

  return (
    <>
      <Card withBorder padding="md" component="section" aria-labelledby="graph-drawing-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="graph-drawing-title">
            {t('adminConfig.areas.drawingTitle')}
          </Title>
          <GraphDrawing areas={draft.areas} entryArea={graph.entryArea} edges={draft.edges} />
          <GraphLegend />
        </Stack>
      </Card>

      {changed && (
        <Alert color="yellow" title={t('adminConfig.areas.unsavedTitle')} role="status">
          {t('adminConfig.areas.unsaved')}
        </Alert>
      )}
      <Refusal error={save.error} title={t('adminConfig.areas.refused')} />
      <Group>
        <Button onClick={() => save.mutate()} disabled={!changed} loading={save.isPending}>
          {t('adminConfig.areas.save')}
        </Button>
        <Button
          variant="default"
          disabled={!changed}
          onClick={() => {
            save.reset();
            setDraft(saved);
          }}
        >
          {t('adminConfig.areas.discard')}
        </Button>
      </Group>

      <Card withBorder padding="md" component="section" aria-labelledby="areas-list-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="areas-list-title">
            {t('adminConfig.areas.listTitle')}
          </Title>
          <Table.ScrollContainer minWidth={420}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('adminConfig.areas.code')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.areas.name')}</Table.Th>
                  <Table.Th scope="col">{t('adminConfig.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.areas.map((area) => {
                  const stored = saved.areas.some((other) => other.code === area.code);
                  return (
                    <Table.Tr key={area.code} data-area-row={area.code}>
                      <Table.Td>
                        <Group gap={6}>
                          <Text fw={700} size="sm">
                            {area.code}
                          </Text>
                          {area.code === graph.entryArea && (
                            <Badge variant="light" color="cau" size="sm">
                              {t('adminConfig.areas.entry')}
                            </Badge>
                          )}
                          {!stored && (
                            <Badge variant="outline" color="dark" size="sm">
                              {t('adminConfig.areas.new')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>{area.name}</Table.Td>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {stored && (
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => setRenaming(area)}
                              aria-label={t('adminConfig.areas.renameNamed', { code: area.code })}
                            >
                              {t('adminConfig.areas.rename')}
                            </Button>
                          )}
                          {area.code !== graph.entryArea && (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => retire(area.code)}
                              aria-label={t('adminConfig.areas.retireNamed', { code: area.code })}
                            >
                              {t('adminConfig.areas.retire')}
                            </Button>
                          )}
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <AddArea
            existing={draft.areas.map((area) => area.code)}
            onAdd={(area) => setDraft((current) => ({ ...current, areas: [...current.areas, area] }))}
          />
        </Stack>
      </Card>

      <Card withBorder padding="md" component="section" aria-labelledby="edges-title">
        <Stack gap="sm">
          <Title order={2} size="h3" id="edges-title">
            {t('adminConfig.areas.edgesTitle')}
          </Title>
          <Text size="sm">{t('adminConfig.areas.edgesIntro')}</Text>
          <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="edges-title">
            {draft.edges.map((edge) => (
              <Group component="li" key={`${edge.from}-${edge.to}`} justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" data-edge-item={`${edge.from}-${edge.to}`}>
                  <strong>{edge.from}</strong> → <strong>{edge.to}</strong> · {t(`adminConfig.kind.${edge.kind}`)}
                </Text>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => removeEdge(edge)}
                  aria-label={t('adminConfig.areas.removeEdgeNamed', { from: edge.from, to: edge.to })}
                >
                  {t('adminConfig.areas.removeEdge')}
                </Button>
              </Group>
            ))}
          </Stack>
          <AddEdge
            areas={draft.areas.map((area) => ({ value: area.code, label: `${area.code} · ${nameOf(area.code)}` }))}
            entryArea={graph.entryArea}
            edges={draft.edges}
            onAdd={(edge) => setDraft((current) => ({ ...current, edges: [...current.edges, edge] }))}
          />
        </Stack>
      </Card>
      {renaming && (
        <RenameArea
          area={renaming}
          onClose={() => setRenaming(null)}
          // The new name shows at once; the rest of an unsaved edit stays as it was.
          onRenamed={(code, name) =>
            setDraft((current) => ({
              ...current,
              areas: current.areas.map((area) => (area.code === code ? { ...area, name } : area)),
            }))
          }
        />
      )}
    </>
  );
}

function AddArea({
  existing,
  onAdd,
}: {
  existing: readonly string[];
  onAdd: (area: { code: string; name: string }) => void;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<{ code?: string; name?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const upper = code.trim().toUpperCase();
    const found: { code?: string; name?: string } = {};
    if (!AREA_CODE.test(upper)) found.code = t('adminConfig.areas.codeInvalid');
    else if (existing.includes(upper)) found.code = t('adminConfig.areas.codeTaken');
    if (name.trim() === '') found.name = t('validation.required');
    else if (name.trim().length > NAME_MAX) found.name = t('validation.tooLong');
    setErrors(found);
    if (found.code || found.name) return;
    onAdd({ code: upper, name: name.trim() });
    setCode('');
    setName('');
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-area-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-area-title">
          {t('adminConfig.areas.addTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('adminConfig.areas.code')}
            description={t('adminConfig.areas.codeHint')}
            value={code}
            onChange={(event) => setCode(event.currentTarget.value)}
            error={errors.code}
            required
            maxLength={32}
          />
          <TextInput
            label={t('adminConfig.areas.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name}
            required
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" variant="light">
            {t('adminConfig.areas.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddEdge({
  areas,
  entryArea,
  edges,
  onAdd,
}: {
  areas: Array<{ value: string; label: string }>;
  entryArea: string;
  edges: readonly GraphEdge[];
  onAdd: (edge: GraphEdge) => void;
}) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(entryArea);
  const [to, setTo] = useState('');
  const [kind, setKind] = useState<DerivationKind | ''>('');
  const [error, setError] = useState<string | null>(null);
  // Toward the entry area a derivation returns the solution; elsewhere it escalates, unless chosen otherwise.
  const effectiveKind: DerivationKind = kind || (to === entryArea ? 'return' : 'escalate');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!from || !to) return setError(t('adminConfig.areas.edgeIncomplete'));
    if (from === to) return setError(t('adminConfig.areas.edgeSelf'));
    if (edges.some((edge) => edge.from === from && edge.to === to)) return setError(t('adminConfig.areas.edgeTaken'));
    setError(null);
    onAdd({ from, to, kind: effectiveKind });
    setTo('');
    setKind('');
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-edge-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="add-edge-title">
          {t('adminConfig.areas.addEdgeTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t('adminConfig.areas.from')}
            value={from}
            onChange={(event) => setFrom(event.currentTarget.value)}
            data={areas}
          />
          <NativeSelect
            label={t('adminConfig.areas.to')}
            value={to}
            onChange={(event) => setTo(event.currentTarget.value)}
            data={[{ value: '', label: t('adminConfig.areas.choose') }, ...areas]}
          />
          <NativeSelect
            label={t('adminConfig.areas.kind')}
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value as DerivationKind | '')}
            data={[
              { value: '', label: t('adminConfig.areas.kindAuto', { kind: t(`adminConfig.kind.${effectiveKind}`) }) },
              ...DERIVATION_KINDS.map((value) => ({ value, label: t(`adminConfig.kind.${value}`) })),
            ]}
          />
        </SimpleGrid>
        {error && (
          <Text c="red.8" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button type="submit" variant="light">
            {t('adminConfig.areas.addEdge')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RenameArea({
  area,
  onClose,
  onRenamed,
}: {
  area: { code: string; name: string };
  onClose: () => void;
  onRenamed: (code: string, name: string) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState(area.name);
  const rename = useMutation({
    mutationFn: () =>
      unwrap(api.PUT('/api/v1/areas/{code}', { params: { path: { code: area.code } }, body: { name: name.trim() } })),
    onSuccess: async (renamed) => {
      onRenamed(renamed.code, renamed.name);
      await queryClient.invalidateQueries({ queryKey: graphQuery.queryKey });
      notifications.show({
        color: 'green',
        message: t('adminConfig.areas.renamed'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      onClose();
    },
  });
  return (
    <ActionModal opened onClose={onClose} title={t('adminConfig.areas.renameTitle', { code: area.code })} size="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          rename.mutate();
        }}
        noValidate
      >
        <Stack gap="sm">
          <TextInput
            label={t('adminConfig.areas.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            required
            data-autofocus
            error={name.trim() === '' ? t('validation.required') : undefined}
          />
          <Refusal error={rename.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={rename.isPending} disabled={name.trim() === ''}>
              {t('adminConfig.areas.rename')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}
