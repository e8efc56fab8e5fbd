import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../app/format';
import { AnchorLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { equipmentRepairsQuery } from './field-service-api';

/** The equipment page's repairs: when it left, for which ticket, where, and how it came back. */
export function EquipmentRepairs({ equipmentId }: { equipmentId: string }) {
  const { t, i18n } = useTranslation();
  const repairs = useQuery(equipmentRepairsQuery(equipmentId));
  if (repairs.isError) return <Refusal error={repairs.error} />;
  if (!repairs.data) return <Text>{t('common.loading')}</Text>;
  if (repairs.data.length === 0) return <Text c="dimmed">{t('fieldService.repairs.noneForEquipment')}</Text>;
  return (
    <Table fz="sm" aria-label={t('fieldService.repairs.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('fieldService.repairs.leftAt')}</Table.Th>
          <Table.Th scope="col">{t('fieldService.tickets.ticket')}</Table.Th>
          <Table.Th scope="col">{t('fieldService.repairs.destination')}</Table.Th>
          <Table.Th scope="col">{t('fieldService.repairs.returnedOn')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {repairs.data.map((repair) => (
          <Table.Tr key={repair.id}>
            <Table.Td>{formatDateTime(repair.leftAt, i18n.language)}</Table.Td>
            <Table.Td>
              <AnchorLink to="/tickets/$number" params={{ number: repair.ticketNumber }}>
                {t('fieldService.tickets.number', { number: repair.ticketNumber })}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{repair.destination}</Table.Td>
            <Table.Td>
              {repair.returnedOn && repair.condition
                ? `${formatDay(repair.returnedOn, i18n.language)} · ${t(`fieldService.repairs.conditions.${repair.condition}`)}`
                : t('fieldService.repairs.away')}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
