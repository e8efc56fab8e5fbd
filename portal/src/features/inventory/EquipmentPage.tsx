import { Alert, Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../app/format';
import { AnchorLink, ButtonLink } from '../../components/links';
import { CustodyActions } from './CustodyActions';
import { EquipmentRepairs } from '../field-service/EquipmentRepairs';
import { EquipmentServiceLog } from '../service-log/EquipmentServiceLog';
import { EquipmentTickets } from '../field-service/EquipmentTickets';
import { locationText } from './EquipmentTable';
import {
  custodyDocumentUrl,
  equipmentCustodyQuery,
  equipmentHistoryQuery,
  equipmentQuery,
  type CustodyPeriod,
  type Equipment,
  type EquipmentHistoryEntry,
} from './inventory-api';
import { StateBadge, useTypeLabel } from './labels';

const route = getRouteApi('/signed-in/inventario/$equipmentId');

/** One piece of equipment: its data and every change to it (who, when, what it was and became). */
export function EquipmentPage() {
  const { t } = useTranslation();
  const { equipmentId } = route.useParams();
  const equipment = useQuery(equipmentQuery(equipmentId));
  const history = useQuery(equipmentHistoryQuery(equipmentId));
  const custody = useQuery(equipmentCustodyQuery(equipmentId));
  if (equipment.isError) {
    return (
      <Alert color="red" role="alert" title={t('inventory.notFound')}>
        {equipment.error.message}
      </Alert>
    );
  }
  if (!equipment.data) return <Text>{t('common.loading')}</Text>;
  const e = equipment.data;
  return (
    <Stack gap="md">
      <AnchorLink to="/inventario">{t('inventory.back')}</AnchorLink>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <Title order={1}>{t('inventory.equipmentTitle', { number: e.inventoryNumber })}</Title>
          <StateBadge state={e.state} />
        </Group>
        <ButtonLink to="/inventario/$equipmentId/editar" params={{ equipmentId: e.id }}>
          {t('inventory.edit')}
        </ButtonLink>
      </Group>
      <EquipmentData equipment={e} />
      <Title order={2}>{t('inventory.custodyTitle')}</Title>
      <CustodyActions equipment={e} />
      {custody.data ? <Custody equipmentId={e.id} periods={custody.data} /> : <Text>{t('common.loading')}</Text>}
      <Title order={2}>{t('fieldService.tickets.title')}</Title>
      <EquipmentTickets equipmentId={equipmentId} />
      <Title order={2}>{t('fieldService.repairs.title')}</Title>
      <EquipmentRepairs equipmentId={equipmentId} />
      <Title order={2}>{t('serviceLog.equipmentSection')}</Title>
      <EquipmentServiceLog inventoryNumber={e.inventoryNumber} />
      <Title order={2}>{t('inventory.history.title')}</Title>
      {history.data ? <History entries={history.data} /> : <Text>{t('common.loading')}</Text>}
    </Stack>
  );
}

function EquipmentData({ equipment: e }: { equipment: Equipment }) {
  const { t, i18n } = useTranslation();
  const typeLabel = useTypeLabel();
  const rows: Array<[string, string]> = [
    [t('inventory.columns.type'), typeLabel(e.type)],
    [t('inventory.columns.serial'), e.serial ?? '—'],
    [t('inventory.form.brand'), e.brand ?? '—'],
    [t('inventory.form.model'), e.model ?? '—'],
    [t('inventory.columns.location'), locationText(e) || '—'],
    [t('inventory.columns.jurisdiction'), e.jurisdiction ?? '—'],
    [t('inventory.form.purchaseDate'), e.purchaseDate ? formatDay(e.purchaseDate, i18n.language) : '—'],
    [t('inventory.form.warrantyUntil'), e.warrantyUntil ? formatDay(e.warrantyUntil, i18n.language) : '—'],
    [t('inventory.form.supplier'), e.supplier ?? '—'],
    [
      t('inventory.custody'),
      e.custody
        ? `${e.custody.holder.name} (${formatDateTime(e.custody.since, i18n.language)})`
        : t('inventory.noCustody'),
    ],
    ...Object.entries(e.attributes).map(([name, value]): [string, string] => [name, String(value)]),
  ];
  return (
    <Card withBorder>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" style={{ margin: 0 }}>
        {rows.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" fw={700} c="dark.5">
              {label}
            </Text>
            <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Card>
  );
}

/** Fields that differ between the record before and after a change. */
function changedFields(entry: EquipmentHistoryEntry): Array<[string, unknown, unknown]> {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .map((key) => [key, before[key] ?? null, after[key] ?? null]);
}

const shown = (value: unknown): string =>
  value === null || value === undefined || value === ''
    ? '—'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

function History({ entries }: { entries: EquipmentHistoryEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      {entries.map((entry, index) => (
        <Card key={`${entry.at}-${index}`} withBorder padding="sm">
          <Text size="sm" fw={600}>
            {t(`inventory.history.${entry.action}`)} · {entry.actor.name} · {formatDateTime(entry.at, i18n.language)}
          </Text>
          {entry.before !== null && (
            <Table mt={4} fz="sm" aria-label={t('inventory.history.changes')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('inventory.history.field')}</Table.Th>
                  <Table.Th scope="col">{t('inventory.history.before')}</Table.Th>
                  <Table.Th scope="col">{t('inventory.history.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {changedFields(entry).map(([field, before, after]) => (
                  <Table.Tr key={field}>
                    <Table.Td>{field}</Table.Td>
                    <Table.Td>{shown(before)}</Table.Td>
                    <Table.Td>{shown(after)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      ))}
    </Stack>
  );
}

/** Who held the equipment, from when until when (docs/domain.md § Field service: the resguardo), the newest first. */
function Custody({ equipmentId, periods }: { equipmentId: string; periods: CustodyPeriod[] }) {
  const { t, i18n } = useTranslation();
  if (periods.length === 0) return <Text size="sm">{t('inventory.noCustody')}</Text>;
  // Five columns do not fit a phone: the table scrolls sideways in its own box instead of the page.
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table fz="sm" aria-label={t('inventory.custodyTitle')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('inventory.custodyHolder')}</Table.Th>
            <Table.Th scope="col">{t('inventory.custodySince')}</Table.Th>
            <Table.Th scope="col">{t('inventory.custodyUntil')}</Table.Th>
            <Table.Th scope="col">{t('inventory.custodyAcceptance')}</Table.Th>
            <Table.Th scope="col">{t('inventory.custodyDocument')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {periods.map((period) => (
            <Table.Tr key={period.id}>
              <Table.Td>
                {period.holder.name} ({period.holder.email})
              </Table.Td>
              <Table.Td>{formatDateTime(period.since, i18n.language)}</Table.Td>
              <Table.Td>
                {period.until ? formatDateTime(period.until, i18n.language) : t('inventory.custodyCurrent')}
              </Table.Td>
              <Table.Td>
                {period.acceptance
                  ? `${t('inventory.custodyAcceptedAt', { at: formatDateTime(period.acceptance.at, i18n.language) })}${
                      period.acceptance.signed ? ` (${t('inventory.custodySigned')})` : ''
                    }`
                  : t('inventory.custodyPending')}
              </Table.Td>
              <Table.Td>
                <Anchor href={custodyDocumentUrl(equipmentId, period.id)} download>
                  {t('inventory.custodyDocumentOf', { name: period.holder.name })}
                </Anchor>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
