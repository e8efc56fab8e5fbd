import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  IntakeRpc,
  NotificationsRpc,
  ResolutionRpc,
  type InboundAttachmentV1,
  type ReceiveWhatsappCommandV1,
  type ReceiveWhatsappResultV1,
} from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { parseWebhook } from '../../gateway/src/whatsapp/whatsapp-webhook.js';
import { InboundPlatform, operator } from './inbound-fixture.js';
import { sleep } from './helpers.js';
import { FakeGraphApi, GRAPH_ERRORS, webhookMedia, webhookMessage, type FakeMedia } from './whatsapp-fixtures.js';

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
  attempts: number;
}

/** Small files of the allowed types, as a phone would send them. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(2_000)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MAX_ATTACHMENT_BYTES = 50_000;

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
      INBOUND_MAX_ATTACHMENT_BYTES: String(MAX_ATTACHMENT_BYTES),
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
          `SELECT status, outcome, ticket_number, body, reason, attempts FROM notifications.whatsapp_messages
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
  describe('media messages', () => {
    /** A requester the desk registered by phone, so their number is in the directory; a number of their own. */
    async function requesterWithPhone(): Promise<{ email: string; name: string; wa: string }> {
      const local = `76${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;
      const person = { email: `rosa.${local}@educacion.gob`, name: 'Rosa Quispe', wa: `591${local}` };
      await platform.bench.rpc.request(IntakeRpc.RegisterTicket, {
        actor: operator,
        idempotencyKey: randomUUID(),
        payload: {
          channel: 'telefono',
          requester: { email: person.email, name: person.name, phone: local },
          jurisdiction: 'EDUCACION',
          title: 'Llamada anterior',
          description: 'Una llamada anterior.',
          type: 'incidente',
          category: 'impresoras',
          impact: 'medio',
          urgency: 'alta',
        },
      });
      return person;
    }

    /** The webhook body WhatsApp posts for a media message, as the gateway reads it. */
    function mediaMessage(
      id: string,
      from: string,
      type: string,
      file: FakeMedia,
      extra: { caption?: string; filename?: string } = {},
    ): ReceiveWhatsappCommandV1 {
      return parseWebhook(
        webhookMessage({
          id,
          from,
          type,
          name: 'Rosa',
          timestamp: String(Math.floor(Date.now() / 1000)),
          media: webhookMedia(file, extra),
        }),
      );
    }

    const attachmentsOf = async (number: number): Promise<InboundAttachmentV1[]> =>
      (await platform.bench.rpc.request(NotificationsRpc.InboundTicketAttachments, { number })).attachments;

    const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

    async function attachmentRow(
      waMessageId: string,
    ): Promise<{ refusal: string | null; storage_key: string | null; reason: string | null; file_name: string }> {
      const result = await platform.bench.db.query(
        `SELECT a.refusal, a.storage_key, a.reason, a.file_name FROM notifications.whatsapp_attachments a
         JOIN notifications.whatsapp_messages m ON m.id = a.message_id WHERE m.wa_message_id = $1`,
        [waMessageId],
      );
      return result.rows[0];
    }

    it('opens a ticket with an image and its caption, fetched and stored once for a redelivered webhook; a document without caption is a comment naming it', async () => {
      const rosa = await requesterWithPhone();
      const before = await platform.storedFileCount();
      const image = graph.media({ id: `9${Date.now()}1`, mimeType: 'image/png', content: PNG });
      const id = `wamid.${randomUUID()}`;
      const command = mediaMessage(id, rosa.wa, 'image', image, {
        caption: 'La pantalla muestra este error\nDesde esta mañana.',
      });
      expect(await receive(command)).toMatchObject({ stored: 1, duplicates: 0 });
      expect(await receive(command)).toMatchObject({ stored: 0, duplicates: 1 });

      const row = await message(id);
      expect(row).toMatchObject({ status: 'processed', outcome: 'ticket', attempts: 1 });
      const number = Number(row.ticket_number);
      expect(await platform.ticket(number)).toMatchObject({
        channel: 'whatsapp',
        title: 'La pantalla muestra este error',
        description: 'La pantalla muestra este error\nDesde esta mañana.',
        email: rosa.email,
      });
      expect(graph.mediaGets(image.id, 'description')).toBe(1);
      expect(graph.mediaGets(image.id, 'download')).toBe(1);
      expect(graph.mediaRequests.every((r) => r.authorization === 'Bearer token-de-prueba')).toBe(true);

      const document = graph.media({ id: `9${Date.now()}2`, mimeType: 'application/pdf', content: PDF });
      const second = `wamid.${randomUUID()}`;
      await receive(mediaMessage(second, rosa.wa, 'document', document, { filename: 'informe de red.pdf' }));
      expect(await message(second)).toMatchObject({ outcome: 'comment', ticket_number: String(number) });
      const timeline = await waitFor(
        async () => {
          const entries = await platform.timeline(number);
          return entries.some((e) => e.type === 'ticket.commented') ? entries : undefined;
        },
        { what: 'the comment in the timeline' },
      );
      expect(timeline.find((e) => e.type === 'ticket.commented')!.summary_es).toContain(
        'Archivo enviado por WhatsApp: informe de red.pdf',
      );

      const listed = await attachmentsOf(number);
      expect(listed).toEqual([
        expect.objectContaining({
          source: 'whatsapp',
          fileName: expect.stringMatching(/^whatsapp-image-\d{8}-\d{6}\.png$/),
          contentType: 'image/png',
          sizeBytes: PNG.length,
          sha256: sha256(PNG),
          sender: rosa.email,
          senderName: rosa.name,
          reason: null,
        }),
        expect.objectContaining({
          source: 'whatsapp',
          fileName: 'informe de red.pdf',
          contentType: 'application/pdf',
          sha256: sha256(PDF),
        }),
      ]);
      expect(sha256(await platform.storedBytes(listed[0]!.storageKey!))).toBe(sha256(PNG));
      expect(sha256(await platform.storedBytes(listed[1]!.storageKey!))).toBe(sha256(PDF));
      expect(await platform.storedFileCount()).toBe(before + 2);
    });

    it('retries a media download WhatsApp answered with 500 and stores the file once', async () => {
      const rosa = await requesterWithPhone();
      const image = graph.media({ id: `9${Date.now()}3`, mimeType: 'image/png', content: PNG });
      graph.nextMedia(500, GRAPH_ERRORS.serverError);
      const id = `wamid.${randomUUID()}`;
      await receive(mediaMessage(id, rosa.wa, 'image', image));
      const row = await message(id);
      expect(row).toMatchObject({ status: 'processed', outcome: 'ticket', attempts: 2 });
      expect(graph.mediaGets(image.id, 'description')).toBe(2);
      expect(graph.mediaGets(image.id, 'download')).toBe(1);
      const number = Number(row.ticket_number);
      expect(await platform.ticket(number)).toMatchObject({
        title: 'Mensaje por WhatsApp',
        description: expect.stringMatching(/^Archivo enviado por WhatsApp: whatsapp-image-.*\.png$/),
      });
      const [listed] = await attachmentsOf(number);
      expect(listed).toMatchObject({ source: 'whatsapp', sha256: sha256(PNG), storageKey: expect.any(String) });
    });

    it('keeps the text and says so on the ticket when the file does not match its checksum, is too big or is gone', async () => {
      const before = await platform.storedFileCount();
      const cases: Array<{ file: FakeMedia; refusal: string; says: string; caption?: string }> = [
        {
          file: graph.media({ id: `9${Date.now()}4`, mimeType: 'image/png', content: PNG, sha256: sha256(PDF) }),
          refusal: 'checksum',
          says: 'no coincide su suma de verificación',
          caption: 'Foto del equipo',
        },
        {
          file: graph.media({
            id: `9${Date.now()}5`,
            mimeType: 'video/mp4',
            content: PNG,
            fileSize: MAX_ATTACHMENT_BYTES + 1,
          }),
          refusal: 'size',
          says: 'supera el tamaño máximo',
        },
        {
          // Never registered with the fake: the id is unknown to WhatsApp (400 GraphMethodException).
          file: { id: `9${Date.now()}6`, mimeType: 'audio/ogg', content: PNG },
          refusal: 'unavailable',
          says: 'WhatsApp no lo entregó',
        },
      ];
      for (const { file, refusal, says, caption } of cases) {
        const rosa = await requesterWithPhone();
        const id = `wamid.${randomUUID()}`;
        const type = file.mimeType.startsWith('image')
          ? 'image'
          : file.mimeType.startsWith('video')
            ? 'video'
            : 'audio';
        await receive(mediaMessage(id, rosa.wa, type, file, caption ? { caption } : {}));
        const row = await message(id);
        expect(row).toMatchObject({ status: 'processed', outcome: 'ticket', attempts: 1 });
        const ticket = await platform.ticket(Number(row.ticket_number));
        expect(ticket.description).toContain(caption ?? 'Archivo enviado por WhatsApp: whatsapp-');
        expect(ticket.description).toContain('(No se pudo recibir el archivo «whatsapp-');
        expect(ticket.description).toContain(says);
        expect(await attachmentRow(id)).toMatchObject({ refusal, storage_key: null, reason: expect.any(String) });
        const [listed] = await attachmentsOf(Number(row.ticket_number));
        expect(listed).toMatchObject({
          source: 'whatsapp',
          storageKey: null,
          sha256: null,
          reason: expect.any(String),
        });
      }
      expect(graph.mediaGets(cases[1]!.file.id, 'download')).toBe(0);
      expect(await platform.storedFileCount()).toBe(before);
    });
  });
});
