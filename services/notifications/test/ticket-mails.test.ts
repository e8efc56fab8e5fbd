import { randomUUID } from 'node:crypto';
import { NotificationsRpc, ProcedureEvents, type ActorV1, type ByV1, type EventEnvelope } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type ReceivedMail, type ServiceBench, type TestSmtpServer } from '@cau/testing';
import {
  expectedMessageId,
  mailsFor,
  publish,
  sleep,
  startNotifications,
  ticketEvent,
  ticketRegistered,
} from './helpers.js';

/** How long to keep watching after the expected mails arrived, to catch a late duplicate. */
const SETTLE_MS = 1_500;
const DOMAIN = 'cau.example.gob';
const MAILBOX = { UIT: 'uit@agetic.gob.bo', ADT: 'adt@agetic.gob.bo', L1: 'mesa@agetic.gob.bo' };
const SUPERVISORS = ['susana@agetic.gob.bo', 'jefe@agetic.gob.bo'];
/** Referente of jurisdiction MINEDU only, so the tickets of the other tests (SALUD) do not reach them. */
const REFERENTE = 'referente.ti@minedu.gob.bo';

const by = (name: string, role: string): ByV1 => ({ accountId: randomUUID(), name, role });
const operator = by('Olga Operadora', 'operator');
const agent = by('Agente UIT', 'agent');
const supervisor = by('Susana Supervisora', 'supervisor');
const at = '2025-11-24T15:00:00.000Z';

const actor = (role: ActorV1['role'], email: string): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email,
  name: `Persona ${role}`,
});
const admin = actor('admin', 'admin@agetic.gob.bo');

interface Expected {
  event: EventEnvelope<object>;
  recipient: string;
  kind: string;
}

