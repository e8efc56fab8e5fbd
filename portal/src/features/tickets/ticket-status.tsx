import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

export type TicketStatus = Schemas['TicketSummaryResponse']['status'];
export const ticketStatuses = ['abierto', 'en_curso', 'resuelto', 'cerrado'] as const satisfies readonly TicketStatus[];

const COLORS: Record<TicketStatus, string> = {
  abierto: 'blue.8',
  en_curso: 'violet.8',
  resuelto: 'green.9',
  cerrado: 'dark.5',
};

/** The status as users name it, with "con atraso" beside it when the ticket is past its SLA. */
export function StatusBadges({ status, overdue }: { status: TicketStatus; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={COLORS[status]} variant="filled" radius="sm">
        {t(`status.${status}`)}
      </Badge>
      {overdue && (
        <Badge color="red.9" variant="filled" radius="sm">
          {t('status.overdue')}
        </Badge>
      )}
    </Group>
  );
}
