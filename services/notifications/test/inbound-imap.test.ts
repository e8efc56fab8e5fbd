import { randomBytes, randomUUID } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { ResolutionRpc } from '@cau/contracts';
import { waitFor } from '@cau/testing';
import { ensureDovecot, startDovecot, type TestDovecot } from './dovecot.js';
import { InboundPlatform } from './inbound-fixture.js';
import { sleep } from './helpers.js';

const unavailable = ensureDovecot();
if (unavailable) {
  console.warn(`SKIPPED: inbound IMAP tests need Dovecot: ${unavailable}`);
}
const describeWithDovecot = unavailable ? describe.skip : describe;

function compose(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

const messageId = (label: string) => `<${label}.${randomUUID()}@salud.gob>`;

describeWithDovecot('inbound mail over IMAP (Dovecot)', () => {
  let dovecot: TestDovecot;
  let platform: InboundPlatform;
  let imap: ImapFlow;
  let mailboxUrl: string;
  const brokenMailbox = () => `imap://nadie@127.0.0.1:${dovecot.port}/INBOX`;

  beforeAll(async () => {
    dovecot = await startDovecot(['mesa', 'soporte']);
    mailboxUrl = dovecot.urlFor('mesa');
    platform = await InboundPlatform.start('inboundimap', {
      // A second mailbox nobody can log in to: the administrators must hear about it.
      INBOUND_IMAP_MAILBOXES: `${mailboxUrl},${dovecot.urlFor('soporte')}?moveTo=Procesados,${dovecot.urlFor('nadie', 'x')}`,
      INBOUND_POLL_INTERVAL_MS: '300',
      INBOUND_MAX_MESSAGE_BYTES: String(512 * 1024),
      INBOUND_MAX_ATTACHMENT_BYTES: String(64 * 1024),
      INBOUND_ALERT_AFTER_FAILURES: '2',
      INBOUND_JURISDICTIONS: 'salud.gob=SALUD',
      ADMIN_EMAILS: 'sysadmin@cau.test',
      AREA_MAILBOXES: 'L1=mesa-l1@cau.test',
    });
    imap = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: 'mesa', pass: 'secreto' },
      logger: false,
    });
    await imap.connect();
  }, 120_000);

  afterAll(async () => {
    await imap?.logout().catch(() => undefined);
    await platform?.stop();
    await dovecot?.stop();
  });

  const append = async (raw: Buffer | string) => {
    await imap.append('INBOX', raw);
  };

  /** IMAP flags of the mail with this Message-ID in INBOX. */
  async function flagsOf(id: string): Promise<string[]> {
    const lock = await imap.getMailboxLock('INBOX');
    try {
      const uids = (await imap.search({ header: { 'message-id': id } }, { uid: true })) || [];
      const message = uids[0] ? await imap.fetchOne(String(uids[0]), { flags: true }, { uid: true }) : false;
      return message ? [...(message.flags ?? [])] : [];
    } finally {
      lock.release();
    }
  }

  it('opens a ticket for a new mail, with the sender as requester, its attachment stored, and flags the mail', async () => {
    const id = messageId('nuevo');
    await append(
      await compose({
        from: '"Ana Pérez" <Ana.Perez@salud.gob>',
        to: 'mesa@cau.test',
        subject: 'No imprime la impresora del piso 2',
        messageId: id,
        text: 'Desde esta mañana no imprime ningún documento.',
        attachments: [{ filename: 'error.txt', content: 'Error 0x00000709' }],
      }),
    );
    const row = await platform.settled(id);
    expect(row).toMatchObject({ status: 'processed', outcome: 'ticket', sender: 'ana.perez@salud.gob' });
    const number = Number(row.ticket_number);
    expect(await platform.ticket(number)).toMatchObject({
      channel: 'email',
      title: 'No imprime la impresora del piso 2',
      email: 'ana.perez@salud.gob',
      jurisdiction: 'SALUD',
      description: expect.stringMatching(/^Desde esta mañana no imprime ningún documento\.\n\nAdjuntos:\n- error\.txt/),
    });
    const [attachment, ...others] = await platform.attachments(row.id);
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({
      filename: 'error.txt',
      stored: true,
      detected_type: 'text/plain; charset=utf-8',
      has_content: false,
    });
    expect((await platform.storedBytes(attachment!.storage_key!)).toString()).toBe('Error 0x00000709');
    expect(await flagsOf(id)).toEqual(expect.arrayContaining(['\\Seen', '$CauStored']));
    // The requester gets the number by mail, as for every other channel.
    await waitFor(async () => platform.outbound.mails.find((m) => m.envelopeTo.includes('ana.perez@salud.gob')), {
      what: 'the registration mail',
    });
  });

  it('adds a reply to the ticket it answers as the requester’s comment, and reopens the ticket when resolved', async () => {
    const id = messageId('pedido');
    await append(
      await compose({
        from: 'Luis Gómez <luis@salud.gob>',
        subject: 'Sin acceso al sistema de expedientes',
        messageId: id,
        text: 'No puedo entrar al sistema.',
      }),
    );
    const number = Number((await platform.settled(id)).ticket_number);
    const registrationMail = await waitFor(
      async () => platform.outbound.mails.find((m) => m.parsed.subject?.startsWith(`[CAU #${number}]`)),
      { what: 'the registration mail' },
    );
    const registrationId = registrationMail.parsed.messageId!;

    // A reply matched by its references only: the client dropped the tag from the subject.
    const reply = messageId('respuesta');
    await append(
      await compose({
        from: 'Luis Gómez <luis@salud.gob>',
        subject: 'Re: mi pedido',
        messageId: reply,
        inReplyTo: registrationId,
        references: [registrationId],
        text: `Ahora tampoco funciona la impresora.\n\nEl lun, CAU <cau@cau.test> escribió:\n> Registramos su pedido`,
      }),
    );
    expect(await platform.settled(reply)).toMatchObject({
      status: 'processed',
      outcome: 'comment',
      ticket_number: String(number),
    });
    await waitFor(async () => (await platform.timeline(number)).find((e) => e.type === 'ticket.commented'), {
      what: 'the comment in the timeline',
    });
    const comment = (await platform.timeline(number)).find((e) => e.type === 'ticket.commented')!;
    expect(comment.summary_es).toBe(
      'Comentario de Luis Gómez (canal: Correo electrónico): Ahora tampoco funciona la impresora.',
    );
    expect(await platform.status(number)).toBe('abierto');
    // The service desk's mailbox hears the answer.
    const told = await waitFor(
      async () =>
        platform.outbound.mails.find(
          (m) => m.envelopeTo.includes('mesa-l1@cau.test') && m.parsed.subject?.includes('Respuesta del solicitante'),
        ),
      { what: 'the comment mail to the L1 mailbox' },
    );
    expect(told.parsed.subject).toBe(
      `[CAU #${number}] Respuesta del solicitante: Sin acceso al sistema de expedientes`,
    );
    expect(told.parsed.text).toContain('Ahora tampoco funciona la impresora.');

    // Resolved: the requester answering by mail (matched by the tag this time) says it is not settled.
    await platform.act(number, ResolutionRpc.Take);
    await platform.act(number, ResolutionRpc.RegisterSolution, { solution: 'Se restableció la clave.' });
    await platform.act(number, ResolutionRpc.Submit, { verifiedWithRequester: true });
    expect(await platform.status(number)).toBe('resuelto');
    const again = messageId('persiste');
    await append(
      await compose({
        from: 'luis@salud.gob',
        subject: `RE: [CAU #${number}] Solución registrada`,
        messageId: again,
        text: 'Sigue sin funcionar.',
      }),
    );
    expect(await platform.settled(again)).toMatchObject({ status: 'processed', outcome: 'comment' });
    expect(await platform.status(number)).toBe('en_curso');
    await waitFor(async () => (await platform.timeline(number)).some((e) => e.type === 'ticket.reopened'), {
      what: 'the reopening in the timeline',
    });
    const comments = await platform.bench.db.query(
      'SELECT c.text FROM resolution.ticket_comments c JOIN resolution.tickets t USING (ticket_id) WHERE t.number = $1 ORDER BY c.at',
      [number],
    );
    expect(comments.rows.map((r: { text: string }) => r.text)).toEqual([
      'Ahora tampoco funciona la impresora.',
      'Sigue sin funcionar.',
    ]);
    // The requester is told the ticket was reopened; staff comments give the area no mail.
    await waitFor(
      async () =>
        platform.outbound.mails.find(
          (m) =>
            m.envelopeTo.includes('luis@salud.gob') &&
            m.parsed.headers.get('x-cau-ticket') === String(number) &&
            (m.parsed.subject ?? '').includes('Reabrimos su solicitud'),
        ),
      { what: 'the reopening mail to the requester' },
    );
    await platform.act(number, ResolutionRpc.Comment, { text: 'Llamamos al usuario.' });
    await sleep(1_000);
    const toArea = platform.outbound.mails.filter(
      (m) =>
        m.envelopeTo.includes('mesa-l1@cau.test') &&
        m.parsed.subject?.startsWith(`[CAU #${number}] Respuesta del solicitante`),
    );
    expect(toArea).toHaveLength(2);
  });

  it('moves a stored mail to the moveTo folder of its mailbox', async () => {
    const soporte = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: 'soporte', pass: 'secreto' },
      logger: false,
    });
    await soporte.connect();
    try {
      const id = messageId('mover');
      await soporte.append(
        'INBOX',
        await compose({ from: 'ines@salud.gob', subject: 'Mouse roto', messageId: id, text: 'x' }),
      );
      const row = await platform.settled(id);
      expect(row).toMatchObject({ status: 'processed', outcome: 'ticket' });
      expect(row.source).toBe(`imap://soporte@127.0.0.1:${dovecot.port}/INBOX?moveTo=Procesados`);
      const count = async (folder: string) => {
        const status = await soporte.status(folder, { messages: true });
        return status ? status.messages : undefined;
      };
      await waitFor(async () => (await count('INBOX')) === 0, { what: 'the mail to leave INBOX' });
      expect(await count('Procesados')).toBe(1);
    } finally {
      await soporte.logout();
    }
  });

  it('keeps one copy and opens one ticket when the same mail is fetched twice, with or without a Message-ID', async () => {
    const before = await platform.ticketCount();
    const id = messageId('repetido');
    const raw = await compose({ from: 'marta@salud.gob', subject: 'Pantalla azul', messageId: id, text: 'Otra vez.' });
    await append(raw);
    await append(raw);
    const withoutId = Buffer.from(
      'From: pedro@salud.gob\r\nTo: mesa@cau.test\r\nSubject: Sin identificador\r\nDate: Mon, 10 Mar 2025 10:00:00 +0000\r\n\r\nHola\r\n',
    );
    await append(withoutId);
    await append(withoutId);
    await platform.settled(id);
    await waitFor(
      async () => (await platform.rows(`subject = 'Sin identificador' AND status = 'processed'`)).length === 1,
      {
        what: 'the mail without Message-ID to be processed',
      },
    );
    await sleep(1_500); // more polls: the copies must not come back
    expect(await platform.rows(`message_key = $1`, [`mid:${id.toLowerCase()}`])).toHaveLength(1);
    expect(await platform.rows(`subject = 'Sin identificador'`)).toHaveLength(1);
    expect(await platform.ticketCount()).toBe(before + 2);
  });

  it('opens a ticket from malformed MIME and an unknown charset, keeping what can be kept', async () => {
    const id = messageId('roto');
    await append(
      [
        'From: rosa@salud.gob',
        'Subject: =?x-desconocido?Q?Correo_roto?=',
        `Message-ID: ${id}`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="limite"',
        '',
        '--limite',
        'Content-Type: text/plain; charset=x-desconocido',
        '',
        'El teclado no responde.',
        '--limite',
        'Content-Type: application/pdf; name="informe.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        '%%% esto no es base64 %%%',
        // no closing boundary
        '',
      ].join('\r\n'),
    );
    const row = await platform.settled(id);
    expect(row.status).toBe('processed');
    const ticket = await platform.ticket(Number(row.ticket_number));
    expect(ticket.description).toContain('El teclado no responde.');
  });

  it('stores a mail with an oversized attachment without it, and opens a ticket from the headers of an oversized mail', async () => {
    const id = messageId('adjunto-grande');
    await append(
      await compose({
        from: 'sergio@salud.gob',
        subject: 'Captura del error',
        messageId: id,
        text: 'Adjunto la captura.',
        attachments: [
          { filename: 'captura.png', content: randomBytes(200 * 1024), contentType: 'image/png' },
          { filename: 'nota.txt', content: 'detalle' },
        ],
      }),
    );
    const row = await platform.settled(id);
    expect(row.status).toBe('processed');
    expect(await platform.attachments(row.id)).toEqual([
      expect.objectContaining({
        filename: 'captura.png',
        stored: false,
        size_bytes: String(200 * 1024),
        storage_key: null,
        reason: expect.stringMatching(/INBOUND_MAX_ATTACHMENT_BYTES/),
      }),
      expect.objectContaining({
        filename: 'nota.txt',
        stored: true,
        size_bytes: '7',
        storage_key: expect.any(String),
        reason: null,
      }),
    ]);
    expect((await platform.ticket(Number(row.ticket_number))).description).toMatch(
      /captura\.png \(200 KB, no guardado/,
    );

    const huge = messageId('enorme');
    await append(
      await compose({
        from: 'sergio@salud.gob',
        subject: 'Video del problema',
        messageId: huge,
        text: 'Va el video.',
        attachments: [{ filename: 'video.mp4', content: randomBytes(700 * 1024) }],
      }),
    );
    const hugeRow = await platform.settled(huge);
    expect(hugeRow).toMatchObject({
      status: 'processed',
      outcome: 'ticket',
      raw_complete: false,
      subject: 'Video del problema',
    });
    expect(hugeRow.reason).toMatch(/^headers only: .* INBOUND_MAX_MESSAGE_BYTES/);
    expect((await platform.ticket(Number(hugeRow.ticket_number))).description).toMatch(/superaba el tamaño máximo/);
    expect(Number(hugeRow.raw_size)).toBeGreaterThan(700 * 1024);
    expect(await flagsOf(huge)).toContain('$CauStored');
  });

  it('keeps auto-replies, list mail and our own mail coming back, marked ignored with the reason, without tickets', async () => {
    const before = await platform.ticketCount();
    const cases: Array<[Mail.Options, RegExp]> = [
      [{ from: 'ana@salud.gob', headers: { 'Auto-Submitted': 'auto-replied' } }, /auto-submitted: auto-replied/],
      [{ from: 'lista@salud.gob', headers: { Precedence: 'bulk' } }, /precedence: bulk/],
      [{ from: 'ana@salud.gob', headers: { 'X-Autoreply': 'yes' } }, /x-autoreply/],
      [{ from: 'ana@salud.gob', headers: { 'X-Autorespond': 'vacaciones' } }, /x-autorespond/],
      [{ from: 'cau@cau.test' }, /our own address/],
    ];
    const ids: Array<[string, RegExp]> = [];
    for (const [options, reason] of cases) {
      const id = messageId('robot');
      ids.push([id, reason]);
      await append(
        await compose({ subject: 'Fuera de la oficina', text: 'Vuelvo el lunes.', messageId: id, ...options }),
      );
    }
    // Our own notification bounced back to us by a forwarding rule: recognised by its Message-ID.
    const ours = `<ticket-registered.${randomUUID()}.0123456789ab@cau.test>`;
    await append(await compose({ from: 'reenvio@salud.gob', subject: '[CAU #1] x', messageId: ours, text: 'x' }));
    ids.push([ours, /message id of our own mail/]);
    for (const [id, reason] of ids) {
      const row = await platform.settled(id);
      expect(row.status).toBe('ignored');
      expect(row.reason).toMatch(reason);
    }
    expect(await platform.ticketCount()).toBe(before);
  });

  it('tells the administrators, once, when a mailbox cannot be read, and says so in its metric', async () => {
    const alert = await waitFor(
      async () => platform.outbound.mails.find((m) => m.envelopeTo.includes('sysadmin@cau.test')),
      { what: 'the alert to the administrators' },
    );
    expect(alert.parsed.subject).toBe(`[CAU] No se puede leer el buzón ${brokenMailbox()}`);
    expect(alert.parsed.text).toMatch(/2 veces seguidas/);
    const metrics = await (await fetch(`${platform.services.get('notifications')!.url}/metrics`)).text();
    expect(metrics).toContain(`cau_inbound_mailbox_up{mailbox="${brokenMailbox()}",service="notifications"} 0`);
    expect(metrics).toMatch(
      new RegExp(
        `cau_inbound_mailbox_up\\{mailbox="${mailboxUrl.replace(/:secreto/, '').replace(/[.?*+/]/g, '\\$&')}",service="notifications"\\} 1`,
      ),
    );
    await sleep(1_000); // more failed polls
    expect(platform.outbound.mails.filter((m) => m.envelopeTo.includes('sysadmin@cau.test'))).toHaveLength(1);
  });
});
