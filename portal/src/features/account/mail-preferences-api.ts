import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The preference key of announcement mails (notifications' `announcement.published`). */
export const ANNOUNCEMENT_MAILS = 'announcement.published' as const;

/** The preferences stored for the signed-in person's address; a type without one is mailed. */
export const mailPreferencesQuery = queryOptions({
  queryKey: ['notifications', 'preferences'],
  queryFn: () => unwrap(api.GET('/api/v1/notifications/preferences')),
});

/** Mailed unless a stored preference turned it off. */
export function receives(items: ReadonlyArray<{ eventType: string; enabled: boolean }>, eventType: string): boolean {
  return items.find((preference) => preference.eventType === eventType)?.enabled ?? true;
}

export const setAnnouncementMails = (enabled: boolean) =>
  unwrap(api.PUT('/api/v1/notifications/preferences', { body: { eventType: ANNOUNCEMENT_MAILS, enabled } }));
