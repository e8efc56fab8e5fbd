// Notifications benchmark: the real notifications service (spawned from its build) reads ticket events
// from JetStream and mails a local SMTP server. Registrations go first, so the tickets exist; then the
// lifecycle events (escalated, solution returned, resolved, closed, reopened) are published at a fixed
// rate. Prints mails/s and the lag from each event's publication to its mail being accepted by SMTP.
// Options: --events 10000 --rate 200 (events/s) --tickets 2000
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Events, ProcedureEvents } from '@cau/contracts';
import { Subjects, messagingConfigFromEnv } from '@cau/messaging';
import { allocatePort, createTestInfrastructure, spawnService, waitFor } from '@cau/testing';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    rate: { type: 'string', default: '200' },
    tickets: { type: 'string', default: '2000' },
  },
});
const totalEvents = Number(values.events);
const rate = Number(values.rate);
const ticketCount = Math.min(Number(values.tickets), totalEvents);

/** Each lifecycle event and the mails it gives with the addresses below. */
const STEPS = [
  { definition: ProcedureEvents.TicketEscalated, mails: 1 }, // the UIT mailbox
  { definition: ProcedureEvents.SolutionReturned, mails: 1 }, // the L1 mailbox
  { definition: ProcedureEvents.TicketResolved, mails: 2 }, // the requester and the supervisor
  { definition: ProcedureEvents.TicketClosed, mails: 1 }, // the requester
  { definition: ProcedureEvents.TicketReopened, mails: 1 }, // the requester
];

// A counting SMTP server that notes when each message was accepted, by the event id in its Message-ID
// (`<kind.eventId.hash@domain>`), without parsing the rest.
const accepted = new Map(); // `${eventId} ${recipient}` → ms since epoch
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    let head = '';
    stream.on('data', (chunk) => {
      if (head.length < 4096) head += chunk.toString('latin1');
    });
    stream.on('end', () => {
      const at = Date.now();
      // Nodemailer folds the long Message-ID header onto a second line.
      const eventId = /^Message-ID:\s*<[a-z-]+\.([0-9a-f-]{36})\./im.exec(head)?.[1] ?? 'unknown';
      for (const rcpt of session.envelope.rcptTo) accepted.set(`${eventId} ${rcpt.address}`, at);
      callback();
    });
  },
});
await new Promise((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpPort = smtp.server.address().port;

const infra = await createTestInfrastructure('benchnotif');
const env = {
  ...infra.env,
  LOG_LEVEL: 'warn',
  SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
  MAIL_FROM: '"CAU Mesa de Servicios" <mesa@bench.test>',
  AREA_MAILBOXES: 'UIT=uit@bench.test,L1=mesa@bench.test',
  SUPERVISOR_EMAILS: 'supervisora@bench.test',
};
console.log('Starting the notifications service…');
const service = await spawnService('notifications', env, allocatePort());
const nc = await connect({ servers: env.NATS_URL });
const js = jetstream(nc);
const subjects = new Subjects(messagingConfigFromEnv(env));

const by = (name, role) => ({ accountId: randomUUID(), name, role });
const operator = by('Olga Operadora', 'operator');
const agent = by('Agente UIT', 'agent');
const supervisor = by('Susana Supervisora', 'supervisor');

function envelope(definition, ticket, data, sequence) {
  return {
    id: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    ticketId: ticket.ticketId,
    source: 'bench',
    sequence,
    correlationId: randomUUID(),
    causationId: null,
    data: { ticketId: ticket.ticketId, number: ticket.number, ...data },
  };
}

const tickets = Array.from({ length: ticketCount }, (_, i) => ({
  ticketId: randomUUID(),
  number: i + 1,
  requester: { email: `persona${i}@bench.test`, name: `Persona ${i}` },
}));

function registration(ticket) {
  return envelope(
    Events.TicketRegistered,
    ticket,
    {
      registeredAt: new Date().toISOString(),
      channel: 'telefono',
      requesterId: randomUUID(),
      requester: ticket.requester,
      registeredBy: operator,
      jurisdiction: 'SALUD',
      title: `La impresora ${ticket.number} no imprime`,
      description: 'Sale la hoja en blanco.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'medio',
      urgency: 'alta',
      attachments: [],
    },
    1,
  );
}

function lifecycleEvent(step, ticket, sequence) {
  const at = new Date().toISOString();
  const steps = {
    'ticket.escalated': () => ({
      derivationId: randomUUID(),
      from: 'L1',
      to: 'UIT',
      kind: 'escalate',
      by: operator,
      at,
      reason: 'Caída del servidor de impresión',
    }),
    'ticket.solution-returned': () => ({
      derivationId: randomUUID(),
      from: 'UIT',
      to: 'L1',
      kind: 'return',
      by: agent,
      at,
      reason: 'Servidor reiniciado',
    }),
    'ticket.resolved': () => ({
      area: 'L1',
      status: 'resuelto',
      by: operator,
      at,
      verifiedWithRequester: true,
      solution: 'Se reinició el servidor de impresión.\nVerifique que imprime.',
    }),
    'ticket.closed': () => ({
      area: 'L1',
      status: 'cerrado',
      by: supervisor,
      at,
      resolutionBusinessMinutes: 60,
      resolutionCalendarMinutes: 60,
    }),
    'ticket.reopened': () => ({ area: 'L1', status: 'en_curso', by: operator, at, reason: 'Sigue sin imprimir' }),
  };
  return envelope(step.definition, ticket, steps[step.definition.type](), sequence);
}

async function publish(definition, event) {
  await js.publish(subjects.event(event.type, definition.areaOf?.(event.data)), JSON.stringify(event), {
    msgID: event.id,
  });
}

/** Publishes `count` events at `perSecond`, each built just before it is sent; returns publish errors. */
async function paced(count, perSecond, next) {
  const started = performance.now();
  const inFlight = new Set();
  let errors = 0;
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const { definition, event, onPublish } = next(i);
    onPublish(Date.now());
    const sent = publish(definition, event).catch(() => {
      errors++;
    });
    inFlight.add(sent);
    void sent.finally(() => inFlight.delete(sent));
  }
  await Promise.all(inFlight);
  return { errors, seconds: (performance.now() - started) / 1000 };
}

async function waitForMails(expected, timeoutMs) {
  try {
    await waitFor(() => Promise.resolve(accepted.size >= expected), { timeoutMs, intervalMs: 100, what: 'mails' });
    return true;
  } catch {
    return false;
  }
}

console.log(`Registering ${ticketCount} tickets…`);
const registrationErrors = (
  await paced(ticketCount, 1000, (i) => ({
    definition: Events.TicketRegistered,
    event: registration(tickets[i]),
    onPublish: () => undefined,
  }))
).errors;
const registered = await waitForMails(ticketCount, 120_000);
accepted.clear();

const published = new Map(); // eventId → { at, mails }
const perTicketStep = Math.ceil(totalEvents / ticketCount);
let expectedMails = 0;
console.log(`Publishing ${totalEvents} lifecycle events at ${rate} events/s…`);
const load = await paced(totalEvents, rate, (i) => {
  const ticket = tickets[i % ticketCount];
  const step = STEPS[Math.floor(i / ticketCount) % STEPS.length];
  const event = lifecycleEvent(step, ticket, Math.floor(i / ticketCount) + 2);
  expectedMails += step.mails;
  return {
    definition: step.definition,
    event,
    onPublish: (at) => published.set(event.id, { at, mails: step.mails }),
  };
});
const delivered = await waitForMails(expectedMails, 120_000);
const lastMail = Math.max(...accepted.values());

const lags = [];
let unmatched = 0;
for (const [key, at] of accepted) {
  const sent = published.get(key.slice(0, 36));
  if (sent) lags.push(at - sent.at);
  else unmatched++;
}
lags.sort((a, b) => a - b);
const pct = (p) => lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))] ?? NaN;
const firstPublish = Math.min(...[...published.values()].map((p) => p.at));

