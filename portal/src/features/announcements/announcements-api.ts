import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type NewAnnouncement = Schemas['NewAnnouncementInputV1'];
export type AnnouncementInput = Schemas['AnnouncementInputV1'];
type AnnouncementList = Awaited<ReturnType<typeof fetchCurrent>>;
export type Announcement = AnnouncementList['items'][number];
export type AnnouncementKind = Announcement['kind'];

export const ANNOUNCEMENT_KINDS: readonly AnnouncementKind[] = ['security-alert', 'planned-outage', 'bulletin'];

const fetchCurrent = () => unwrap(api.GET('/api/v1/announcements/current'));

/** The announcements for the signed-in person now; read again every few minutes (a new alert shows up). */
export const currentAnnouncementsQuery = queryOptions({
  queryKey: ['announcements', 'current'],
  queryFn: fetchCurrent,
  staleTime: 60_000,
  refetchInterval: 5 * 60_000,
});

/** Administrators: every announcement not withdrawn. */
export const adminAnnouncementsQuery = queryOptions({
  queryKey: ['announcements', 'all'],
  queryFn: () => unwrap(api.GET('/api/v1/announcements')),
});

export const createAnnouncement = (body: NewAnnouncement) => unwrap(api.POST('/api/v1/announcements', { body }));

export const updateAnnouncement = (id: string, body: AnnouncementInput) =>
  unwrap(api.PUT('/api/v1/announcements/{id}', { params: { path: { id } }, body }));

export const withdrawAnnouncement = (id: string) =>
  unwrap(api.POST('/api/v1/announcements/{id}/withdrawal', { params: { path: { id } } }));

/** After a change: the administrators' list and what the home pages show. */
export async function announcementsChanged(queryClient: QueryClient): Promise<void> {
  await queryClient.invalidateQueries({ queryKey: ['announcements'] });
}
