import { Injectable } from '@nestjs/common';
import { DeliverPolicy } from '@nats-io/jetstream';
import { ServiceRuntime } from '@cau/messaging';

/** A stored event as read back from the stream. */
export interface StoredEvent {
  seq: number;
  subject: string;
  body: unknown;
}

const BATCH = 500;

/** Reads the event stream back, in stream order, with an ordered consumer that acknowledges nothing. */
@Injectable()
export class EventReplay {
  constructor(private readonly runtime: ServiceRuntime) {}

  /** The stream's last sequence now: what a replay started now has to reach. */
  async lastSeq(): Promise<number> {
    const info = await this.runtime.jsm.streams.info(this.runtime.messaging.eventsStream);
    return info.state.last_seq;
  }

  /**
   * Hands the events with sequence in [from, to] to `apply` in batches of up to 500, oldest first.
   * Replayed dead letters are left out: the event they carry is in the stream already, at its own place.
   */
  async replay(from: number, to: number, apply: (batch: StoredEvent[]) => Promise<void>): Promise<void> {
    if (from > to) return;
    const subjects = this.runtime.subjects;
    // The stream holds events only (its one subject is allEvents), so no filter is needed, nor possible with
    // the ordered consumers of NATS 2.9.
    const consumer = await this.runtime.js.consumers.get(this.runtime.messaging.eventsStream, {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: from,
    });
    const messages = await consumer.consume({ max_messages: BATCH * 2 });
    let batch: StoredEvent[] = [];
    try {
      for await (const msg of messages) {
        if (!msg.subject.startsWith(subjects.replayRoot())) {
          let body: unknown = null;
          try {
            body = msg.json();
          } catch {
            // Not JSON: the live consumer dead-lettered it; the rebuild counts it as not applicable.
          }
          batch.push({ seq: msg.seq, subject: msg.subject, body });
        }
        const last = msg.seq >= to || msg.info.pending === 0;
        if (batch.length >= BATCH || (last && batch.length > 0)) {
          await apply(batch);
          batch = [];
        }
        if (last) break;
      }
    } finally {
      await messages.close();
    }
  }
}
