import type { FieldProblem, NotificationRuleStateV1, NotificationRuleV1 } from '@cau/contracts';
import type { RuleMail } from '../ticket-mails/ticket-mail-plans.js';

const pairOf = (rule: { eventType: string; recipientKind: string }) => `${rule.eventType}→${rule.recipientKind}`;

/** An edit names only pairs the service has a mail for, each once. */
export function ruleProblems(rules: readonly NotificationRuleV1[], mails: readonly RuleMail[]): FieldProblem[] {
  const known = new Set(mails.map(pairOf));
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  rules.forEach((rule, index) => {
    const pair = pairOf(rule);
    if (!known.has(pair)) {
      problems.push({
        field: `rules.${index}`,
        constraint: 'noSuchMail',
        params: [rule.eventType, rule.recipientKind],
      });
    } else if (seen.has(pair)) {
      problems.push({
        field: `rules.${index}`,
        constraint: 'duplicateRule',
        params: [rule.eventType, rule.recipientKind],
      });
    }
    seen.add(pair);
  });
  return problems;
}

/** Every pair with a mail, as stored; a pair without a row mails nobody. */
export function ruleStates(
  stored: readonly NotificationRuleV1[],
  mails: readonly RuleMail[],
): NotificationRuleStateV1[] {
  const byPair = new Map(stored.map((rule) => [pairOf(rule), rule]));
  return mails.map(({ eventType, recipientKind, mailKind }) => {
    const rule = byPair.get(pairOf({ eventType, recipientKind }));
    return { eventType, recipientKind, mailKind, enabled: rule?.enabled ?? false, essential: rule?.essential ?? false };
  });
}

/** One address per area. */
export function mailboxProblems(mailboxes: ReadonlyArray<{ area: string }>): FieldProblem[] {
  const seen = new Set<string>();
  const problems: FieldProblem[] = [];
  mailboxes.forEach(({ area }, index) => {
    if (seen.has(area))
      problems.push({ field: `mailboxes.${index}.area`, constraint: 'duplicateArea', params: [area] });
    seen.add(area);
  });
  return problems;
}
