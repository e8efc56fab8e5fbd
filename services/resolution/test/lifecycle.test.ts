import { ErrorCode, ProcedureEvents, ResolutionRpc, type ActorV1, type ResolutionAction } from '@cau/contracts';
import { ResolutionHarness, people, refusal, type TestTicket } from './support.js';

const MINUTE = 60_000;

describe('resolution: procedures 9.1 and 9.2 of docs/domain.md through commands', () => {
  let h: ResolutionHarness;
  const operator = people.operator();
  const supervisor = people.supervisor();
  const requester = people.requester();

  beforeAll(async () => {
    h = await ResolutionHarness.start('reslifecycle');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const later = (minutes: number) => h.clock.set(new Date(h.clock.now().getTime() + minutes * MINUTE));
  const report = (ticket: TestTicket, actor: ActorV1 = requester) =>
    h.query(ResolutionRpc.ClosureReport, { actor, number: ticket.number });

  /** 9.1 steps 2–8 for a ticket in L1: taken, solved and derived to the supervisor by the service desk. */
  async function resolveAtServiceDesk(ticket: TestTicket): Promise<void> {
    await h.command('take', 'L1', operator, ticket);
    await h.command('register-solution', 'L1', operator, ticket, { solution: 'Se restableció la contraseña' });
    await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true });
  }

  async function closedTicket(): Promise<TestTicket> {
    const ticket = await h.ticket();
    await resolveAtServiceDesk(ticket);
    await h.command('review', 'L1', supervisor, ticket, { decision: 'approve' });
    return ticket;
  }

  it('9.1: the service desk solves, the supervisor closes, and the closure report tells what happened', async () => {
    h.clock.set('2026-03-02T12:00:00Z'); // Monday 09:00 in La Pampa
    const ticket = await h.ticket();

    later(10);
    expect(await h.command('take', 'L1', operator, ticket)).toEqual({
      number: ticket.number,
      status: 'en_curso',
      area: 'L1',
      assignee: { accountId: operator.accountId, name: operator.name },
      overdue: false,
      waitingOnRequester: false,
    });
    later(20);
    await h.command('log-work', 'L1', operator, ticket, { description: 'Diagnóstico con el usuario', minutes: 15 });
    await h.command('register-solution', 'L1', operator, ticket, {
      solution: 'Se liberó espacio en el buzón',
      elements: 'buzón ana.perez',
    });
    later(30);
    expect(
      await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true, articleRef: 'KB-7' }),
    ).toMatchObject({ status: 'resuelto', area: 'L1' });
    expect(await refusal(report(ticket))).toMatchObject({ code: ErrorCode.NotFound });

    later(60);
    expect(await h.command('review', 'L1', supervisor, ticket, { decision: 'approve' })).toMatchObject({
      status: 'cerrado',
      area: 'L1',
    });

    const closure = await report(ticket);
    expect(closure).toMatchObject({
      number: ticket.number,
      registeredAt: '2026-03-02T12:00:00.000Z',
      resolvedAt: '2026-03-02T13:00:00.000Z',
      closedAt: '2026-03-02T14:00:00.000Z',
      closedBy: { accountId: supervisor.accountId, role: 'supervisor' },
      resolution: {
        solution: 'Se liberó espacio en el buzón',
        elements: 'buzón ana.perez',
        articleRef: 'KB-7',
        registeredBy: { accountId: operator.accountId },
      },
      timeToSolution: { businessMinutes: 60, calendarMinutes: 60 },
      timeWithoutService: { minutes: 60, basis: 'registration-to-solution' },
      workedMinutes: 15,
      overdue: false,
    });
    expect(closure.history.map((s) => s.action)).toEqual([
      'register',
      'route',
      'take',
      'log-work',
      'register-solution',
      'submit',
      'approve',
    ]);
    expect(await report(ticket, operator)).toEqual(closure);
    expect(await refusal(report(ticket, people.requester('otra@salud.gob')))).toMatchObject({
      code: ErrorCode.Forbidden,
    });

    const [closed] = await h.streamed(ProcedureEvents.TicketClosed, ticket);
    expect(closed!.data).toMatchObject({
      status: 'cerrado',
      area: 'L1',
      resolutionBusinessMinutes: 60,
      resolutionCalendarMinutes: 60,
    });
  });

  it('9.1 step 9: a rejected solution returns to the service desk with observations, and is approved the second time', async () => {
    const ticket = await h.ticket();
    await resolveAtServiceDesk(ticket);

    expect(await refusal(h.command('review', 'L1', supervisor, ticket, { decision: 'reject' }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.observations', constraint: 'isDefined' }],
    });
    expect(
      await h.command('review', 'L1', supervisor, ticket, {
        decision: 'reject',
        observations: 'No se verificó con la usuaria',
      }),
    ).toMatchObject({ status: 'en_curso', area: 'L1' });

    await h.command('log-work', 'L1', operator, ticket, { description: 'Verificación telefónica', minutes: 5 });
    await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true });
    expect(await h.command('review', 'L1', supervisor, ticket, { decision: 'approve' })).toMatchObject({
      status: 'cerrado',
    });

    const history = (await report(ticket)).history;
    expect(history.map((s) => s.action)).toEqual([
      'register',
      'route',
      'take',
      'register-solution',
      'submit',
      'reject',
      'log-work',
      'submit',
      'approve',
    ]);
    expect(history.find((s) => s.action === 'reject')).toMatchObject({
      notes: 'No se verificó con la usuaria',
      by: { accountId: supervisor.accountId },
    });
    const [rejected] = await h.streamed(ProcedureEvents.ReviewRejected, ticket);
    expect(rejected!.data).toMatchObject({ status: 'en_curso', observations: 'No se verificó con la usuaria' });
  });

  it('9.2: UIT works the ticket routing escalated to it, and the service desk submits once the solution is returned', async () => {
    const uitAgent = people.agent('UIT');
    const ticket = await h.ticket();
    await h.command('take', 'L1', operator, ticket);

    // Step 1: the service desk derives to UIT (routing's event); the operator's assignment ends with it.
    await h.derive(ticket, 'L1', 'UIT');
    expect((await h.row(ticket)).assignee_id).toBeNull();
    expect(await refusal(h.command('take', 'L1', operator, ticket))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.in-other-area', params: { number: ticket.number, area: 'UIT', addressed: 'L1' } },
    });
    expect(await refusal(h.command('take', 'UIT', operator, ticket))).toMatchObject({ code: ErrorCode.Forbidden });

    // Steps 2–4: UIT analyses, estimates, solves and registers the solution.
    expect(await h.command('take', 'UIT', uitAgent, ticket)).toMatchObject({
      area: 'UIT',
      assignee: { accountId: uitAgent.accountId, name: uitAgent.name },
    });
    await h.command('estimate', 'UIT', uitAgent, ticket, { minutes: 120, note: 'Reinicio del clúster de correo' });
    await h.command('log-work', 'UIT', uitAgent, ticket, { description: 'Reinicio del nodo mail02', minutes: 90 });
    await h.command('register-solution', 'UIT', uitAgent, ticket, {
      solution: 'Se reemplazó el disco del nodo mail02',
      elements: 'mail02',
      downtimeMinutes: 180,
    });
    expect(await refusal(h.command('submit', 'UIT', uitAgent, ticket, { verifiedWithRequester: true }))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.submit-not-at-service-desk', params: { serviceDesk: 'L1', area: 'UIT' } },
    });

    // Step 5: UIT derives the solution back; steps 6–9: the service desk submits, the supervisor closes.
    await h.derive(ticket, 'UIT', 'L1', 'return');
    expect(await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true })).toMatchObject({
      status: 'resuelto',
      area: 'L1',
      assignee: null,
    });
    await h.command('review', 'L1', supervisor, ticket, { decision: 'approve' });

    const closure = await report(ticket);
    expect(closure.history.map((s) => [s.action, s.area])).toEqual([
      ['register', null],
      ['route', 'L1'],
      ['take', 'L1'],
      ['escalate', 'L1'],
      ['take', 'UIT'],
      ['estimate', 'UIT'],
      ['log-work', 'UIT'],
      ['register-solution', 'UIT'],
      ['return', 'UIT'],
      ['submit', 'L1'],
      ['approve', 'L1'],
    ]);
    expect(closure.history.find((s) => s.action === 'escalate')).toMatchObject({ from: 'L1', to: 'UIT' });
    expect(closure).toMatchObject({
      resolution: {
        solution: 'Se reemplazó el disco del nodo mail02',
        registeredBy: { accountId: uitAgent.accountId },
      },
      timeWithoutService: { minutes: 180, basis: 'reported' },
      workedMinutes: 90,
    });
    const [taken] = await h.streamed(ProcedureEvents.TicketTaken, ticket).then((events) => events.slice(1));
    expect(taken!.data).toMatchObject({ area: 'UIT', status: 'en_curso', assignee: { accountId: uitAgent.accountId } });
  });

  it('keeps the area routing confirmed when an older derivation arrives afterwards', async () => {
    const upatAgent = people.agent('UPAT');
    const ticket = await h.ticket();
    const toUit = h.derivation(ticket, 'L1', 'UIT', 'escalate'); // both events still on their way
    const toUpat = h.derivation(ticket, 'UIT', 'UPAT', 'escalate');
    expect(await h.command('take', 'UPAT', upatAgent, ticket)).toMatchObject({ area: 'UPAT' });
    await toUit.deliver(); // older than what routing told us: it must not move the ticket back to UIT
    const asked = h.locateCalls;
    expect(await h.command('estimate', 'UPAT', upatAgent, ticket, { minutes: 30 })).toMatchObject({ area: 'UPAT' });
    expect(h.locateCalls).toBe(asked); // the copy was right, routing was not asked again
    await toUpat.deliver();
    expect(
      await h.command('log-work', 'UPAT', upatAgent, ticket, { description: 'Análisis', minutes: 20 }),
    ).toMatchObject({
      area: 'UPAT',
    });
  });

  it('asks routing when its copy lags behind a derivation, and goes on only in the area routing confirms', async () => {
    const uitAgent = people.agent('UIT');
    const ticket = await h.ticket();
    const escalation = h.derivation(ticket, 'L1', 'UIT', 'escalate'); // routing moved it; the event is late
    const asked = h.locateCalls;

    expect(await h.command('take', 'UIT', uitAgent, ticket)).toMatchObject({
      area: 'UIT',
      assignee: { accountId: uitAgent.accountId },
    });
    expect(h.locateCalls).toBe(asked + 1);
    expect(await refusal(h.command('estimate', 'ADT', people.agent('ADT'), ticket, { minutes: 30 }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.in-other-area', params: { number: ticket.number, area: 'UIT', addressed: 'ADT' } },
    });

    // The late event moves nothing and keeps the assignment, but the derivation enters the history.
    await escalation.deliver();
    expect(await h.command('estimate', 'UIT', uitAgent, ticket, { minutes: 30 })).toMatchObject({
      area: 'UIT',
      assignee: { accountId: uitAgent.accountId },
    });
    const steps = await h.db.query('SELECT action FROM resolution.ticket_steps WHERE ticket_id = $1', [
      ticket.ticketId,
    ]);
    expect(steps.rows.map((r) => r.action)).toContain('escalate');

    expect(await refusal(h.command('take', 'L1', operator, { ...ticket, number: 999_999 }))).toMatchObject({
      code: ErrorCode.NotFound,
      params: { resource: 'ticket', id: 999_999 },
    });
  });

  it('keeps the newest area when routing’s events arrive out of order, and records every derivation', async () => {
    const ticket = await h.ticket();
    const escalation = h.derivation(ticket, 'L1', 'UIT', 'escalate');
    const returned = h.derivation(ticket, 'UIT', 'L1', 'return');
    await returned.deliver();
    await escalation.deliver();

    expect((await h.row(ticket)).area).toBe('L1');
    const steps = await h.db.query(
      'SELECT action, from_area, to_area FROM resolution.ticket_steps WHERE ticket_id = $1',
      [ticket.ticketId],
    );
    expect(steps.rows.filter((r) => r.from_area !== null)).toEqual(
      expect.arrayContaining([
        { action: 'escalate', from_area: 'L1', to_area: 'UIT' },
        { action: 'return', from_area: 'UIT', to_area: 'L1' },
      ]),
    );
  });

  it('refuses agents of another area, and submissions that are not verified or have no solution', async () => {
    const ticket = await h.ticket();
    expect(await refusal(h.command('take', 'L1', people.agent('ADT'), ticket))).toEqual({
      code: ErrorCode.Forbidden,
      refusal: { code: 'ticket.members-only', params: { area: 'L1' } },
    });
    expect(await refusal(h.command('take', 'L1', requester, ticket))).toMatchObject({ code: ErrorCode.Forbidden });
    await h.command('take', 'L1', operator, ticket);

    expect(await refusal(h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.submit-no-solution' },
    });
    await h.command('register-solution', 'L1', operator, ticket, { solution: 'Se reinstaló el cliente' });
    expect(await refusal(h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: false }))).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'body.verifiedWithRequester', constraint: 'isIn', params: [[true]] }],
    });
  });

  it('lets only supervisors and administrators review (docs/domain.md § Supervisor review and closure)', async () => {
    const ticket = await h.ticket();
    await resolveAtServiceDesk(ticket);
    for (const actor of [operator, people.agent('L1'), people.agent('UIT'), requester]) {
      expect(await refusal(h.command('review', 'L1', actor, ticket, { decision: 'approve' }))).toEqual({
        code: ErrorCode.Forbidden,
        refusal: { code: 'ticket.review-supervisors-only' },
      });
    }
    expect(await h.command('review', 'L1', people.admin(), ticket, { decision: 'approve' })).toMatchObject({
      status: 'cerrado',
    });
  });

  it('refuses every action on a closed ticket except reopening and the survey', async () => {
    const ticket = await closedTicket();
    const bodies: Partial<Record<ResolutionAction, object>> = {
      assign: { assigneeId: operator.accountId, assigneeName: operator.name },
      estimate: { minutes: 10 },
      'log-work': { description: 'Nada', minutes: 1 },
      'register-solution': { solution: 'Otra' },
      submit: { verifiedWithRequester: true },
      review: { decision: 'reject', observations: 'Tarde' },
      'wait-requester': { reason: 'Consulta' },
    };
    const actions: ResolutionAction[] = ['take', 'assign', 'estimate', 'log-work', 'register-solution', 'submit'];
    for (const action of [...actions, 'review', 'wait-requester', 'resume'] as ResolutionAction[]) {
      const refused = await refusal(h.command(action, 'L1', supervisor, ticket, bodies[action]));
      expect({ action, refused }).toMatchObject({
        action,
        refused: {
          code: ErrorCode.Conflict,
          refusal: { code: 'ticket.action-not-possible', params: { status: 'cerrado' } },
        },
      });
    }
    expect(await refusal(h.command('review', 'L1', supervisor, ticket, { decision: 'approve' }))).toMatchObject({
      code: ErrorCode.Conflict,
    });
  });

  it('takes the survey once, from the requester, after closure', async () => {
    const open = await h.ticket();
    await resolveAtServiceDesk(open);
    const answer = { satisfaction: 'satisfecho', score: 5, comment: 'Muy rápido' };
    expect(await refusal(h.command('survey', 'L1', requester, open, answer))).toMatchObject({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.action-not-possible', params: { action: 'answer-survey', status: 'resuelto' } },
    });

    const ticket = await closedTicket();
    for (const someoneElse of [people.requester('otra@salud.gob'), operator, supervisor]) {
      expect(await refusal(h.command('survey', 'L1', someoneElse, ticket, answer))).toMatchObject({
        code: ErrorCode.Forbidden,
        refusal: { code: 'ticket.survey-requester-only' },
      });
    }
    expect(await h.command('survey', 'L1', requester, ticket, answer)).toMatchObject({ status: 'cerrado' });
    expect(await refusal(h.command('survey', 'L1', requester, ticket, { satisfaction: 'regular' }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.survey-answered' },
    });
    const [answered] = await h.streamed(ProcedureEvents.SurveyAnswered, ticket);
    expect(answered!.data).toMatchObject({ number: ticket.number, satisfaction: 'satisfecho', score: 5 });
  });

  it('reopens within the window after closure, back to work at the service desk, and not after it', async () => {
    h.clock.set('2026-03-02T12:00:00Z');
    const late = await closedTicket();
    h.clock.set(new Date(Date.parse('2026-03-02T12:00:00Z') + 10 * 86_400_000 + MINUTE));
    expect(await refusal(h.command('reopen', 'L1', requester, late, { reason: 'Sigue fallando' }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: {
        code: 'ticket.reopen-window-over',
        params: { days: 10, since: 'closure', deadline: '2026-03-12T12:00:00.000Z' },
      },
    });

    h.clock.set('2026-03-02T12:00:00Z');
    const ticket = await closedTicket();
    h.clock.set('2026-03-09T12:00:00Z');
    expect(await refusal(h.command('reopen', 'L1', people.agent('UIT'), ticket, { reason: 'x' }))).toMatchObject({
      code: ErrorCode.Forbidden,
    });
    expect(await h.command('reopen', 'L1', requester, ticket, { reason: 'Sigue sin llegar el correo' })).toMatchObject({
      status: 'en_curso',
      area: 'L1',
    });
    expect(await refusal(report(ticket))).toMatchObject({ code: ErrorCode.NotFound });
    const [reopened] = await h.streamed(ProcedureEvents.TicketReopened, ticket);
    expect(reopened!.data).toMatchObject({ status: 'en_curso', area: 'L1', reason: 'Sigue sin llegar el correo' });
  });
});
