import { Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { AnchorLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { equipmentTicketsQuery } from './field-service-api';

/** The equipment page's tickets: every ticket that names the machine, newest link first. */
export function EquipmentTickets({ equipmentId }: { equipmentId: string }) {
  const { t, i18n } = useTranslation();
  const tickets = useQuery(equipmentTicketsQuery(equipmentId));
  if (tickets.isError) return <Refusal error={tickets.error} />;
  if (!tickets.data) return <Text>{t('common.loading')}</Text>;
  if (tickets.data.length === 0) return <Text c="dimmed">{t('fieldService.tickets.none')}</Text>;
  return (
    <Table fz="sm" aria-label={t('fieldService.tickets.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">{t('fieldService.tickets.ticket')}</Table.Th>
          <Table.Th scope="col">{t('fieldService.tickets.linkedAt')}</Table.Th>
          <Table.Th scope="col">{t('fieldService.tickets.linkedBy')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tickets.data.map((entry) => (
          <Table.Tr key={entry.ticketNumber}>
            <Table.Td>
              <AnchorLink to="/tickets/$number" params={{ number: entry.ticketNumber }}>
                {t('fieldService.tickets.number', { number: entry.ticketNumber })}
              </AnchorLink>
            </Table.Td>
            <Table.Td>{formatDateTime(entry.linkedAt, i18n.language)}</Table.Td>
            <Table.Td>{entry.linkedBy.name}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
