import type { JsMsg } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/transport-node';

/** How a consumer settles a message it was delivered (JetStream's acknowledgement protocol). */
export type Settlement = { kind: 'ack' } | { kind: 'nak'; delayMs?: number } | { kind: 'term'; reason: string };

export function applySettlement(msg: JsMsg, settlement: Settlement): void {
  if (settlement.kind === 'ack') msg.ack();
  else if (settlement.kind === 'nak') msg.nak(settlement.delayMs);
  else msg.term(settlement.reason);
}

/** The reply JetStream expects for a settlement, as the client library writes it. */
function settlementPayload(settlement: Settlement): string {
  if (settlement.kind === 'ack') return '+ACK';
  if (settlement.kind === 'term') return settlement.reason ? `+TERM ${settlement.reason}` : '+TERM';
  return settlement.delayMs ? `-NAK ${JSON.stringify({ delay: nanos(settlement.delayMs) })}` : '-NAK';
}

/**
 * The message's reply subject, where its settlement goes. The client library keeps it on its message
 * object without declaring it (`JsMsg` has no `reply`); without it a settlement cannot be sent again.
 */
function replySubject(msg: JsMsg): string | null {
  const reply = (msg as { reply?: unknown }).reply;
  return typeof reply === 'string' && reply.length > 0 ? reply : null;
}

interface SentSettlement {
  reply: string;
  payload: string;
  sentAt: number;
}

/**
 * The settlements a consumer sent that NATS may not have: the client library drops everything it
 * buffered while disconnected when it reconnects, and a server killed right after reading an ack may not
 * have stored it. JetStream then holds those events as unacknowledged for the whole ack wait (a minute)
 * before redelivering them, and a consumer whose `max_ack_pending` they fill gets nothing more meanwhile:
 * after a NATS restart the platform stalled for up to a minute. So settlements are kept until a PING sent
 * after them was answered and a grace period for the server to store them has passed, and sent again
 * (same reply subject) once the connection is back; JetStream ignores a second settlement of a message.
 */
export class UnconfirmedSettlements {
  private readonly sent: SentSettlement[] = [];
  private confirming = false;

  constructor(
    private readonly nc: Pick<NatsConnection, 'publish' | 'flush'>,
    /** How long after NATS read a settlement it is still sent again after a reconnection. */
    private readonly graceMs = 2_000,
  ) {}

  get size(): number {
    return this.sent.length;
  }

  record(msg: JsMsg, settlement: Settlement): void {
    const reply = replySubject(msg);
    if (reply) this.sent.push({ reply, payload: settlementPayload(settlement), sentAt: Date.now() });
  }

  /** Forgets what the server read more than the grace period ago (one PING; none while one is out). */
  async confirm(): Promise<void> {
    if (this.confirming || this.sent.length === 0) return;
    this.confirming = true;
    const pingedAt = Date.now();
    try {
      await this.nc.flush();
      const stored = this.sent.findIndex((s) => s.sentAt > pingedAt - this.graceMs);
      this.sent.splice(0, stored === -1 ? this.sent.length : stored);
    } catch {
      // Disconnected: what was sent stays, to be sent again on reconnection.
    } finally {
      this.confirming = false;
    }
  }

  /** Sends every kept settlement again, on the connection just re-established. */
  resend(): number {
    for (const { reply, payload } of this.sent) {
      try {
        this.nc.publish(reply, payload);
      } catch {
        // Closed or disconnected again: kept, and sent at the next reconnection.
      }
    }
    return this.sent.length;
  }
}
