import { ErrorCode, ProcedureEvents, ResolutionRpc, ServiceLevelEvents } from '@cau/contracts';
import { ResolutionHarness, people, refusal, type TestTicket } from './support.js';

const MINUTE = 60_000;

describe('resolution: related tickets and merging a duplicate into its original (issue 12)', () => {
  let h: ResolutionHarness;
  const operator = people.operator();
  const supervisor = people.supervisor();
  const requester = people.requester();

  beforeAll(async () => {
    h = await ResolutionHarness.start('reslinks');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const links = async () =>
    (
      await h.db.query<{ low: string; high: string }>(
        'SELECT low_ticket_id AS low, high_ticket_id AS high FROM resolution.ticket_links',
      )
    ).rows;
  const steps = async (ticket: TestTicket) =>
    (
      await h.db.query<{ action: string; notes: string | null }>(
        'SELECT action, notes FROM resolution.ticket_steps WHERE ticket_id = $1 ORDER BY step_id',
        [ticket.ticketId],
      )
    ).rows.filter((s) => !['register', 'route'].includes(s.action));

  it('relates two tickets once, symmetrically, announces it on both, and unrelates them', async () => {
    const a = await h.ticket();
    const b = await h.ticket();
    const before = await links();

    expect(await h.command('link', 'L1', operator, a, { related: b.number })).toMatchObject({
      number: a.number,
      status: 'abierto',
    });
    // Again, and from the other side: nothing changes, nothing more is announced.
    await h.command('link', 'L1', operator, a, { related: b.number });
    await h.command('link', 'L1', people.agent('L1'), b, { related: a.number });
    const pair = [a.ticketId, b.ticketId].sort();
    expect((await links()).length).toBe(before.length + 1);
    expect(await links()).toContainEqual({ low: pair[0], high: pair[1] });
    expect(await steps(a)).toEqual([{ action: 'link', notes: `#${b.number}` }]);
    expect(await steps(b)).toEqual([{ action: 'link', notes: `#${a.number}` }]);

    const [onA] = await h.streamed(ProcedureEvents.TicketLinked, a);
    const onB = await h.streamed(ProcedureEvents.TicketLinked, b);
    expect(onA!.data).toMatchObject({
      number: a.number,
      area: 'L1',
      status: 'abierto',
      by: { accountId: operator.accountId },
      related: { ticketId: b.ticketId, number: b.number },
    });
    expect(onB.map((e) => e.data)).toEqual([
      expect.objectContaining({ number: b.number, related: { ticketId: a.ticketId, number: a.number } }),
    ]);

    await h.command('unlink', 'L1', operator, b, { related: a.number });
    await h.command('unlink', 'L1', operator, b, { related: a.number });
    expect(await links()).not.toContainEqual({ low: pair[0], high: pair[1] });
    expect(await steps(a)).toEqual([
      { action: 'link', notes: `#${b.number}` },
      { action: 'unlink', notes: `#${b.number}` },
    ]);
    expect((await h.streamed(ProcedureEvents.TicketUnlinked, a)).map((e) => e.data)).toEqual([
      expect.objectContaining({ number: a.number, related: { ticketId: b.ticketId, number: b.number } }),
    ]);
  });

  it('refuses a self-link, an unknown number, and requesters, naming the field', async () => {
    const a = await h.ticket();
    expect(await refusal(h.command('link', 'L1', operator, a, { related: a.number }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.related', constraint: 'notSelf', params: [a.number] }],
    });
    expect(await refusal(h.command('link', 'L1', operator, a, { related: 999_999 }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.related', constraint: 'ticketExists', params: [999_999] }],
    });
    expect(await refusal(h.command('link', 'L1', operator, a, { related: 'x' }))).toMatchObject({
      code: ErrorCode.Validation,
    });
    expect(await refusal(h.command('link', 'L1', requester, a, { related: a.number + 1 }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
  });

  it('merges a duplicate: it ends fusionado, the original tells its requester too, both histories and streams say so', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const original = await h.ticket({ requesterEmail: 'ana.perez@salud.gob' });
    const duplicate = await h.ticket({ requesterEmail: 'Luis.Gomez@salud.gob' });
    await h.command('take', 'L1', operator, original);
    await h.command('take', 'L1', operator, duplicate);
    await h.command('wait-requester', 'L1', operator, duplicate, { reason: '¿Desde cuándo?' });

    h.clock.set(new Date(h.clock.now().getTime() + 10 * MINUTE));
    expect(
      await h.command('merge', 'L1', operator, duplicate, { into: original.number, reason: 'Mismo corte de correo' }),
    ).toEqual({
      number: duplicate.number,
      status: 'fusionado',
      area: 'L1',
      assignee: { accountId: operator.accountId, name: operator.name },
      overdue: false,
      waitingOnRequester: false,
    });
    expect(await h.row(duplicate)).toMatchObject({ status: 'fusionado', merged_into: original.ticketId });
    expect(await h.row(original)).toMatchObject({ status: 'en_curso', merged_into: null });
    const followers = await h.db.query(
      'SELECT email, name, from_ticket_id FROM resolution.ticket_followers WHERE ticket_id = $1',
      [original.ticketId],
    );
    expect(followers.rows).toEqual([
      { email: 'luis.gomez@salud.gob', name: 'Ana Pérez', from_ticket_id: duplicate.ticketId },
    ]);
    expect((await steps(duplicate)).slice(-1)).toEqual([
      { action: 'merge', notes: `#${original.number}: Mismo corte de correo` },
    ]);
    expect(await steps(original)).toEqual([
      { action: 'take', notes: null },
      { action: 'merge-in', notes: `#${duplicate.number}: Mismo corte de correo` },
    ]);

    const refs = {
      duplicate: { ticketId: duplicate.ticketId, number: duplicate.number },
      original: { ticketId: original.ticketId, number: original.number },
      reason: 'Mismo corte de correo',
      duplicateRequester: { email: 'luis.gomez@salud.gob', name: 'Ana Pérez' },
    };
    expect((await h.streamed(ProcedureEvents.TicketMerged, duplicate)).map((e) => e.data)).toEqual([
      expect.objectContaining({ number: duplicate.number, status: 'fusionado', area: 'L1', ...refs }),
    ]);
    expect((await h.streamed(ProcedureEvents.TicketMerged, original)).map((e) => e.data)).toEqual([
      expect.objectContaining({ number: original.number, status: 'en_curso', area: 'L1', ...refs }),
    ]);
    // Its targets pass to the original: the duplicate states no due dates any more.
    const levels = await h.streamed(ServiceLevelEvents.ServiceLevelChanged, duplicate);
    expect(levels.at(-1)!.data).toMatchObject({ responseDueAt: null, resolutionDueAt: null, resolvedAt: null });

    // Terminal: nothing more happens to the duplicate, and nothing is merged into it.
    expect(await refusal(h.command('take', 'L1', operator, duplicate))).toMatchObject({ code: ErrorCode.Conflict });
    expect(await refusal(h.command('merge', 'L1', operator, duplicate, { into: original.number }))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.action-not-possible', params: { action: 'merge', status: 'fusionado' } },
    });
    const third = await h.ticket();
    expect(await refusal(h.command('merge', 'L1', operator, third, { into: duplicate.number }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.merge-original-merged', params: { number: duplicate.number, into: original.number } },
    });
    // Staff reply and note on the original, where the work goes on; the duplicate's requester may still write.
    const onMerged = { code: 'ticket.merged-comment', params: { number: duplicate.number, original: original.number } };
    for (const body of [{ text: 'Ya lo vemos.' }, { text: 'Nota interna.', internal: true }]) {
      expect(await refusal(h.command('comment', 'L1', operator, duplicate, body))).toEqual({
        code: ErrorCode.Conflict,
        refusal: onMerged,
      });
    }
    expect(
      await h.command('comment', 'L1', people.requester('luis.gomez@salud.gob'), duplicate, {
        text: 'Sigue sin andar.',
      }),
    ).toMatchObject({ status: 'fusionado' });
    // The original has a duplicate merged into it: it is not merged itself.
    expect(await refusal(h.command('merge', 'L1', operator, original, { into: third.number }))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: {
        code: 'ticket.merge-into-duplicate-original',
        params: { number: original.number, duplicates: [duplicate.number] },
      },
    });
  });

  it('never counts a merged duplicate as overdue, however late', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const original = await h.ticket();
    const duplicate = await h.ticket();
    await h.command('merge', 'L1', operator, duplicate, { into: original.number });
    h.clock.set('2026-04-30T12:00:00Z');
    await h.sweeper().sweep(h.clock.now());
    expect(await h.row(duplicate)).toMatchObject({ status: 'fusionado', overdue: false });
    expect(await h.row(original)).toMatchObject({ overdue: true });
    expect(
      await h.query(ResolutionRpc.TicketServiceLevel, { actor: operator, number: duplicate.number }),
    ).toMatchObject({ number: duplicate.number, responseDueAt: null, resolutionDueAt: null });
    expect(await h.query(ResolutionRpc.TicketServiceLevel, { actor: operator, number: original.number })).toMatchObject(
      { number: original.number, resolutionDueAt: expect.any(String) },
    );
  });

  it('refuses merging into itself, an unknown or closed original, and agents outside the area holding both', async () => {
    const duplicate = await h.ticket();
    expect(await refusal(h.command('merge', 'L1', operator, duplicate, { into: duplicate.number }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.into', constraint: 'notSelf', params: [duplicate.number] }],
    });
    expect(await refusal(h.command('merge', 'L1', operator, duplicate, { into: 888_888 }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.into', constraint: 'ticketExists', params: [888_888] }],
    });

    const closed = await h.ticket();
    await h.command('take', 'L1', operator, closed);
    await h.command('register-solution', 'L1', operator, closed, { solution: 'Se reinició el servidor.' });
    await h.command('submit', 'L1', operator, closed, { verifiedWithRequester: true });
    await h.command('review', 'L1', supervisor, closed, { decision: 'approve' });
    expect(await refusal(h.command('merge', 'L1', operator, duplicate, { into: closed.number }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.merge-original-closed', params: { number: closed.number } },
    });
    // A closed ticket is not merged either (the status machine).
    expect(await refusal(h.command('merge', 'L1', operator, closed, { into: duplicate.number }))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.action-not-possible', params: { action: 'merge', status: 'cerrado' } },
    });

    // Agents of UIT merge a UIT ticket into another UIT ticket, not into one held by L1.
    const inUit = await h.ticket();
    const otherInUit = await h.ticket();
    await h.derive(inUit, 'L1', 'UIT');
    await h.derive(otherInUit, 'L1', 'UIT');
    const uitAgent = people.agent('UIT');
    expect(await refusal(h.command('merge', 'UIT', uitAgent, inUit, { into: duplicate.number }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(
      await refusal(h.command('merge', 'UIT', people.agent('ADT'), inUit, { into: otherInUit.number })),
    ).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(await h.command('merge', 'UIT', uitAgent, inUit, { into: otherInUit.number })).toMatchObject({
      status: 'fusionado',
      area: 'UIT',
    });
    expect(await refusal(h.command('merge', 'L1', requester, duplicate, { into: otherInUit.number }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
  });
});
