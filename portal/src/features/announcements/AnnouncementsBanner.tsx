import { Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { AnnouncementCard } from './AnnouncementCard';
import { currentAnnouncementsQuery } from './announcements-api';
import { browserStore, dismiss, notDismissed, readDismissed } from './dismissals';

/**
 * The announcements for the signed-in person, on their home page (the console for the desk, "Mis
 * solicitudes" for requesters and referentes). Each can be dismissed; an error reading them shows
 * nothing (the page's own content matters more).
 */
export function AnnouncementsBanner() {
  const { t } = useTranslation();
  const account = useSession();
  const current = useQuery(currentAnnouncementsQuery);
  const accountId = account?.id ?? 'anonymous';
  const [dismissed, setDismissed] = useState(() => readDismissed(browserStore(), accountId));
  const items = current.data?.items ?? [];
  const shown = notDismissed(items, dismissed);
  if (shown.length === 0) return null;
  return (
    <Stack gap="sm" component="section" aria-label={t('announcements.region')}>
      {shown.map((announcement) => (
        <AnnouncementCard
          key={announcement.id}
          announcement={announcement}
          onDismiss={() => setDismissed(dismiss(browserStore(), accountId, announcement, items))}
        />
      ))}
    </Stack>
  );
}
