import { NOTIFIED_EVENT_TYPES as ACCEPTED_BY_CONTRACT } from '@cau/contracts';
import { NOTIFIED_EVENT_TYPES } from './ticket-mail-plans.js';

describe('mail plans and the preferences contract', () => {
  it('accept opt-outs for exactly the event types that have mail plans', () => {
    // The contract lists them for validation at the gateway; the plans are what actually sends mail.
    expect([...ACCEPTED_BY_CONTRACT].sort()).toEqual([...NOTIFIED_EVENT_TYPES].sort());
  });
});
