import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';

export type TicketStatus = Schemas['TicketSummaryV1']['status'];
export const ticketStatuses = [
  'abierto',
  'en_curso',
  'resuelto',
  'cerrado',
  'fusionado',
] as const satisfies readonly TicketStatus[];

// Dark enough for white text at badge size (WCAG AA 4.5:1).
export const STATUS_COLORS: Record<TicketStatus, string> = {
  abierto: '#1c4f9c',
  en_curso: '#5f3dc4',
  resuelto: '#1e6b34',
  cerrado: '#495057',
  fusionado: '#5c4b2e',
};
export const OVERDUE_COLOR = '#b02a2a';
export const SUCCESS_COLOR = '#1e6b34';

/** The status as users name it, with "con atraso" beside it when the ticket is past its SLA. */
export function StatusBadges({ status, overdue }: { status: TicketStatus; overdue: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={STATUS_COLORS[status]} variant="filled" radius="sm">
        {t(`status.${status}`)}
      </Badge>
      {overdue && (
        <Badge color={OVERDUE_COLOR} variant="filled" radius="sm">
          {t('status.overdue')}
        </Badge>
      )}
    </Group>
  );
}
