import type { JetStreamClient, JetStreamManager, StoredMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { Subjects, type MessagingConfig } from '../config.js';

/** Header names stamped on dead letters. */
export const DeadLetterHeaders = {
  OriginalSubject: 'Cau-Original-Subject',
  Consumer: 'Cau-Consumer',
  Error: 'Cau-Error',
  Deliveries: 'Cau-Deliveries',
  FailedAt: 'Cau-Failed-At',
  StreamSequence: 'Cau-Stream-Sequence',
} as const;

/** What is known of an event that a consumer gives up on. */
export interface DeadLetterInput {
  consumer: string;
  /** Subject and stream sequence of the event in the events stream. */
  subject: string;
  seq: number;
  data: Uint8Array;
  headers?: MsgHdrs | undefined;
  error: unknown;
  /** Failed attempts (or JetStream deliveries, when JetStream gave up). */
  deliveries: number;
}

/**
 * Publishes a dead letter for one event of one consumer. The message id `dlq:<consumer>:<seq>` makes a
 * second report of the same event (the consumer's own and JetStream's advisory) one dead letter.
 */
export async function publishDeadLetter(
  js: JetStreamClient,
  subjects: Subjects,
  letter: DeadLetterInput,
): Promise<void> {
  const h = natsHeaders();
  // Keep the correlation headers; JetStream's own (Nats-Msg-Id…) would confuse the dead-letter stream.
  for (const key of letter.headers?.keys() ?? []) {
    if (key.toLowerCase().startsWith('nats-')) continue;
    for (const value of letter.headers?.values(key) ?? []) h.append(key, value);
  }
  const error = letter.error;
  h.set(DeadLetterHeaders.OriginalSubject, letter.subject);
  h.set(DeadLetterHeaders.Consumer, letter.consumer);
  h.set(DeadLetterHeaders.Error, String(error instanceof Error ? error.message : error).slice(0, 2_000));
  h.set(DeadLetterHeaders.Deliveries, String(letter.deliveries));
  h.set(DeadLetterHeaders.FailedAt, new Date().toISOString());
  h.set(DeadLetterHeaders.StreamSequence, String(letter.seq));
  await js.publish(subjects.deadLetter(letter.consumer), letter.data, {
    headers: h,
    msgID: `dlq:${letter.consumer}:${letter.seq}`,
  });
}

export interface DeadLetter {
  /** Sequence in the dead-letter stream: the handle used to replay or discard it. */
  seq: number;
  consumer: string;
  originalSubject: string;
  eventId: string | null;
  eventType: string | null;
  ticketId: string | null;
  error: string;
  deliveries: number;
  failedAt: string;
  data: Uint8Array;
}

/**
 * Reads, replays and discards dead letters. A replay goes to the failed consumer alone (its replay
 * subject), not to every subscriber of the event, and keeps the event id, so consumers that did apply
 * the event the first time are not affected, and the failed one applies it once.
 */
export class DeadLetters {
  private readonly subjects: Subjects;

  constructor(
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
    private readonly config: MessagingConfig,
  ) {
    this.subjects = new Subjects(config);
  }

  async list(filter: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const info = await this.jsm.streams.info(this.config.deadLetterStream);
    const letters: DeadLetter[] = [];
    const limit = filter.limit ?? 1_000;
    if (info.state.messages === 0) return letters;
    // An empty stream reports first_seq 0, which is not a valid message sequence.
    for (let seq = Math.max(1, info.state.first_seq); seq <= info.state.last_seq && letters.length < limit; seq++) {
      const letter = await this.get(seq);
      if (letter && (!filter.consumer || letter.consumer === filter.consumer)) letters.push(letter);
    }
    return letters;
  }

  async get(seq: number): Promise<DeadLetter | null> {
    let stored: StoredMsg | null;
    try {
      stored = await this.jsm.streams.getMessage(this.config.deadLetterStream, { seq });
    } catch (error) {
      if (/no message found|not found/i.test(String(error))) return null;
      throw error;
    }
    return stored ? toDeadLetter(stored) : null;
  }

  /** Sends the dead letter back to its consumer, then removes it from the dead-letter stream. */
  async replay(seq: number): Promise<DeadLetter> {
    const letter = await this.get(seq);
    if (!letter) throw new Error(`no dead letter with sequence ${seq}`);
    const h = natsHeaders();
    h.set(DeadLetterHeaders.OriginalSubject, letter.originalSubject);
    await this.js.publish(this.subjects.replay(letter.consumer), letter.data, {
      headers: h,
      // A fresh id: the original one is still inside JetStream's de-duplication window for a while.
      msgID: `replay:${this.config.deadLetterStream}:${seq}`,
    });
    await this.jsm.streams.deleteMessage(this.config.deadLetterStream, seq, false);
    return letter;
  }

  async discard(seq: number): Promise<boolean> {
    return this.jsm.streams.deleteMessage(this.config.deadLetterStream, seq, false);
  }
}

function toDeadLetter(stored: StoredMsg): DeadLetter {
  const header = (name: string): string => stored.header?.get(name) ?? '';
  let event: { id?: unknown; type?: unknown; ticketId?: unknown } = {};
  try {
    event = stored.json();
  } catch {
    // Poison messages may not be JSON: they are still listed and can be discarded.
  }
  return {
    seq: stored.seq,
    consumer: header(DeadLetterHeaders.Consumer),
    originalSubject: header(DeadLetterHeaders.OriginalSubject),
    eventId: typeof event.id === 'string' ? event.id : null,
    eventType: typeof event.type === 'string' ? event.type : null,
    ticketId: typeof event.ticketId === 'string' ? event.ticketId : null,
    error: header(DeadLetterHeaders.Error),
    deliveries: Number(header(DeadLetterHeaders.Deliveries) || 0),
    failedAt: header(DeadLetterHeaders.FailedAt),
    data: stored.data,
  };
}
