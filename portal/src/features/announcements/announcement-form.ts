import { z } from 'zod';
import type { Announcement, AnnouncementInput, AnnouncementKind, NewAnnouncement } from './announcements-api';

/** What the administrators' form holds: dates as `<input type="datetime-local">` values (local time). */
export const announcementSchema = z
  .object({
    kind: z.enum(['security-alert', 'planned-outage', 'bulletin']),
    title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    body: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
    language: z.enum(['es', 'en']),
    audience: z.enum(['everyone', 'jurisdictions']),
    jurisdictions: z.array(z.string()),
    validFrom: z.string().min(1, 'validation.required'),
    validUntil: z.string(),
    sendMail: z.boolean(),
  })
  .superRefine((values, ctx) => {
    if (values.audience === 'jurisdictions' && values.jurisdictions.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['jurisdictions'], message: 'announcements.form.pickJurisdiction' });
    }
    if (
      values.validUntil &&
      values.validFrom &&
      fromLocalInput(values.validUntil) <= fromLocalInput(values.validFrom)
    ) {
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'announcements.form.untilAfterFrom' });
    }
  });
export type AnnouncementValues = z.infer<typeof announcementSchema>;

const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as a datetime-local value in the browser's time zone (minutes). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (the browser's time zone) as an ISO instant. */
export function fromLocalInput(value: string): string {
  return new Date(value).toISOString();
}

export function defaultValues(announcement: Announcement | null, now: Date): AnnouncementValues {
  if (!announcement) {
    return {
      kind: 'bulletin',
      title: '',
      body: '',
      language: 'es',
      audience: 'everyone',
      jurisdictions: [],
      validFrom: toLocalInput(now.toISOString()),
      validUntil: '',
      sendMail: false,
    };
  }
  return {
    kind: announcement.kind,
    title: announcement.title,
    body: announcement.body,
    language: announcement.language,
    audience: announcement.audience,
    jurisdictions: announcement.jurisdictions,
    validFrom: toLocalInput(announcement.validFrom),
    validUntil: announcement.validUntil ? toLocalInput(announcement.validUntil) : '',
    sendMail: announcement.sendMail,
  };
}

/** The API's body for an edit (the whole announcement; never mailed again). */
export function toInput(values: AnnouncementValues): AnnouncementInput {
  return {
    kind: values.kind,
    title: values.title.trim(),
    body: values.body.trim(),
    language: values.language,
    audience: values.audience,
    ...(values.audience === 'jurisdictions' ? { jurisdictions: values.jurisdictions } : {}),
    validFrom: fromLocalInput(values.validFrom),
    ...(values.validUntil ? { validUntil: fromLocalInput(values.validUntil) } : {}),
  };
}

export function toNewAnnouncement(values: AnnouncementValues): NewAnnouncement {
  return { ...toInput(values), sendMail: values.sendMail };
}

export type AnnouncementStatus = 'scheduled' | 'active' | 'expired';

/** Where an announcement stands at `now`: not yet shown, shown, or past its end. */
export function announcementStatus(a: { validFrom: string; validUntil: string | null }, now: Date): AnnouncementStatus {
  if (new Date(a.validFrom).getTime() > now.getTime()) return 'scheduled';
  if (a.validUntil !== null && new Date(a.validUntil).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export const KIND_ORDER: Record<AnnouncementKind, number> = { 'security-alert': 0, 'planned-outage': 1, bulletin: 2 };
