import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestInfrastructure, repoRoot, waitFor, type TestInfrastructure } from '@cau/testing';
import type { EventEnvelope } from '@cau/contracts';
import { DeadLetters, EventPositions, MessagingMetrics, OutboxRelay } from '../src/index.js';
import {
  NoteAdded,
  SCHEMA,
  appliedTexts,
  commitNote,
  newRelay,
  openHarness,
  relayOptions,
  recordingConsumer,
  type Harness,
} from './fixtures/messaging-harness.js';

describe('messaging: outbox, relay, durable consumers, dead letters', () => {
  let infra: TestInfrastructure;
  let h: Harness;

  beforeAll(async () => {
    infra = await createTestInfrastructure('messaging');
    h = await openHarness(infra);
  });

  afterAll(async () => {
    await h?.close();
    await infra?.cleanup();
  });

  it('never delivers an event whose transaction rolled back, and delivers the committed one', async () => {
    const relay = newRelay(h, infra.database.url);
    const consumer = recordingConsumer(h, 'rollback');
    await relay.start();
    await consumer.start();
    try {
      await expect(
        h.dataSource.transaction(async (tx) => {
          const ticketId = randomUUID();
          await h.outbox.append(tx, {
            definition: NoteAdded,
            ticketId,
            data: { ticketId, text: 'rb-rolled-back', order: 1 },
          });
          throw new Error('the state change failed');
        }),
      ).rejects.toThrow('the state change failed');
      await commitNote(h, 'rb-committed');
      await waitFor(async () => (await appliedTexts(h, 'rollback', 'rb-')).includes('rb-committed'), {
        what: 'committed event',
      });
      // Give the rolled-back one every chance to show up: it must not.
      await new Promise((r) => setTimeout(r, 500));
      expect(await appliedTexts(h, 'rollback', 'rb-')).toEqual(['rb-committed']);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it("publishes a commit's events when its notification arrives, without waiting for the relay's poll", async () => {
    // Polling only once a minute: within the test's waits, only the commit's pg_notify can wake the relay.
    const relay = new OutboxRelay({ ...relayOptions(h, infra.database.url), pollIntervalMs: 60_000 });
    const consumer = recordingConsumer(h, 'notified');
    await relay.start();
    await consumer.start();
    try {
      // The first note may be published by the relay's first pass; the second comes after that pass for sure.
      for (const text of ['ntf-first', 'ntf-second']) {
        await commitNote(h, text);
        await waitFor(async () => (await appliedTexts(h, 'notified', 'ntf-')).includes(text), {
          what: `${text} published on its notification`,
          timeoutMs: 20_000,
        });
      }
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it('publishes at once a transaction that commits after a later-written one was published (positions out of order)', async () => {
    const relay = new OutboxRelay({ ...relayOptions(h, infra.database.url), pollIntervalMs: 60_000 });
    const consumer = recordingConsumer(h, 'out-of-order');
    await relay.start();
    await consumer.start();
    try {
      await commitNote(h, 'ooo-warm-up');
      await waitFor(async () => (await appliedTexts(h, 'out-of-order', 'ooo-')).includes('ooo-warm-up'));
      // The earlier transaction takes its outbox position first and commits last.
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      let written = (): void => undefined;
      const positionTaken = new Promise<void>((resolve) => (written = resolve));
      const earlier = h.dataSource.transaction(async (tx) => {
        const ticketId = randomUUID();
        await h.outbox.append(tx, {
          definition: NoteAdded,
          ticketId,
          data: { ticketId, text: 'ooo-earlier', order: 1 },
        });
        written();
        await held;
      });
      await positionTaken;
      await commitNote(h, 'ooo-later');
      await waitFor(async () => (await appliedTexts(h, 'out-of-order', 'ooo-')).includes('ooo-later'), {
        what: 'the later transaction published',
      });
      release();
      await earlier;
      await waitFor(async () => (await appliedTexts(h, 'out-of-order', 'ooo-')).includes('ooo-earlier'), {
        what: 'the earlier position published on its own notification, not at the next poll',
        timeoutMs: 20_000,
      });
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });

  it("numbers each ticket's events consecutively in the order given, across transactions, and stores those numbers", async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    const note = (ticketId: string | null, text: string) => ({
      definition: NoteAdded,
      ticketId,
      data: { ticketId: ticketId ?? randomUUID(), text, order: 1 },
    });
    const first = await h.dataSource.transaction((tx) =>
      h.outbox.appendMany(tx, [
        note(a, 'seq-a1'),
        note(b, 'seq-b1'),
        note(a, 'seq-a2'),
        note(null, 'seq-none'),
        note(a, 'seq-a3'),
      ]),
    );
    const second = await h.dataSource.transaction((tx) =>
      h.outbox.appendMany(tx, [note(b, 'seq-b2'), note(a, 'seq-a4')]),
    );
    const numbered = [...first, ...second].map((e) => [(e.data as { text: string }).text, e.sequence]);
    expect(numbered).toEqual([
      ['seq-a1', 1],
      ['seq-b1', 1],
      ['seq-a2', 2],
      ['seq-none', 0],
      ['seq-a3', 3],
      ['seq-b2', 2],
      ['seq-a4', 4],
    ]);
    const ids = [...first, ...second].map((e) => e.id);
    const stored: Array<{ envelope: EventEnvelope }> = await h.dataSource.query(
      `SELECT envelope FROM "${SCHEMA}".outbox WHERE event_id = ANY($1::uuid[]) ORDER BY seq`,
      [ids],
    );
    await h.dataSource.query(`DELETE FROM "${SCHEMA}".outbox WHERE event_id = ANY($1::uuid[])`, [ids]);
    // Stored in the order given (the relay publishes by position), each with the number it was answered with.
    expect(stored.map((row) => [(row.envelope.data as { text: string }).text, row.envelope.sequence])).toEqual(
      numbered,
    );
  });

  it('delivers events committed while no relay ran (relay killed between commit and publish)', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `offline-${String(i).padStart(2, '0')}`);
    for (const text of texts) await commitNote(h, text);
    const pending = await h.dataSource.query(`SELECT count(*)::int AS n FROM "${SCHEMA}".outbox`);
    expect(pending[0].n).toBe(20);
    const consumer = recordingConsumer(h, 'offline');
    await consumer.start();
    const relay = newRelay(h, infra.database.url);
    await relay.start();
    try {
      await waitFor(async () => (await appliedTexts(h, 'offline', 'offline-')).length === 20, { what: '20 events' });
      expect(await appliedTexts(h, 'offline', 'offline-')).toEqual(texts);
    } finally {
      await relay.stop();
      await consumer.stop();
    }
  });

  it('loses nothing and duplicates nothing when the relay process is SIGKILLed mid-stream', async () => {
    const consumer = recordingConsumer(h, 'killed-relay');
    await consumer.start();
    const script = path.join(repoRoot(), 'libs', 'messaging', 'test', 'fixtures', 'relay-process.mjs');
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...infra.env, RELAY_SCHEMA: SCHEMA },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let childOutput = '';
    child.stdout.on('data', (c: Buffer) => (childOutput += c.toString()));
    child.stderr.on('data', (c: Buffer) => (childOutput += c.toString()));
    try {
      await waitFor(async () => childOutput.includes('relay started'), { what: `relay process start: ${childOutput}` });
      const texts: string[] = [];
      for (let i = 0; i < 200; i++) {
        const text = `kill-${String(i).padStart(3, '0')}`;
        texts.push(text);
        await commitNote(h, text);
        if (i === 100) child.kill('SIGKILL');
      }
      const relay = newRelay(h, infra.database.url);
      await relay.start();
      try {
        await waitFor(async () => (await appliedTexts(h, 'killed-relay', 'kill-')).length >= 200, {
          what: '200 events',
        });
        await new Promise((r) => setTimeout(r, 300));
        expect(await appliedTexts(h, 'killed-relay', 'kill-')).toEqual(texts);
      } finally {
        await relay.stop();
      }
    } finally {
      child.kill('SIGKILL');
      await consumer.stop();
    }
  });

  it('shares the outbox between several relay instances without publishing anything twice', async () => {
    const metrics = new MessagingMetrics('relay-test');
    const relays = [newRelay(h, infra.database.url, metrics), newRelay(h, infra.database.url, metrics)];
    const consumer = recordingConsumer(h, 'two-relays');
    await consumer.start();
    for (const relay of relays) await relay.start();
    try {
      // 25 at a time: 300 at once queue on the pool past its connect time-out when commits are slow (a busy
      // disk), which failed the test without saying anything about the relays.
      for (let start = 0; start < 300; start += 25) {
        await Promise.all(
          Array.from({ length: 25 }, (_, i) => commitNote(h, `pair-${String(start + i).padStart(3, '0')}`)),
        );
      }
      await waitFor(async () => (await appliedTexts(h, 'two-relays', 'pair-')).length === 300, { what: '300 events' });
      const published = (await metrics.outboxPublished.get()).values.reduce((sum, v) => sum + v.value, 0);
      expect(published).toBe(300);
    } finally {
      for (const relay of relays) await relay.stop();
      await consumer.stop();
    }
  });

  it('applies a redelivered event once (inbox), even when JetStream holds it twice', async () => {
    const consumer = recordingConsumer(h, 'redelivery');
    await consumer.start();
    try {
      const ticketId = randomUUID();
      const envelope = {
        id: randomUUID(),
        type: NoteAdded.type,
        version: 1,
        occurredAt: new Date().toISOString(),
        ticketId,
        source: 'test-producer',
        sequence: 1,
        correlationId: 'c',
        causationId: null,
        data: { ticketId, text: 'redo-twice', order: 1 },
      };
      // Different message ids defeat JetStream's de-duplication: the consumer sees it twice.
      await h.js.publish(h.subjects.event(NoteAdded.type), JSON.stringify(envelope), { msgID: randomUUID() });
      await h.js.publish(h.subjects.event(NoteAdded.type), JSON.stringify(envelope), { msgID: randomUUID() });
      await commitNote(h, 'redo-marker');
      const relay = newRelay(h, infra.database.url);
      await relay.start();
      await waitFor(async () => (await appliedTexts(h, 'redelivery', 'redo-')).includes('redo-marker'), {
        what: 'redo-marker',
      });
      await relay.stop();
      expect(await appliedTexts(h, 'redelivery', 'redo-')).toEqual(['redo-marker', 'redo-twice']);
    } finally {
      await consumer.stop();
    }
  });

  it('dead-letters an event after N failed attempts, keeps others flowing, and replays it to that consumer only', async () => {
    const failFor = new Set(['dlq-poison-pill']);
    const failing = recordingConsumer(h, 'fragile', { failFor, maxAttempts: 3, backoffMs: [50] });
    const healthy = recordingConsumer(h, 'sturdy');
    await failing.start();
    await healthy.start();
    const relay = newRelay(h, infra.database.url);
    await relay.start();
    const letters = new DeadLetters(h.jsm, h.js, h.config);
    try {
      await commitNote(h, 'dlq-poison-pill');
      await commitNote(h, 'dlq-after-poison');
      await waitFor(async () => (await appliedTexts(h, 'fragile', 'dlq-')).includes('dlq-after-poison'), {
        what: 'later event',
      });
      const parked = await waitFor(
        async () => (await letters.list({ consumer: 'fragile' })).find((l) => l.eventType === NoteAdded.type),
        { what: 'dead letter' },
      );
      expect(parked.deliveries).toBe(3);
      expect(parked.error).toContain('cannot apply dlq-poison-pill');
      expect(await appliedTexts(h, 'sturdy', 'dlq-')).toEqual(['dlq-after-poison', 'dlq-poison-pill']);

      failFor.clear(); // the bug is fixed: replay
      await letters.replay(parked.seq);
      await waitFor(async () => (await appliedTexts(h, 'fragile', 'dlq-')).includes('dlq-poison-pill'), {
        what: 'replayed event',
      });
      expect(await letters.list({ consumer: 'fragile' })).toEqual([]);
      await new Promise((r) => setTimeout(r, 300));
      // The healthy consumer ignored the replay: still one copy each.
      expect(await appliedTexts(h, 'sturdy', 'dlq-')).toEqual(['dlq-after-poison', 'dlq-poison-pill']);
      expect(await appliedTexts(h, 'fragile', 'dlq-')).toEqual(['dlq-after-poison', 'dlq-poison-pill']);
    } finally {
      await relay.stop();
      await failing.stop();
      await healthy.stop();
    }
  });

  it('dead-letters a malformed event at once instead of retrying it', async () => {
    const consumer = recordingConsumer(h, 'strict');
    await consumer.start();
    const letters = new DeadLetters(h.jsm, h.js, h.config);
    try {
      const bad = { id: randomUUID(), type: NoteAdded.type, version: 1, data: { text: 42 } };
      await h.js.publish(h.subjects.event(NoteAdded.type), JSON.stringify(bad), { msgID: randomUUID() });
      const parked = await waitFor(async () => (await letters.list({ consumer: 'strict' }))[0], {
        what: 'dead letter',
      });
      expect(parked.deliveries).toBe(1);
      expect(parked.error).toMatch(/invalid test.note-added/);
    } finally {
      await consumer.stop();
    }
  });

  it('never lets an older event overwrite newer per-ticket state', async () => {
    const positions = new EventPositions(SCHEMA);
    const ticketId = randomUUID();
    const apply = (sequence: number, source = 'routing') =>
      h.dataSource.transaction(async (tx) => {
        if (!(await positions.advance(tx, { ticketId, source, sequence }))) return false;
        await tx.query(
          `INSERT INTO "${SCHEMA}".notes (ticket_id, latest_order) VALUES ($1, $2)
           ON CONFLICT (ticket_id) DO UPDATE SET latest_order = EXCLUDED.latest_order`,
          [ticketId, sequence],
        );
        return true;
      });
    expect(await apply(2)).toBe(true);
    expect(await apply(1)).toBe(false); // late, older
    expect(await apply(2)).toBe(false); // same again
    expect(await apply(3)).toBe(true);
    expect(await apply(1, 'intake')).toBe(true); // another producer's numbering is independent
    const rows = await h.dataSource.query(`SELECT latest_order FROM "${SCHEMA}".notes WHERE ticket_id = $1`, [
      ticketId,
    ]);
    expect(rows[0].latest_order).toBe(1);
  });

  it('advances several positions in one statement, answering each in order', async () => {
    const positions = new EventPositions(SCHEMA);
    const ticketId = randomUUID();
    const advance = (list: Array<{ source: string; sequence: number }>) =>
      h.dataSource.transaction((tx) =>
        positions.advanceAll(
          tx,
          list.map((p) => ({ ticketId, ...p })),
        ),
      );
    expect(await advance([{ source: 'routing', sequence: 2 }])).toEqual([true]);
    expect(
      await advance([
        { source: 'routing', sequence: 1 },
        { source: 'routing:priority', sequence: 1 },
      ]),
    ).toEqual([false, true]);
    expect(
      await advance([
        { source: 'routing:priority', sequence: 1 },
        { source: 'routing', sequence: 3 },
      ]),
    ).toEqual([false, true]);
    expect(
      await h.dataSource.transaction((tx) =>
        positions.advanceAll(tx, [
          { ticketId: null, source: 'routing', sequence: 1 },
          { ticketId, source: 'routing', sequence: 3 },
        ]),
      ),
    ).toEqual([true, false]);
  });
});
