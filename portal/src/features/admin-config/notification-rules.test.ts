import { describe, expect, it } from 'vitest';
import {
  mailboxRows,
  mailboxesToSend,
  rulesByEvent,
  rulesToSend,
  validMailbox,
  type RuleState,
} from './notification-rules';

const rule = (eventType: string, recipientKind: RuleState['recipientKind'], enabled: boolean): RuleState => ({
  eventType: eventType as RuleState['eventType'],
  recipientKind,
  mailKind: 'x',
  enabled,
  essential: false,
});

describe('notification rules', () => {
  it('groups by event in the order given and sends only the enabled rules', () => {
    const rules = [
      rule('ticket.registered', 'requester', true),
      rule('ticket.escalated', 'area-mailbox', false),
      rule('ticket.registered', 'referente', false),
    ];
    expect(rulesByEvent(rules).map((g) => [g.eventType, g.rules.length])).toEqual([
      ['ticket.registered', 2],
      ['ticket.escalated', 1],
    ]);
    expect(rulesToSend(rules)).toEqual([
      { eventType: 'ticket.registered', recipientKind: 'requester', enabled: true, essential: false },
    ]);
  });

  it('lists the graph areas, then stored mailboxes of areas no longer in it', () => {
    expect(
      mailboxRows(
        [
          { code: 'L1', name: 'Mesa' },
          { code: 'UIT', name: 'Infra' },
        ],
        [
          { area: 'UIT', email: 'uit@x.gob' },
          { area: 'OLD', email: 'old@x.gob' },
        ],
      ),
    ).toEqual([
      { area: 'L1', name: 'Mesa', retired: false },
      { area: 'UIT', name: 'Infra', retired: false },
      { area: 'OLD', name: 'OLD', retired: true },
    ]);
  });

  it('treats a blank mailbox as none and checks the rest as addresses', () => {
    expect(validMailbox('  ')).toBe(true);
    expect(validMailbox(' uit@x.gob ')).toBe(true);
    expect(validMailbox('uit')).toBe(false);
    expect(mailboxesToSend({ L1: ' mesa@x.gob ', UIT: '' })).toEqual([{ area: 'L1', email: 'mesa@x.gob' }]);
  });
});
