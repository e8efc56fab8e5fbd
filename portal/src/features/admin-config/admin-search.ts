import type { paths } from '../../api/schema';

/*
 * What the configuration pages keep in their URLs. Apart from the API module so that the router reads it
 * without pulling the pages' code (or the workspace's) into the first download.
 */

type TemplatesAnswer = paths['/api/v1/notifications/templates']['get']['responses'][200]['content']['application/json'];
export type MailKind = TemplatesAnswer['kinds'][number]['kind'];
export type MailLanguage = 'es' | 'en';
type InboundAnswer = paths['/api/v1/notifications/inbound']['get']['responses'][200]['content']['application/json'];
export type InboundStatus = InboundAnswer['messages'][number]['status'];

export const MAIL_KINDS: readonly MailKind[] = [
  'ticket-registered',
  'ticket-escalated',
  'solution-returned',
  'ticket-assigned',
  'ticket-resolved',
  'review-requested',
  'review-rejected',
  'ticket-closed',
  'ticket-reopened',
  'sla-breached',
  'requester-commented',
  'staff-replied',
  'ticket-merged',
];
export const MAIL_LANGUAGES: readonly MailLanguage[] = ['es', 'en'];
export const INBOUND_STATUSES: readonly InboundStatus[] = ['received', 'processed', 'ignored', 'failed'];

/** The outgoing mails that wait for an administrator: refused for good, or of unknown outcome. */
export const UNSENT_STATUSES = ['failed', 'uncertain'] as const;
export type UnsentStatus = (typeof UNSENT_STATUSES)[number];
