import { Events } from '@cau/contracts';
import { checkOwnEvent } from './own-event.js';

const envelope = {
  id: '5b0f1f4e-8f0e-4c43-9d1e-2f4b0c1d2e3f',
  type: Events.TicketRouted.type,
  version: Events.TicketRouted.version,
  occurredAt: '2026-12-05T04:00:00.000Z',
  ticketId: '0d9c8b7a-6f5e-4d3c-8b2a-1f0e9d8c7b6a',
  source: 'routing',
  sequence: 2,
  correlationId: 'c-1',
  causationId: null,
  data: { anything: 'the outbox validated it' },
};

describe('checkOwnEvent', () => {
  it('accepts a well-formed envelope of the handler’s type and version and hands it over as it is', () => {
    const checked = checkOwnEvent(Events.TicketRouted, envelope);
    expect(checked).toEqual({ ok: true, value: envelope });
  });

  it('accepts an event without a ticket or a cause', () => {
    expect(checkOwnEvent(Events.TicketRouted, { ...envelope, ticketId: null, causationId: undefined }).ok).toBe(true);
  });

  it('refuses another type or another version of the contract', () => {
    expect(checkOwnEvent(Events.TicketRegistered, envelope)).toEqual({
      ok: false,
      problems: [{ field: 'type', constraint: 'isIn', params: [[Events.TicketRegistered.type]] }],
    });
    const other = checkOwnEvent(Events.TicketRouted, { ...envelope, version: Events.TicketRouted.version + 1 });
    expect(other.ok ? [] : other.problems.map((p) => p.field)).toEqual(['version']);
  });

  it('names every broken envelope field', () => {
    const checked = checkOwnEvent(Events.TicketRouted, {
      ...envelope,
      id: 'nope',
      occurredAt: 7,
      ticketId: 'x',
      source: null,
      sequence: -1,
      correlationId: undefined,
      causationId: 3,
      data: [],
    });
    expect(checked.ok ? [] : checked.problems.map((p) => p.field)).toEqual([
      'id',
      'occurredAt',
      'ticketId',
      'source',
      'sequence',
      'correlationId',
      'causationId',
      'data',
    ]);
  });

  it('refuses a body that is not an object', () => {
    for (const body of [null, 'text', 3, [envelope]]) expect(checkOwnEvent(Events.TicketRouted, body).ok).toBe(false);
  });
});
