import { Anchor } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { f01Url } from './service-log-api';

/** The ticket's F01 "Atención a Usuarios de la Unidad" (PDF), for the workspace and the requester's ticket page. */
export function F01Link({ ticketNumber }: { ticketNumber: number }) {
  const { t } = useTranslation();
  return (
    <Anchor
      href={f01Url(ticketNumber)}
      download
      size="sm"
      aria-label={t('serviceLog.f01Label', { number: ticketNumber })}
    >
      {t('serviceLog.f01')}
    </Anchor>
  );
}
