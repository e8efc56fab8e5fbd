import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveTicketEvent } from '../../app/live-updates';

/** The event's kind in words; a kind added later still reads as a change, with its code. */
export function useEventKind(): (type: string) => string {
  const { t } = useTranslation();
  return (type) =>
    t(`workspaceWiring.events.${type.replace(/^ticket\./, '')}`, {
      defaultValue: t('workspaceWiring.events.other', { type }),
    });
}

/**
 * Someone else changed the ticket while this person was writing: say what and who. The page already shows
 * the fresh ticket; the text being written stays where it is (and in its draft).
 */
export function ChangedAlert({ event, onClose }: { event: LiveTicketEvent; onClose: () => void }) {
  const { t } = useTranslation();
  const kind = useEventKind();
  return (
    <Alert
      color="orange"
      variant="light"
      role="alert"
      title={t('workspaceWiring.changed.title')}
      withCloseButton
      closeButtonLabel={t('workspaceWiring.changed.close')}
      onClose={onClose}
    >
      {t('workspaceWiring.changed.body', {
        change: kind(event.type),
        name: event.by?.name ?? t('workspaceWiring.changed.someone'),
      })}
    </Alert>
  );
}
