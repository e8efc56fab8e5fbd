import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type RuleState =
  paths['/api/v1/notifications/rules']['get']['responses'][200]['content']['application/json']['rules'][number];
export type RuleInput = Schemas['NotificationRuleV1'];
export type AreaMailbox = Schemas['AreaMailboxV1'];

export const notificationRulesQuery = queryOptions({
  queryKey: ['admin', 'notification-rules'],
  queryFn: () => unwrap(api.GET('/api/v1/notifications/rules')),
});

export const areaMailboxesQuery = queryOptions({
  queryKey: ['admin', 'area-mailboxes'],
  queryFn: () => unwrap(api.GET('/api/v1/notifications/area-mailboxes')),
});

export const ruleKey = (rule: { eventType: string; recipientKind: string }) =>
  `${rule.eventType}→${rule.recipientKind}`;

/** The rules grouped by event type, in the order the service lists them (a ticket's life). */
export function rulesByEvent(rules: readonly RuleState[]): Array<{ eventType: string; rules: RuleState[] }> {
  const groups = new Map<string, RuleState[]>();
  for (const rule of rules) groups.set(rule.eventType, [...(groups.get(rule.eventType) ?? []), rule]);
  return [...groups].map(([eventType, grouped]) => ({ eventType, rules: grouped }));
}

/** What an edit sends: the enabled rules (a pair left out mails nobody). */
export function rulesToSend(rules: readonly RuleState[]): RuleInput[] {
  return rules
    .filter((rule) => rule.enabled)
    .map(({ eventType, recipientKind, enabled, essential }) => ({ eventType, recipientKind, enabled, essential }));
}

const email = z.email();

export interface MailboxRow {
  area: string;
  name: string;
  /** Stored for an area the escalation graph no longer has. */
  retired: boolean;
}

/** The graph's areas in its order, then areas that still have a stored mailbox but left the graph. */
export function mailboxRows(
  areas: ReadonlyArray<{ code: string; name: string }>,
  stored: readonly AreaMailbox[],
): MailboxRow[] {
  const known = new Set(areas.map((a) => a.code));
  return [
    ...areas.map((a) => ({ area: a.code, name: a.name, retired: false })),
    ...stored.filter((m) => !known.has(m.area)).map((m) => ({ area: m.area, name: m.area, retired: true })),
  ];
}

/** Blank means no mailbox; anything else must be an address. */
export const validMailbox = (value: string) => value.trim() === '' || email.safeParse(value.trim()).success;

export function mailboxesToSend(values: Readonly<Record<string, string>>): AreaMailbox[] {
  return Object.entries(values)
    .filter(([, value]) => value.trim() !== '')
    .map(([area, value]) => ({ area, email: value.trim() }));
}
