import { createHash } from 'node:crypto';
import type { DeliveryKind } from './delivery.js';

/**
 * The Message-ID of one mail, derived from what identifies it rather than drawn at random: a mail
 * re-sent after a crash (the server took it, our commit did not happen) carries the same id, and
 * receiving systems drop it as a duplicate. The recipient is hashed to keep addresses out of headers.
 */
export function deliveryMessageId(kind: DeliveryKind, eventId: string, recipient: string, domain: string): string {
  const recipientHash = createHash('sha1').update(recipient).digest('hex').slice(0, 12);
  return `<${kind}.${eventId}.${recipientHash}@${domain}>`;
}
