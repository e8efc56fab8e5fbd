import { randomUUID } from 'node:crypto';
import {
  IntakeRpc,
  NotificationsRpc,
  ResolutionRpc,
  type ReceiveWhatsappCommandV1,
  type ReceiveWhatsappResultV1,
} from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { InboundPlatform, operator } from './inbound-fixture.js';
import { sleep } from './helpers.js';
import { FakeGraphApi, GRAPH_ERRORS } from './whatsapp-fixtures.js';

const PHONE_NUMBER_ID = '106540352242922';
/** Carla's number as the directory has it (local, without the country code) and as WhatsApp sends it. */
const CARLA = { email: 'carla@educacion.gob', name: 'Carla Ruiz', local: '7123-4567', wa: '59171234567' };
const admin = { accountId: randomUUID(), role: 'admin' as const, email: 'admin@cau.test', name: 'Admin' };

interface MessageRow {
  status: string;
  outcome: string | null;
  ticket_number: string | null;
  body: string | null;
  reason: string | null;
}

interface DeliveryRow {
  id: string;
  recipient: string;
  kind: string;
  status: string;
  attempts: number;
  last_error: string | null;
  wa_message_id: string | null;
  delivery_state: string | null;
  parameters: string[];
}

describe('WhatsApp channel (Cloud API webhook in, template messages out)', () => {
  let platform: InboundPlatform;
  let graph: FakeGraphApi;

  beforeAll(async () => {
    graph = await FakeGraphApi.start();
    platform = await InboundPlatform.start('whatsapp', {
      WHATSAPP_TOKEN: 'token-de-prueba',
      WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
      WHATSAPP_GRAPH_URL: graph.url,
      WHATSAPP_COUNTRY_CODE: '591',
      WHATSAPP_RETRY_BASE_MS: '100',
      WHATSAPP_RETRY_MAX_MS: '400',
      WHATSAPP_POLL_INTERVAL_MS: '100',
    });
    // Carla is in the directory because the desk registered a call of hers with her phone number.
    await platform.bench.rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      idempotencyKey: randomUUID(),
      payload: {
        channel: 'telefono',
        requester: { email: CARLA.email, name: CARLA.name, phone: CARLA.local },
        jurisdiction: 'EDUCACION',
        title: 'Llamada anterior',
        description: 'Una llamada anterior de Carla.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await graph?.close();
  });

  const receive = (command: ReceiveWhatsappCommandV1): Promise<ReceiveWhatsappResultV1> =>
    platform.bench.rpc.request(NotificationsRpc.ReceiveWhatsapp, command);

  const text = (id: string, from: string, body: string): ReceiveWhatsappCommandV1 => ({
    messages: [{ id, from, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: body }],
    statuses: [],
  });

  async function message(id: string): Promise<MessageRow> {
    return waitFor(
      async () => {
        const result = await platform.bench.db.query<MessageRow>(
          `SELECT status, outcome, ticket_number, body, reason FROM notifications.whatsapp_messages
           WHERE wa_message_id = $1 AND status <> 'received'`,
          [id],
        );
        return result.rows[0];
      },
      { timeoutMs: 20_000, what: `WhatsApp message ${id} to be processed` },
    );
  }

  async function deliveries(where: string, params: unknown[]): Promise<DeliveryRow[]> {
    const result = await platform.bench.db.query<DeliveryRow>(
      `SELECT id, recipient, kind, status, attempts, last_error, wa_message_id, delivery_state, parameters
       FROM notifications.whatsapp_deliveries WHERE ${where} ORDER BY created_at`,
      params,
    );
    return result.rows;
  }

  it('opens a ticket on channel whatsapp for a requester’s number, once for a redelivered webhook, and answers by template', async () => {
    const before = await platform.ticketCount();
    const id = `wamid.${randomUUID()}`;
    const first = await receive(text(id, CARLA.wa, 'No puedo entrar al sistema de personal\nDa error de clave.'));
    const again = await receive(text(id, CARLA.wa, 'No puedo entrar al sistema de personal\nDa error de clave.'));
    expect(first).toMatchObject({ stored: 1, duplicates: 0 });
    expect(again).toMatchObject({ stored: 0, duplicates: 1 });

    const row = await message(id);
    expect(row).toMatchObject({ status: 'processed', outcome: 'ticket' });
    const number = Number(row.ticket_number);
    expect(await platform.ticket(number)).toMatchObject({
      channel: 'whatsapp',
      title: 'No puedo entrar al sistema de personal',
      email: CARLA.email,
      jurisdiction: 'EDUCACION',
    });

    const [sent] = await waitFor(
      async () => {
        const rows = await deliveries(`recipient = $1 AND kind = 'ticket-registered' AND status = 'sent'`, [CARLA.wa]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the registration template to be sent' },
    );
    expect(sent!.parameters[0]).toBe(String(number));
    const request = graph
      .to(CARLA.wa)
      .find((r) => r.body.template.components[0]?.parameters[0]?.text === String(number));
    expect(request).toMatchObject({
      path: `/v21.0/${PHONE_NUMBER_ID}/messages`,
      authorization: 'Bearer token-de-prueba',
      body: { messaging_product: 'whatsapp', type: 'template', template: { name: 'cau_ticket_update' } },
    });
    expect(sent!.wa_message_id).toMatch(/^wamid\.out\./);

    await sleep(500);
    expect(await platform.ticketCount()).toBe(before + 1);

    // A second message of hers goes to the same open ticket as a comment.
    const followUp = `wamid.${randomUUID()}`;
    await receive(text(followUp, CARLA.wa, 'Ya probé reiniciar.'));
    expect(await message(followUp)).toMatchObject({
      status: 'processed',
      outcome: 'comment',
      ticket_number: String(number),
    });
    const timeline = await waitFor(
      async () => {
        const entries = await platform.timeline(number);
        return entries.some((e) => e.type === 'ticket.commented') ? entries : undefined;
      },
      { what: 'the comment in the timeline' },
    );
    expect(timeline.find((e) => e.type === 'ticket.commented')!.summary_es).toContain(
      '(canal: WhatsApp): Ya probé reiniciar.',
    );
    expect(await platform.ticketCount()).toBe(before + 1);

    // WhatsApp reports the registration template delivered and read.
    await receive({ messages: [], statuses: [{ id: sent!.wa_message_id!, status: 'read' }] });
    const [read] = await deliveries('id = $1', [sent!.id]);
    expect(read!.delivery_state).toBe('read');

    // Staff answer in public: the reply goes to her by WhatsApp too.
    await platform.act(number, ResolutionRpc.Comment, { text: 'Le restablecimos la clave; pruebe de nuevo.' });
    const replies = await waitFor(
      async () => {
        const rows = await deliveries(`recipient = $1 AND kind = 'staff-replied' AND status = 'sent'`, [CARLA.wa]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the staff reply by WhatsApp' },
    );
    expect(replies[0]!.parameters[1]).toContain('Le restablecimos la clave');
  });

  it('answers an unknown number with the registration template and keeps nothing of its message', async () => {
    const before = await platform.ticketCount();
    const stranger = '59170000001';
    const id = `wamid.${randomUUID()}`;
    await receive(text(id, stranger, 'Hola, mi correo no funciona'));
    expect(await message(id)).toMatchObject({ status: 'unknown', outcome: null, body: null });
    await waitFor(async () => graph.to(stranger).length === 1 || undefined, { what: 'the unknown-number template' });
    expect(graph.to(stranger)[0]!.body.template).toMatchObject({ name: 'cau_unknown_number', components: [] });
    // A second message the same day is not answered again.
    const second = `wamid.${randomUUID()}`;
    await receive(text(second, stranger, '¿Hola?'));
    await message(second);
    await sleep(500);
    expect(graph.to(stranger)).toHaveLength(1);
    expect(await platform.ticketCount()).toBe(before);
  });

  it('retries a send WhatsApp answered with 500 and sends it once; a refused template fails for an administrator, who retries it', async () => {
    const other = { email: 'diego@educacion.gob', name: 'Diego Paz', phone: '+591 7222 3333', wa: '59172223333' };
    await platform.bench.rpc.request(IntakeRpc.RegisterTicket, {
      actor: operator,
      idempotencyKey: randomUUID(),
      payload: {
        channel: 'telefono',
        requester: { email: other.email, name: other.name, phone: other.phone },
        jurisdiction: 'EDUCACION',
        title: 'Llamada de Diego',
        description: 'Una llamada anterior.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
      },
    });
    graph.next(500, GRAPH_ERRORS.serverError);
    graph.next(429, GRAPH_ERRORS.serverError);
    const id = `wamid.${randomUUID()}`;
    await receive(text(id, other.wa, 'La impresora del aula 3 no imprime'));
    await message(id);
    const [sent] = await waitFor(
      async () => {
        const rows = await deliveries(`recipient = $1 AND status = 'sent'`, [other.wa]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the template to be sent after the retries' },
    );
    expect(sent!.attempts).toBe(3);
    expect(graph.to(other.wa)).toHaveLength(3);
    await sleep(500);
    expect(graph.to(other.wa)).toHaveLength(3);

    // A template Meta does not know: refused for good (no retry), listed for the administrator.
    graph.next(404, GRAPH_ERRORS.templateMissing);
    const number = Number((await message(id)).ticket_number);
    await platform.act(number, ResolutionRpc.Comment, { text: 'Vamos en camino.' });
    const [failed] = await waitFor(
      async () => {
        const rows = await deliveries(`recipient = $1 AND status = 'failed'`, [other.wa]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the refused template to fail' },
    );
    expect(failed!.last_error).toContain('132001');
    const list = await platform.bench.rpc.request(NotificationsRpc.ListWhatsappDeliveries, {
      actor: admin,
      status: 'failed',
    });
    expect(list.deliveries.map((d) => d.id)).toContain(failed!.id);
    await platform.bench.rpc.request(NotificationsRpc.RetryWhatsappDelivery, { actor: admin, id: failed!.id });
    await waitFor(
      async () => ((await deliveries('id = $1 AND status = $2', [failed!.id, 'sent'])).length === 1 ? true : undefined),
      { what: 'the retried template to be sent' },
    );
  });

  it('marks a message whose sender died mid-send uncertain and never sends it twice', async () => {
    const eventId = randomUUID();
    const id = randomUUID();
    // The row with the attempt record a sender commits before the request leaves, left behind by a crash
    // (one statement, so the running sender never sees the row without it).
    await platform.bench.db.query(
      `WITH delivery AS (
         INSERT INTO notifications.whatsapp_deliveries (id, event_id, recipient, kind, template, language, parameters)
         VALUES ($1, $2, '59173334444', 'ticket-closed', 'cau_ticket_update', 'es', '["9","Cerrado"]')
         RETURNING id)
       INSERT INTO notifications.whatsapp_delivery_attempts (delivery_id) SELECT id FROM delivery`,
      [id, eventId],
    );
    const [row] = await waitFor(
      async () => {
        const rows = await deliveries(`id = $1 AND status <> 'pending'`, [id]);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the interrupted message to be settled' },
    );
    expect(row).toMatchObject({ status: 'uncertain' });
    expect(graph.to('59173334444')).toHaveLength(0);
  });
});
