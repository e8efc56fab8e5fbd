import { DeliveryKind } from './delivery.js';
import { deliveryMessageId } from './message-id.js';

describe('delivery Message-ID', () => {
  const eventId = '6f1c9a52-54d5-4c3e-9d0a-0d7a1f0b8e11';

  it('is derived from the event and the recipient only', () => {
    const id = deliveryMessageId(DeliveryKind.TicketRegistered, eventId, 'maria@salud.gob', 'cau.example.gob');
    expect(id).toMatch(new RegExp(`^<ticket-registered\\.${eventId}\\.[0-9a-f]{12}@cau\\.example\\.gob>$`));
    expect(deliveryMessageId(DeliveryKind.TicketRegistered, eventId, 'maria@salud.gob', 'cau.example.gob')).toBe(id);
  });

  it('differs per recipient and keeps the address out of the header', () => {
    const a = deliveryMessageId(DeliveryKind.TicketRegistered, eventId, 'maria@salud.gob', 'x.gob');
    const b = deliveryMessageId(DeliveryKind.TicketRegistered, eventId, 'jose@salud.gob', 'x.gob');
    expect(a).not.toBe(b);
    expect(a).not.toContain('maria');
  });
});