const db = new pg.Client({ connectionString: infra.database.url });
await db.connect();
const statuses = Object.fromEntries(
  (await db.query('SELECT status, count(*)::int AS n FROM notifications.deliveries GROUP BY status')).rows.map((r) => [
    r.status,
    r.n,
  ]),
);
// Where the lag is: `created_at` is the start of the consumer's batch transaction (now()), so this is the
// time from the batch starting to the mail being sent; the rest of the lag is the event waiting for a batch.
const { p: senderPercentiles, written_until: writtenUntil } = (
  await db.query(
    `SELECT percentile_disc(ARRAY[0.5, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at) * 1000) AS p,
            extract(epoch FROM max(created_at)) * 1000 AS written_until
     FROM notifications.deliveries WHERE kind <> 'ticket-registered' AND status = 'sent'`,
  )
).rows[0];
const inSender = senderPercentiles.map((ms) => Math.round(ms));
await db.end();
const jsm = await jetstreamManager(nc);
const deadLetters = await jsm.streams
  .info(env.NATS_DLQ_STREAM)
  .then((info) => info.state.messages)
  .catch(() => 0);

console.log(`
notifications benchmark — ${totalEvents} lifecycle events of ${ticketCount} tickets at ${rate} events/s (published in ${load.seconds.toFixed(1)} s), one notifications instance, SMTP on this machine
  mails delivered:  ${lags.length} of ${expectedMails}${delivered ? '' : ' (NOT all within 120 s)'} — ${(lags.length / ((lastMail - firstPublish) / 1000)).toFixed(0)} mails/s from the first event to the last mail
  event → mail (ms): p50 ${pct(50)}   p95 ${pct(95)}   p99 ${pct(99)}   max ${lags.at(-1)}
    of which consumer batch start → mail sent (ms): p50 ${inSender[0]}   p99 ${inSender[1]}
  consumer:         last batch started ${((writtenUntil - firstPublish) / 1000).toFixed(1)} s after the first event (${(totalEvents / ((writtenUntil - firstPublish) / 1000)).toFixed(0)} events/s)
  errors:           ${load.errors + registrationErrors} publish, ${statuses.failed ?? 0} failed deliveries, ${statuses.pending ?? 0} still pending, ${deadLetters} dead letters, ${unmatched} unexpected mails${registered ? '' : ', registration mails NOT all delivered within 120 s'}
`);

await nc.close();
await service.stop();
await new Promise((resolve) => smtp.close(resolve));
await infra.cleanup();
process.exit(0);
