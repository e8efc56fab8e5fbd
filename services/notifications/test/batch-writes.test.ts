import { randomUUID } from 'node:crypto';
import { ProcedureEvents, type ByV1, type EventEnvelope } from '@cau/contracts';
import { BatchScope, type EventHandler, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, type ServiceBench, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../src/notifications.service.js';
import { startNotifications, ticketEvent, ticketRegistered } from './helpers.js';

const by = (name: string, role: string, email?: string): ByV1 => ({ accountId: randomUUID(), name, role, email });
const operator = by('Olga Operadora', 'operator', 'olga@agetic.gob.bo');
const agent = by('Agente UIT', 'agent', 'agente@agetic.gob.bo');
const at = '2025-11-24T15:00:00.000Z';

/**
 * The consumer writes a batch's ticket copies and mails at the end of the batch, one statement per table:
 * what it records must be what applying the same events one at a time records, with several events of one
 * ticket (registered, then escalated, taken, resolved) among events of other tickets in the batch.
 */
describe('notifications: a batch records what its events one at a time would', () => {
  let smtp: TestSmtpServer;
  let bench: ServiceBench;
  let service: RunningService;
  let handlers: Map<string, EventHandler>;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    bench = await startNotifications('notifbatch', {
      SMTP_URL: smtp.url,
      MAIL_FROM: '"CAU" <mesa@cau.example.gob>',
      AREA_MAILBOXES: 'UIT=uit@agetic.gob.bo,L1=mesa@agetic.gob.bo',
      SUPERVISOR_EMAILS: 'susana@agetic.gob.bo',
      JURISDICTION_REFERENTES: 'MINEDU=referente@minedu.gob.bo',
    });
    service = bench.services[0]!;
    handlers = new Map(
      notificationsService.consumers!(service.app)
        .flatMap((consumer) => consumer.handlers)
        .map((handler) => [handler.definition.type, handler]),
    );
  });

  afterAll(async () => {
    await bench?.stop();
    await smtp?.close();
  });

  /** Applies events in one transaction and batch, as the durable consumer does. */
  const applyBatch = (events: Array<EventEnvelope<object>>) =>
    service.runtime.dataSource.transaction(async (tx) => {
      const batch = new BatchScope(events.map((event) => event.id));
      for (const event of events) await handlers.get(event.type)!.handle(event, tx, batch);
      await batch.finish();
    });

  const recorded = async (events: Array<EventEnvelope<object>>, ticketIds: string[]) => ({
    deliveries: (
      await bench.db.query(
        `SELECT event_id, recipient, kind, language, ticket_id, ticket_number, subject, text_body, html_body,
                message_id, thread_message_id
           FROM notifications.deliveries WHERE event_id = ANY($1::uuid[]) ORDER BY event_id, recipient`,
        [events.map((event) => event.id)],
      )
    ).rows,
    tickets: (
      await bench.db.query('SELECT * FROM notifications.tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id', [
        ticketIds,
      ])
    ).rows,
  });

  const forget = async (events: Array<EventEnvelope<object>>, ticketIds: string[]) => {
    await bench.db.query('DELETE FROM notifications.delivery_attempts');
    await bench.db.query('DELETE FROM notifications.deliveries WHERE event_id = ANY($1::uuid[])', [
      events.map((event) => event.id),
    ]);
    await bench.db.query('DELETE FROM notifications.ticket_people WHERE ticket_id = ANY($1::uuid[])', [ticketIds]);
    await bench.db.query('DELETE FROM notifications.tickets WHERE ticket_id = ANY($1::uuid[])', [ticketIds]);
  };

  it('with several events of one ticket and events of others in the batch', async () => {
    const first = ticketRegistered(900, { email: 'ana@minedu.gob.bo', name: 'Ana' });
    first.data.jurisdiction = 'MINEDU';
    const second = ticketRegistered(901);
    const third = ticketRegistered(902);
    const derivation = {
      derivationId: randomUUID(),
      from: 'L1',
      to: 'UIT',
      kind: 'escalate' as const,
      by: operator,
      at,
    };
    const events: Array<EventEnvelope<object>> = [
      first,
      second,
      ticketEvent(ProcedureEvents.TicketEscalated, first, { ...derivation, reason: 'No hay red' }, 1),
      ticketEvent(
        ProcedureEvents.TicketTaken,
        first,
        { area: 'UIT', status: 'en_curso', by: operator, at, assignee: agent },
        2,
      ),
      third,
      ticketEvent(
        ProcedureEvents.TicketResolved,
        first,
        { area: 'UIT', status: 'resuelto', by: agent, at, verifiedWithRequester: true, solution: 'Cable nuevo.' },
        3,
      ),
      ticketEvent(
        ProcedureEvents.TicketCommented,
        second,
        {
          area: 'L1',
          status: 'en_curso',
          by: operator,
          at,
          commentId: randomUUID(),
          text: 'Reinicie el equipo.',
          channel: 'portal',
          reopens: false,
        },
        1,
      ),
      // The same registration again: its ticket copy and mail stay the first ones.
      { ...first, id: randomUUID() },
    ];
    const ticketIds = [first, second, third].map((event) => event.data.ticketId);

    await applyBatch(events);
    const batched = await recorded(events, ticketIds);
    await forget(events, ticketIds);
    for (const event of events) await applyBatch([event]);
    const oneByOne = await recorded(events, ticketIds);

    expect(batched.tickets).toHaveLength(3);
    // Registration (3 + the referente + the copy's requester), escalation, assignment, resolution
    // (requester, referente, supervisor) and the staff reply.
    expect(batched.deliveries.length).toBeGreaterThanOrEqual(10);
    expect(batched).toEqual(oneByOne);
  });
});