describe('notifications: who is told what about a ticket', () => {
  let smtp: TestSmtpServer;
  let bench: ServiceBench;
  let nextNumber = 500;

  const send = (event: EventEnvelope<object>, area?: string, msgID = event.id) =>
    publish(bench.nc, bench.env, event, msgID, area);

  const messageIdOf = (expected: Expected) =>
    expectedMessageId(expected.event.id, expected.recipient, DOMAIN, expected.kind);

  const mailsWithId = (messageId: string): ReceivedMail[] =>
    smtp.mails.filter((mail) => mail.parsed.messageId === messageId);

  const arrived = (expected: Expected[]) => () =>
    Promise.resolve(expected.every((e) => mailsWithId(messageIdOf(e)).length > 0));

  const deliveriesOf = async (events: Array<EventEnvelope<object>>) =>
    (
      await bench.db.query<{ event_id: string; recipient: string; kind: string; status: string }>(
        'SELECT event_id, recipient, kind, status FROM notifications.deliveries WHERE event_id = ANY($1::uuid[])',
        [events.map((event) => event.id)],
      )
    ).rows;

  const refusal = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      if (error instanceof ServiceError) return error.payload;
      throw error;
    }
    throw new Error('expected a refusal');
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    bench = await startNotifications('notifrules', {
      SMTP_URL: smtp.url,
      MAIL_FROM: `"CAU Mesa de Servicios" <mesa@${DOMAIN}>`,
      PORTAL_URL: `https://${DOMAIN}`,
      MAIL_TIME_ZONE: 'America/Argentina/Buenos_Aires',
      AREA_MAILBOXES: Object.entries(MAILBOX)
        .map(([area, address]) => `${area}=${address}`)
        .join(','),
      SUPERVISOR_EMAILS: SUPERVISORS.join(','),
      JURISDICTION_REFERENTES: `MINEDU=${REFERENTE}`,
    });
  });

  afterAll(async () => {
    await bench?.stop();
    await smtp?.close();
  });

  afterEach(() => {
    smtp.failWith = null;
  });

  it('mails each step of a 9.2 ticket to its recipients, once each, threaded on the registration mail', async () => {
    const number = ++nextNumber;
    const requester = 'ana.perez@salud.gob';
    const registered = ticketRegistered(number, { email: requester, name: 'Ana Pérez' });
    let sequence = 0;
    const derivation = (from: string, to: string, kind: 'escalate' | 'return', reason: string) => ({
      derivationId: randomUUID(),
      from,
      to,
      kind,
      reason,
      by: kind === 'escalate' ? operator : agent,
      at,
    });
    const escalated = ticketEvent(
      ProcedureEvents.TicketEscalated,
      registered,
      derivation('L1', 'UIT', 'escalate', 'El servidor de correo no responde'),
      ++sequence,
    );
    const taken = ticketEvent(
      ProcedureEvents.TicketTaken,
      registered,
      { area: 'UIT', status: 'en_curso', by: agent, at, assignee: agent },
      ++sequence,
    );
    const returned = ticketEvent(
      ProcedureEvents.SolutionReturned,
      registered,
      derivation('UIT', 'L1', 'return', 'Se reinició el servicio de correo'),
      ++sequence,
    );
    const resolved = (solution: string) =>
      ticketEvent(
        ProcedureEvents.TicketResolved,
        registered,
        { area: 'L1', status: 'resuelto', by: operator, at, verifiedWithRequester: true, solution },
        ++sequence,
      );
    const firstResolved = resolved('Se reinició el servicio de correo.');
    const rejected = ticketEvent(
      ProcedureEvents.ReviewRejected,
      registered,
      { area: 'L1', status: 'en_curso', by: supervisor, at, observations: 'Falta verificar con la usuaria' },
      ++sequence,
    );
    const secondResolved = resolved('Se reinició el servicio y la usuaria confirmó que recibe correo.');
    const closed = ticketEvent(
      ProcedureEvents.TicketClosed,
      registered,
      {
        area: 'L1',
        status: 'cerrado',
        by: supervisor,
        at,
        resolutionBusinessMinutes: 90,
        resolutionCalendarMinutes: 95,
      },
      ++sequence,
    );
    const reopened = ticketEvent(
      ProcedureEvents.TicketReopened,
      registered,
      { area: 'L1', status: 'en_curso', by: operator, at, reason: 'El correo volvió a fallar' },
      ++sequence,
    );
    const breached = ticketEvent(
      ProcedureEvents.SlaBreached,
      registered,
      { area: 'L1', target: 'resolution', dueAt: '2025-11-25T15:00:00.000Z', detectedAt: '2025-11-25T15:01:00.000Z' },
      ++sequence,
    );
    const sequenceOfEvents: Array<[EventEnvelope<object>, string | undefined]> = [
      [registered, undefined],
      [escalated, 'UIT'],
      [taken, 'UIT'],
      [returned, 'L1'],
      [firstResolved, 'L1'],
      [rejected, 'L1'],
      [secondResolved, 'L1'],
      [closed, 'L1'],
      [reopened, 'L1'],
      [breached, 'L1'],
    ];
    const toSupervisors = (event: EventEnvelope<object>, kind: string) =>
      SUPERVISORS.map((recipient) => ({ event, recipient, kind }));
    const expected: Expected[] = [
      { event: registered, recipient: requester, kind: 'ticket-registered' },
      { event: escalated, recipient: MAILBOX.UIT, kind: 'ticket-escalated' },
      { event: returned, recipient: MAILBOX.L1, kind: 'solution-returned' },
      { event: firstResolved, recipient: requester, kind: 'ticket-resolved' },
      ...toSupervisors(firstResolved, 'review-requested'),
      { event: rejected, recipient: MAILBOX.L1, kind: 'review-rejected' },
      { event: secondResolved, recipient: requester, kind: 'ticket-resolved' },
      ...toSupervisors(secondResolved, 'review-requested'),
      { event: closed, recipient: requester, kind: 'ticket-closed' },
      { event: reopened, recipient: requester, kind: 'ticket-reopened' },
      ...toSupervisors(breached, 'sla-breached'),
    ];

    for (const [event, area] of sequenceOfEvents) await send(event, area);
    await waitFor(arrived(expected), { what: 'every mail of the ticket' });
    await sleep(SETTLE_MS);

    // Exactly the expected mails: one per (event, recipient), to that recipient and nobody else.
    const mails = mailsFor(smtp.mails, number);
    expect(mails.map((mail) => mail.parsed.messageId).sort()).toEqual(expected.map(messageIdOf).sort());
    for (const e of expected) {
      const [mail] = mailsWithId(messageIdOf(e));
      expect({ kind: e.kind, to: mail!.envelopeTo }).toEqual({ kind: e.kind, to: [e.recipient] });
      expect(mail!.parsed.subject).toMatch(new RegExp(`^\\[CAU #${number}\\] `));
    }

    // Threading: every later mail answers the registration mail.
    const registrationId = expectedMessageId(registered.id, requester, DOMAIN);
    for (const mail of mails) {
      if (mail.parsed.messageId === registrationId) {
        expect(mail.parsed.inReplyTo).toBeUndefined();
        continue;
      }
      expect(mail.parsed.inReplyTo).toBe(registrationId);
      expect(mail.parsed.references).toBe(registrationId);
    }

    // What each says, in short.
    const mailOf = (event: EventEnvelope<object>, recipient: string) =>
      mails.find((mail) => mail.parsed.messageId?.includes(event.id) && mail.envelopeTo[0] === recipient)!;
    expect(mailOf(escalated, MAILBOX.UIT).parsed.subject).toBe(
      `[CAU #${number}] Ticket derivado a UIT: La impresora ${number} no imprime`,
    );
    expect(mailOf(escalated, MAILBOX.UIT).parsed.text).toContain('Olga Operadora derivó este ticket de L1 a UIT.');
    expect(mailOf(firstResolved, requester).parsed.text).toContain('verifique que funciona');
    expect(mailOf(firstResolved, requester).parsed.text).toContain('Se reinició el servicio de correo.');
    expect(mailOf(secondResolved, SUPERVISORS[0]!).parsed.subject).toBe(
      `[CAU #${number}] Solución para revisar: La impresora ${number} no imprime`,
    );
    expect(mailOf(rejected, MAILBOX.L1).parsed.text).toContain('Falta verificar con la usuaria');
    expect(mailOf(closed, requester).parsed.text).toContain(`https://${DOMAIN}/tickets/${number}/encuesta`);
    expect(mailOf(reopened, requester).parsed.text).toContain('El correo volvió a fallar');
    expect(mailOf(breached, SUPERVISORS[1]!).parsed.subject).toBe(
      `[CAU #${number}] Venció el plazo de resolución: La impresora ${number} no imprime`,
    );

    // The same events again (JetStream keeps the copies under other msgIDs): no new mail, no new row.
    const rowsBefore = await deliveriesOf(sequenceOfEvents.map(([event]) => event));
    expect(rowsBefore).toHaveLength(expected.length);
    for (const [event, area] of sequenceOfEvents) await send(event, area, `${event.id}:again`);
    await sleep(SETTLE_MS * 2);
    expect(mailsFor(smtp.mails, number)).toHaveLength(expected.length);
    expect(await deliveriesOf(sequenceOfEvents.map(([event]) => event))).toHaveLength(expected.length);
  });

  it("reaches the ticket's people at their own address: referente, the agent who held it, the submitting operator", async () => {
    const number = ++nextNumber;
    const requester = 'docente@minedu.gob.bo';
    const registered = ticketRegistered(number, { email: requester, name: 'Docente' });
    registered.data.jurisdiction = 'MINEDU';
    const olga = { ...operator, email: 'Olga@agetic.gob.bo' };
    const ursula = { ...agent, name: 'Úrsula UIT', email: 'ursula@agetic.gob.bo' };
    const otro = { ...agent, accountId: randomUUID(), name: 'Otro UIT', email: 'otro@agetic.gob.bo' };
    const at = (minute: number) => new Date(Date.UTC(2025, 10, 24, 15, minute)).toISOString();
    let sequence = 0;
    const derived = (from: string, to: string, kind: 'escalate' | 'coordinate' | 'return', who: ByV1, minute: number) =>
      ticketEvent(
        kind === 'return' ? ProcedureEvents.SolutionReturned : ProcedureEvents.TicketEscalated,
        registered,
        { derivationId: randomUUID(), from, to, kind, reason: `${from} → ${to}`, by: who, at: at(minute) },
        ++sequence,
      );
    const taken = (area: string, who: ByV1, minute: number) =>
      ticketEvent(
        ProcedureEvents.TicketTaken,
        registered,
        { area, status: 'en_curso', by: who, at: at(minute), assignee: who },
        ++sequence,
      );
    const takenL1 = taken('L1', olga, 1);
    const toUit = derived('L1', 'UIT', 'escalate', olga, 2);
    const takenUit = taken('UIT', ursula, 4);
    // Older than Úrsula's: arrives late and must not make Otro the agent UIT mails.
    const staleTakenUit = taken('UIT', otro, 3);
    const toUpat = derived('UIT', 'UPAT', 'escalate', ursula, 5);
    const backToUit = derived('UPAT', 'UIT', 'coordinate', by('Agente UPAT', 'agent'), 6);
    const backToL1 = derived('UIT', 'L1', 'return', ursula, 7);
    const resolved = ticketEvent(
      ProcedureEvents.TicketResolved,
      registered,
      { area: 'L1', status: 'resuelto', by: olga, at: at(8), verifiedWithRequester: true, solution: 'Listo.' },
      ++sequence,
    );
    const rejected = ticketEvent(
      ProcedureEvents.ReviewRejected,
      registered,
      { area: 'L1', status: 'en_curso', by: supervisor, at: at(9), observations: 'Adjunte la evidencia' },
      ++sequence,
    );
    const closed = ticketEvent(
      ProcedureEvents.TicketClosed,
      registered,
      {
        area: 'L1',
        status: 'cerrado',
        by: supervisor,
        at: at(10),
        resolutionBusinessMinutes: 10,
        resolutionCalendarMinutes: 10,
      },
      ++sequence,
    );
    const events: Array<[EventEnvelope<object>, string | undefined]> = [
      [registered, undefined],
      [takenL1, 'L1'],
      [toUit, 'UIT'],
      [takenUit, 'UIT'],
      [staleTakenUit, 'UIT'],
      [toUpat, 'UPAT'],
      [backToUit, 'UIT'],
      [backToL1, 'L1'],
      [resolved, 'L1'],
      [rejected, 'L1'],
      [closed, 'L1'],
    ];
    const olgaAddress = 'olga@agetic.gob.bo';
    const expected: Expected[] = [
      { event: registered, recipient: requester, kind: 'ticket-registered' },
      { event: registered, recipient: REFERENTE, kind: 'ticket-registered' },
      { event: toUit, recipient: MAILBOX.UIT, kind: 'ticket-escalated' },
      { event: backToUit, recipient: MAILBOX.UIT, kind: 'ticket-escalated' },
      { event: backToUit, recipient: ursula.email, kind: 'ticket-escalated' },
      { event: backToL1, recipient: MAILBOX.L1, kind: 'solution-returned' },
      { event: backToL1, recipient: olgaAddress, kind: 'solution-returned' },
      { event: resolved, recipient: requester, kind: 'ticket-resolved' },
      { event: resolved, recipient: REFERENTE, kind: 'ticket-resolved' },
      ...SUPERVISORS.map((recipient) => ({ event: resolved, recipient, kind: 'review-requested' })),
      { event: rejected, recipient: olgaAddress, kind: 'review-rejected' },
      { event: closed, recipient: requester, kind: 'ticket-closed' },
      { event: closed, recipient: REFERENTE, kind: 'ticket-closed' },
    ];

    for (const [event, area] of events) await send(event, area);
    await waitFor(arrived(expected), { what: "the mails of the ticket's people" });
    await sleep(SETTLE_MS);

    const mails = mailsFor(smtp.mails, number);
    expect(mails.map((mail) => mail.parsed.messageId).sort()).toEqual(expected.map(messageIdOf).sort());
    for (const e of expected) expect(mailsWithId(messageIdOf(e))[0]!.envelopeTo).toEqual([e.recipient]);
    // The rejected review went to Olga alone, not to the Mesa de Servicios' mailbox.
    expect(mails.filter((mail) => mail.envelopeTo[0] === MAILBOX.L1).map((mail) => mail.parsed.messageId)).toEqual([
      messageIdOf({ event: backToL1, recipient: MAILBOX.L1, kind: 'solution-returned' }),
    ]);
    // The signed survey link is the requester's: the referente's copy links to the portal's survey page.
    const closedText = (recipient: string) =>
      mailsWithId(messageIdOf({ event: closed, recipient, kind: 'ticket-closed' }))[0]!.parsed.text ?? '';
    expect(closedText(requester)).toMatch(new RegExp(`/tickets/${number}/encuesta\\?token=[\\w.-]+`));
    expect(closedText(REFERENTE)).toContain(`/tickets/${number}/encuesta`);
    expect(closedText(REFERENTE)).not.toContain('token=');
  });

  it('mails staff public replies to the requester and the referente, never an internal note; assignments to the assignee', async () => {
    const number = ++nextNumber;
    const requester = 'maestra@minedu.gob.bo';
    const registered = ticketRegistered(number, { email: requester, name: 'Maestra' });
    registered.data.jurisdiction = 'MINEDU';
    const ursula = { ...agent, accountId: randomUUID(), name: 'Úrsula UIT', email: 'Ursula@agetic.gob.bo' };
    const sinCorreo = { ...agent, accountId: randomUUID(), name: 'Sin Correo' };
    const olga = { ...operator, email: 'olga@agetic.gob.bo' };
    const at = (minute: number) => new Date(Date.UTC(2025, 10, 24, 15, minute)).toISOString();
    let sequence = 0;
    const taken = (who: ByV1, assignee: ByV1, minute: number) =>
      ticketEvent(
        ProcedureEvents.TicketTaken,
        registered,
        { area: 'L1', status: 'en_curso', by: who, at: at(minute), assignee },
        ++sequence,
      );
    const commented = (who: ByV1, text: string, minute: number, internal?: boolean) =>
      ticketEvent(
        ProcedureEvents.TicketCommented,
        registered,
        {
          area: 'L1',
          status: 'en_curso',
          by: who,
          at: at(minute),
          commentId: randomUUID(),
          text,
          channel: 'portal',
          reopens: false,
          ...(internal === undefined ? {} : { internal }),
        },
        ++sequence,
      );
    const tookItself = taken(olga, olga, 1);
    const assigned = taken({ ...supervisor, email: 'susana@agetic.gob.bo' }, ursula, 2);
    const assignedUnknown = taken(supervisor, sinCorreo, 3);
    const note = commented(olga, 'NOTA-INTERNA: el usuario ya llamó tres veces', 4, true);
    const reply = commented(olga, 'Reinicie el equipo y pruebe de nuevo.\nGracias.', 5, false);
    const replyOfOld = commented(ursula, 'Lo vemos hoy.', 6);
    const answer = commented(by('Maestra', 'requester'), 'Sigue igual.', 7);
    const events: Array<EventEnvelope<object>> = [
      registered,
      tookItself,
      assigned,
      assignedUnknown,
      note,
      reply,
      replyOfOld,
      answer,
    ];
    const expected: Expected[] = [
      { event: registered, recipient: requester, kind: 'ticket-registered' },
      { event: registered, recipient: REFERENTE, kind: 'ticket-registered' },
      { event: assigned, recipient: 'ursula@agetic.gob.bo', kind: 'ticket-assigned' },
      { event: reply, recipient: requester, kind: 'staff-replied' },
      { event: reply, recipient: REFERENTE, kind: 'staff-replied' },
      { event: replyOfOld, recipient: requester, kind: 'staff-replied' },
      { event: replyOfOld, recipient: REFERENTE, kind: 'staff-replied' },
      { event: answer, recipient: MAILBOX.L1, kind: 'requester-commented' },
    ];

    for (const event of events) await send(event, event === registered ? undefined : 'L1');
    await waitFor(arrived(expected), { what: 'the replies and the assignment mail' });
    await sleep(SETTLE_MS);

    const mails = mailsFor(smtp.mails, number);
    expect(mails.map((mail) => mail.parsed.messageId).sort()).toEqual(expected.map(messageIdOf).sort());
    for (const e of expected) expect(mailsWithId(messageIdOf(e))[0]!.envelopeTo).toEqual([e.recipient]);
    // The internal note reached nobody: no mail, no delivery row, no text anywhere.
    expect(await deliveriesOf([note, tookItself, assignedUnknown])).toEqual([]);
    for (const mail of mails) {
      expect(`${mail.parsed.subject} ${mail.parsed.text} ${mail.parsed.html || ''}`).not.toContain('NOTA-INTERNA');
    }
    // Threaded on the registration mail, like every mail of the ticket.
    const registrationId = expectedMessageId(registered.id, requester, DOMAIN);
    const mailOf = (e: Expected) => mailsWithId(messageIdOf(e))[0]!;
    const replyMail = mailOf(expected[3]!);
    expect(replyMail.parsed.inReplyTo).toBe(registrationId);
    expect(replyMail.parsed.references).toBe(registrationId);
    expect(replyMail.parsed.subject).toBe(
      `[CAU #${number}] Respuesta a su solicitud: La impresora ${number} no imprime`,
    );
    expect(replyMail.parsed.text).toContain('Olga Operadora, de la Mesa de Servicios, respondió en su solicitud.');
    expect(replyMail.parsed.text).toContain('Respuesta:\nReinicie el equipo y pruebe de nuevo.\nGracias.');
    const assignedMail = mailOf(expected[2]!);
    expect(assignedMail.parsed.inReplyTo).toBe(registrationId);
    expect(assignedMail.parsed.subject).toBe(
      `[CAU #${number}] Le asignaron un ticket: La impresora ${number} no imprime`,
    );
    expect(assignedMail.parsed.text).toContain('Susana Supervisora le asignó este ticket de L1');
    expect(assignedMail.parsed.text).toContain(`https://${DOMAIN}/tickets/${number}`);
  });

  it('sends nothing to an area without a mailbox', async () => {
    const registered = ticketRegistered(++nextNumber);
    const toUpat = ticketEvent(
      ProcedureEvents.TicketEscalated,
      registered,
      { derivationId: randomUUID(), from: 'UIT', to: 'UPAT', kind: 'escalate', reason: 'Código', by: agent, at },
      1,
    );
    await send(registered);
    await send(toUpat, 'UPAT');
    await waitFor(
      async () =>
        (await bench.db.query('SELECT 1 FROM notifications.inbox WHERE event_id = $1', [toUpat.id])).rowCount === 1,
      {
        what: 'the escalation to be handled',
      },
    );
    expect(await deliveriesOf([toUpat])).toEqual([]);
  });

  it('honours an opt-out of a non-essential mail, never of the registration mail', async () => {
    const requester = 'opta@salud.gob';
    const number = ++nextNumber;
    const registered = ticketRegistered(number, { email: requester, name: 'Opta' });
    const closed = ticketEvent(
      ProcedureEvents.TicketClosed,
      registered,
      { area: 'L1', status: 'cerrado', by: supervisor, at, resolutionBusinessMinutes: 1, resolutionCalendarMinutes: 1 },
      1,
    );
    const reopened = ticketEvent(
      ProcedureEvents.TicketReopened,
      registered,
      { area: 'L1', status: 'en_curso', by: operator, at, reason: 'Otra vez' },
      2,
    );
    const breached = ticketEvent(
      ProcedureEvents.SlaBreached,
      registered,
      { area: 'L1', target: 'response', dueAt: at, detectedAt: at },
      3,
    );

    // The key is the actor's own address, whatever its case.
    const me = actor('requester', 'Opta@Salud.gob');
    await expect(
      bench.rpc.request(NotificationsRpc.SetPreference, { actor: me, eventType: 'ticket.closed', enabled: false }),
    ).resolves.toEqual({ email: requester, eventType: 'ticket.closed', enabled: false });
    const supervisorActor = actor('supervisor', SUPERVISORS[0]!);
    await bench.rpc.request(NotificationsRpc.SetPreference, {
      actor: supervisorActor,
      eventType: 'ticket.sla-breached',
      enabled: false,
    });
    // The registration mail is essential: the request is refused, and a stored opt-out is ignored.
    expect(
      await refusal(
        bench.rpc.request(NotificationsRpc.SetPreference, {
          actor: me,
          eventType: 'ticket.registered',
          enabled: false,
        }),
      ),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'eventType', constraint: 'essentialNotification' }] });
    expect(
      await refusal(
        bench.rpc.request(NotificationsRpc.SetPreference, { actor: me, eventType: 'ticket.taken', enabled: false }),
      ),
    ).toMatchObject({ code: 'VALIDATION', fields: [{ field: 'eventType' }] });
    // A referente's copy of the registration mail is not essential: they may turn it off.
    await expect(
      bench.rpc.request(NotificationsRpc.SetPreference, {
        actor: actor('referente', 'ti@otra.gob.bo'),
        eventType: 'ticket.registered',
        enabled: false,
      }),
    ).resolves.toMatchObject({ eventType: 'ticket.registered', enabled: false });
    await bench.db.query(
      `INSERT INTO notifications.preferences (email, event_type, enabled) VALUES ($1, 'ticket.registered', false)`,
      [requester],
    );

    await send(registered);
    await send(closed, 'L1');
    await send(reopened, 'L1');
    await send(breached, 'L1');
    const expected: Expected[] = [
      { event: registered, recipient: requester, kind: 'ticket-registered' },
      { event: reopened, recipient: requester, kind: 'ticket-reopened' },
      { event: breached, recipient: SUPERVISORS[1]!, kind: 'sla-breached' },
    ];
    await waitFor(arrived(expected), { what: 'the mails not opted out of' });
    await sleep(SETTLE_MS);
    expect(
      mailsFor(smtp.mails, number)
        .map((mail) => mail.parsed.messageId)
        .sort(),
    ).toEqual(expected.map(messageIdOf).sort());
    expect(await deliveriesOf([closed])).toEqual([]);

    // Turned on again, the next closure is mailed.
    await bench.rpc.request(NotificationsRpc.SetPreference, {
      actor: me,
      eventType: 'ticket.closed',
      enabled: true,
    });
    const closedAgain = ticketEvent(
      ProcedureEvents.TicketClosed,
      registered,
      { area: 'L1', status: 'cerrado', by: supervisor, at, resolutionBusinessMinutes: 2, resolutionCalendarMinutes: 2 },
      4,
    );
    await send(closedAgain, 'L1');
    await waitFor(arrived([{ event: closedAgain, recipient: requester, kind: 'ticket-closed' }]), {
      what: 'the closure mail once wanted again',
    });
  });

  it('mails a lifecycle event that arrived before its registration once the registration is here', async () => {
    const number = ++nextNumber;
    const registered = ticketRegistered(number);
    const requester = registered.data.requester.email;
    const escalated = ticketEvent(
      ProcedureEvents.TicketEscalated,
      registered,
      { derivationId: randomUUID(), from: 'L1', to: 'ADT', kind: 'escalate', reason: 'Diseño', by: operator, at },
      1,
    );
    await send(escalated, 'ADT');
    // Tried and refused for now: the consumer puts it back with a back-off.
    await sleep(500);
    expect(await deliveriesOf([escalated])).toEqual([]);

    await send(registered);
    const expected: Expected[] = [
      { event: registered, recipient: requester, kind: 'ticket-registered' },
      { event: escalated, recipient: MAILBOX.ADT, kind: 'ticket-escalated' },
    ];
    await waitFor(arrived(expected), { what: 'both mails', timeoutMs: 20_000 });
    await sleep(SETTLE_MS);
    expect(mailsFor(smtp.mails, number)).toHaveLength(2);
    const [mail] = mailsWithId(messageIdOf(expected[1]!));
    expect(mail!.parsed.inReplyTo).toBe(messageIdOf(expected[0]!));
  });

  it('lists a delivery refused for good (550) and sends it again when an administrator retries it', async () => {
    const number = ++nextNumber;
    const registered = ticketRegistered(number);
    const recipient = registered.data.requester.email;
    smtp.failWith = { code: 550, message: 'No such user here' };
    await send(registered);
    const statusOf = async () =>
      (
        await bench.db.query<{ id: string; status: string; attempts: number }>(
          'SELECT id, status, attempts FROM notifications.deliveries WHERE event_id = $1',
          [registered.id],
        )
      ).rows[0];
    await waitFor(async () => (await statusOf())?.status === 'failed', { what: 'the mail to fail' });
    smtp.failWith = null;
    const { id } = (await statusOf())!;

    const failed = await bench.rpc.request(NotificationsRpc.ListDeliveries, {
      actor: admin,
      status: 'failed',
      limit: 10,
    });
    expect(failed.deliveries.every((delivery) => delivery.status === 'failed')).toBe(true);
    expect(failed.deliveries.find((delivery) => delivery.id === id)).toMatchObject({
      eventId: registered.id,
      kind: 'ticket-registered',
      recipient,
      ticketNumber: number,
      status: 'failed',
      attempts: 1,
      lastError: expect.stringContaining('550'),
      sentAt: null,
    });
    const sent = await bench.rpc.request(NotificationsRpc.ListDeliveries, {
      actor: admin,
      status: 'sent',
    });
    expect(sent.deliveries.length).toBeGreaterThan(0);
    expect(sent.deliveries.every((delivery) => delivery.status === 'sent')).toBe(true);

    const staff = actor('operator', 'olga@agetic.gob.bo');
    expect(await refusal(bench.rpc.request(NotificationsRpc.ListDeliveries, { actor: staff }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await refusal(bench.rpc.request(NotificationsRpc.RetryDelivery, { actor: staff, id }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      await refusal(
        bench.rpc.send(NotificationsRpc.ListDeliveries.subject, { actor: admin, status: 'lost', limit: 0 }),
      ),
    ).toMatchObject({ code: 'VALIDATION' });

    const retried = await bench.rpc.request(NotificationsRpc.RetryDelivery, { actor: admin, id });
    expect(retried).toMatchObject({ id, status: 'pending', attempts: 0, lastError: null });
    await waitFor(arrived([{ event: registered, recipient, kind: 'ticket-registered' }]), { what: 'the retried mail' });
    await sleep(SETTLE_MS);
    expect(mailsFor(smtp.mails, number)).toHaveLength(1);
    expect(await statusOf()).toMatchObject({ status: 'sent', attempts: 1 });

    expect(await refusal(bench.rpc.request(NotificationsRpc.RetryDelivery, { actor: admin, id }))).toMatchObject({
      code: 'CONFLICT',
    });
    expect(
      await refusal(bench.rpc.request(NotificationsRpc.RetryDelivery, { actor: admin, id: randomUUID() })),
    ).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('tells the requester of a merged duplicate where the work goes on, and not the original’s requester', async () => {
    const original = ticketRegistered(++nextNumber, { email: 'ana.perez@salud.gob', name: 'Ana Pérez' });
    const duplicate = ticketRegistered(++nextNumber, { email: 'luis.gomez@salud.gob', name: 'Luis Gómez' });
    const refs = {
      duplicate: { ticketId: duplicate.data.ticketId, number: duplicate.data.number },
      original: { ticketId: original.data.ticketId, number: original.data.number },
      reason: 'Mismo corte de correo',
    };
    const onDuplicate = ticketEvent(
      ProcedureEvents.TicketMerged,
      duplicate,
      { area: 'L1', status: 'fusionado', by: operator, at, ...refs },
      1,
    );
    const onOriginal = ticketEvent(
      ProcedureEvents.TicketMerged,
      original,
      { area: 'L1', status: 'en_curso', by: operator, at, ...refs },
      1,
    );
    await send(original);
    await send(duplicate);
    await send(onOriginal, 'L1');
    await send(onDuplicate, 'L1');
    const expected = { event: onDuplicate, recipient: 'luis.gomez@salud.gob', kind: 'ticket-merged' };
    await waitFor(arrived([expected]), { what: 'the merge mail' });
    await sleep(SETTLE_MS);

    const [mail] = mailsWithId(messageIdOf(expected));
    expect(mail!.parsed.subject).toBe(
      `[CAU #${duplicate.data.number}] Su solicitud se unió a otra: ${duplicate.data.title}`,
    );
    expect(mail!.parsed.text).toContain(`trata el mismo problema que el ticket ${original.data.number}`);
    expect(mail!.parsed.text).toContain(`https://${DOMAIN}/tickets/${original.data.number}`);
    expect(await deliveriesOf([onDuplicate, onOriginal])).toEqual([
      expect.objectContaining({ event_id: onDuplicate.id, recipient: 'luis.gomez@salud.gob', kind: 'ticket-merged' }),
    ]);
  });

  it('mails the solution and the closure of an original to the requesters of duplicates merged into it', async () => {
    const original = ticketRegistered(++nextNumber, { email: 'ana.perez@salud.gob', name: 'Ana Pérez' });
    const duplicate = ticketRegistered(++nextNumber, { email: 'Marta.Ruiz@salud.gob', name: 'Marta Ruiz' });
    const refs = {
      duplicate: { ticketId: duplicate.data.ticketId, number: duplicate.data.number },
      original: { ticketId: original.data.ticketId, number: original.data.number },
      duplicateRequester: { email: 'Marta.Ruiz@salud.gob', name: 'Marta Ruiz' },
    };
    const mergedIn = ticketEvent(
      ProcedureEvents.TicketMerged,
      original,
      { area: 'L1', status: 'en_curso', by: operator, at, ...refs },
      1,
    );
    const resolved = ticketEvent(
      ProcedureEvents.TicketResolved,
      original,
      {
        area: 'L1',
        status: 'resuelto',
        by: operator,
        at,
        verifiedWithRequester: true,
        solution: 'Se cambió el tóner.',
      },
      2,
    );
    const closed = ticketEvent(
      ProcedureEvents.TicketClosed,
      original,
      { area: 'L1', status: 'cerrado', by: supervisor, at, resolutionBusinessMinutes: 5, resolutionCalendarMinutes: 5 },
      3,
    );
    await send(original);
    await send(duplicate);
    await send(mergedIn, 'L1');
    await send(resolved, 'L1');
    await send(closed, 'L1');
    const follower = 'marta.ruiz@salud.gob';
    const expected = [
      { event: resolved, recipient: follower, kind: 'ticket-resolved' },
      { event: closed, recipient: follower, kind: 'ticket-closed' },
      { event: resolved, recipient: 'ana.perez@salud.gob', kind: 'ticket-resolved' },
      { event: closed, recipient: 'ana.perez@salud.gob', kind: 'ticket-closed' },
    ];
    await waitFor(arrived(expected), { what: "the original's mails to its requester and its follower" });
    await sleep(SETTLE_MS);

    const [solution] = mailsWithId(messageIdOf(expected[0]!));
    expect(solution!.parsed.subject).toContain(`[CAU #${original.data.number}]`);
    expect(solution!.parsed.text).toContain('Hola, Marta Ruiz:');
    expect(solution!.parsed.text).toContain('Se cambió el tóner.');
    const [closure] = mailsWithId(messageIdOf(expected[1]!));
    expect(closure!.parsed.text).toContain('Hola, Marta Ruiz:');
    // The survey is the original requester's alone; the follower is sent to their own request.
    expect(closure!.parsed.text).not.toContain('token=');
    expect(closure!.parsed.text).not.toContain('/encuesta');
    expect(closure!.parsed.text).toContain(`Su solicitud #${duplicate.data.number} se había unido a esta.`);
    expect(closure!.parsed.text).toContain(`/tickets/${duplicate.data.number}`);
    const [own] = mailsWithId(messageIdOf(expected[3]!));
    expect(own!.parsed.text).toContain('Hola, Ana Pérez:');
    expect(own!.parsed.text).toMatch(/encuesta\?token=/);
    // Once each, and the merge on the original's stream mails nobody.
    expect((await deliveriesOf([mergedIn, resolved, closed])).filter((d) => d.recipient === follower)).toHaveLength(2);
  });
});
