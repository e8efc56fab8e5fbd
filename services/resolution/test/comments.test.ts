import { randomUUID } from 'node:crypto';
import { ErrorCode, ProcedureEvents, ResolutionRpc } from '@cau/contracts';
import { ResolutionHarness, people, refusal, type TestTicket } from './support.js';

const MINUTE = 60_000;

describe('resolution: comments on a ticket', () => {
  let h: ResolutionHarness;
  const operator = people.operator();
  const requester = people.requester();

  beforeAll(async () => {
    h = await ResolutionHarness.start('rescomments');
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function resolvedTicket(): Promise<TestTicket> {
    const ticket = await h.ticket();
    await h.command('take', 'L1', operator, ticket);
    await h.command('register-solution', 'L1', operator, ticket, { solution: 'Se reinició el servidor.' });
    await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true });
    return ticket;
  }

  const comments = async (ticket: TestTicket) =>
    (
      await h.db.query(
        'SELECT by_role, channel, text FROM resolution.ticket_comments WHERE ticket_id = $1 ORDER BY at',
        [ticket.ticketId],
      )
    ).rows;

  it('records the requester’s and staff comments without changing an open ticket, and refuses anyone else', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const ticket = await h.ticket();
    expect(await h.command('comment', 'L1', requester, ticket, { text: 'Adjunto más datos.' })).toMatchObject({
      status: 'abierto',
    });
    await h.command('comment', 'L1', people.agent('UIT'), ticket, {
      text: 'Revisamos el enlace.',
      channel: 'telefono',
    });
    // The referente of another jurisdiction (the referente of the ticket's own may comment for its people).
    const referente = { ...requester, role: 'referente' as const, jurisdiction: 'EDUCACION' };
    for (const someoneElse of [people.requester('otra@salud.gob'), referente]) {
      expect(await refusal(h.command('comment', 'L1', someoneElse, ticket, { text: 'x' }))).toMatchObject({
        code: ErrorCode.Forbidden,
      });
    }
    expect(await refusal(h.command('comment', 'L1', requester, ticket, { text: '' }))).toMatchObject({
      code: ErrorCode.Validation,
    });
    expect(await comments(ticket)).toEqual([
      { by_role: 'requester', channel: 'portal', text: 'Adjunto más datos.' },
      { by_role: 'agent', channel: 'telefono', text: 'Revisamos el enlace.' },
    ]);
    const events = await h.streamed(ProcedureEvents.TicketCommented, ticket);
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ text: 'Adjunto más datos.', channel: 'portal', status: 'abierto', reopens: false }),
      expect.objectContaining({ text: 'Revisamos el enlace.', channel: 'telefono', reopens: false }),
    ]);
  });

  it('reopens a resolved ticket when its requester comments, once for a repeated comment id', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const ticket = await resolvedTicket();
    const commentId = randomUUID();
    const body = { text: 'Sigue sin funcionar.', commentId, channel: 'email' };
    expect(await h.command('comment', 'L1', requester, ticket, body)).toMatchObject({ status: 'en_curso' });
    expect(await h.command('comment', 'L1', requester, ticket, body)).toMatchObject({ status: 'en_curso' });
    expect(await comments(ticket)).toHaveLength(1);
    const [commented] = await h.streamed(ProcedureEvents.TicketCommented, ticket);
    expect(commented!.data).toMatchObject({ commentId, status: 'resuelto', reopens: true, channel: 'email' });
    const reopened = await h.streamed(ProcedureEvents.TicketReopened, ticket);
    expect(reopened.map((e) => e.data)).toEqual([
      expect.objectContaining({ status: 'en_curso', reason: 'el solicitante respondió a la solución' }),
    ]);
  });

  it('keeps a resolved ticket resolved when staff comment, or when the reopening window has passed', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const ticket = await resolvedTicket();
    expect(await h.command('comment', 'L1', operator, ticket, { text: 'Se llamó al usuario.' })).toMatchObject({
      status: 'resuelto',
    });
    h.clock.set(new Date(Date.parse('2026-03-02T12:00:00Z') + 10 * 86_400_000 + MINUTE));
    expect(await h.command('comment', 'L1', requester, ticket, { text: 'Gracias igual.' })).toMatchObject({
      status: 'resuelto',
    });
    expect(await comments(ticket)).toHaveLength(2);
    expect(await h.streamed(ProcedureEvents.TicketReopened, ticket)).toEqual([]);
  });

  it('records staff internal notes as such, refuses them from the requester and the referente, and never reopens with one', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const ticket = await resolvedTicket();
    const uit = people.agent('UIT');
    const commentId = randomUUID();
    const note = { text: 'El usuario ya llamó tres veces; ojo con el relay.', commentId, internal: true };
    expect(await h.command('comment', 'L1', uit, ticket, note)).toMatchObject({ status: 'resuelto' });
    expect(await h.command('comment', 'L1', uit, ticket, note)).toMatchObject({ status: 'resuelto' });
    // A public reply of staff, stated as such.
    await h.command('comment', 'L1', operator, ticket, { text: 'Lo revisamos hoy.', internal: false });
    const referente = { ...requester, role: 'referente' as const, jurisdiction: 'SALUD' };
    for (const who of [requester, referente]) {
      expect(await refusal(h.command('comment', 'L1', who, ticket, { text: 'Secreto', internal: true }))).toEqual({
        code: ErrorCode.Forbidden,
        refusal: { code: 'ticket.internal-note-staff-only' },
      });
    }
    expect(
      (
        await h.db.query(
          'SELECT by_role, text, internal FROM resolution.ticket_comments WHERE ticket_id = $1 ORDER BY text',
          [ticket.ticketId],
        )
      ).rows,
    ).toEqual([
      { by_role: 'agent', text: note.text, internal: true },
      { by_role: 'operator', text: 'Lo revisamos hoy.', internal: false },
    ]);
    const events = (await h.streamed(ProcedureEvents.TicketCommented, ticket)).map((e) => e.data);
    expect(events).toEqual([
      expect.objectContaining({ commentId, text: note.text, internal: true, reopens: false, status: 'resuelto' }),
      expect.objectContaining({ text: 'Lo revisamos hoy.', reopens: false }),
    ]);
    expect(events[1]).not.toHaveProperty('internal');
    expect(await h.streamed(ProcedureEvents.TicketReopened, ticket)).toEqual([]);

    // Closed: the closure report keeps the note for staff and leaves it out for the requester.
    await h.command('review', 'L1', people.supervisor(), ticket, { decision: 'approve' });
    const report = (actor: typeof requester) => h.query(ResolutionRpc.ClosureReport, { actor, number: ticket.number });
    const forStaff = await report(operator);
    expect(forStaff.history.filter((step) => step.action === 'internal-note')).toEqual([
      expect.objectContaining({ notes: note.text, area: 'L1' }),
    ]);
    for (const who of [requester, referente]) {
      const seen = await report(who);
      expect(seen.history.map((step) => step.action)).toEqual(
        forStaff.history.map((step) => step.action).filter((action) => action !== 'internal-note'),
      );
      expect(JSON.stringify(seen)).not.toContain('tres veces');
    }
  });

  it('refuses a comment past the conversation’s limit, clearly, and keeps a retried one a no-op', async () => {
    const ticket = await h.ticket();
    const long = (i: number) => `${i} ${'La impresora sigue sin imprimir. '.repeat(400)}`.slice(0, 10_000);
    const first = randomUUID();
    await h.command('comment', 'L1', requester, ticket, { text: long(0), commentId: first });
    // 20 comments of 10,000 characters are the 200,000 a ticket's conversation holds.
    for (let i = 1; i < 20; i++) await h.command('comment', 'L1', requester, ticket, { text: long(i) });
    const before = await comments(ticket);
    expect(await refusal(h.command('comment', 'L1', operator, ticket, { text: 'Uno más' }))).toEqual({
      code: ErrorCode.TicketConversationFull,
      params: { number: ticket.number, comments: 300, characters: 200_000 },
    });
    // A retry of a comment the ticket holds is still answered, adding nothing.
    await h.command('comment', 'L1', requester, ticket, { text: long(0), commentId: first });
    expect(await comments(ticket)).toEqual(before);
  });
});
