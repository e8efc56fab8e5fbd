import { mayTurnOff } from './preference-rules.js';

describe('mayTurnOff', () => {
  it('lets anyone turn announcement mails off, and ticket mails only where a rule is not essential', () => {
    expect(mayTurnOff('announcement.published', false)).toBe(true);
    expect(mayTurnOff('ticket.closed', true)).toBe(true);
    expect(mayTurnOff('ticket.registered', false)).toBe(false);
  });
});
