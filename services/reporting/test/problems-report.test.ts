import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  ProblemEvents,
  ProcedureEvents,
  ReportingRpc,
  type ActorV1,
  type EventDefinition,
  type EventEnvelope,
  type ProblemChangedV1,
  type ProblemStatus,
  type TicketRegisteredV1,
} from '@cau/contracts';
import { ReportingHarness, staff } from './support.js';

const by = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor' };

/**
 * Resolution's problem events as reporting receives them: the problems it keeps, the incidents linked to
 * each (their status and registration from the ticket view), scoped as the other reports are.
 */
describe('reporting: open problems and their incidents', () => {
  let h: ReportingHarness;

  beforeAll(async () => {
    h = await ReportingHarness.start('reportingproblems');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const report = (actor: ActorV1 = staff('supervisor'), period = { from: '2025-03-01', to: '2025-04-01' }) =>
    h.rpc.request(ReportingRpc.Problems, { actor, ...period });

  function envelope<T extends object>(
    definition: EventDefinition<T>,
    data: T,
    ticketId: string | null,
    at: string,
  ): EventEnvelope<T> {
    return {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: at,
      ticketId,
      source: 'resolution',
      sequence: 0,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
  }

  const problemNumbers = { next: 1 };
  const changed = (problem: Omit<ProblemChangedV1, 'by'>) =>
    envelope(ProblemEvents.ProblemChanged, { ...problem, by }, null, problem.at);
  const newProblem = (title: string, area: string, at = '2025-03-05T12:00:00.000Z') => ({
    problemId: randomUUID(),
    number: problemNumbers.next++,
    title,
    status: 'abierto' as ProblemStatus,
    area,
    at,
  });
  const link = (problem: { problemId: string; number: number }, ticket: TicketRegisteredV1, at: string) =>
    envelope(
      ProblemEvents.TicketLinked,
      { problemId: problem.problemId, problemNumber: problem.number, number: ticket.number, by, at },
      ticket.ticketId,
      at,
    );
  const unlink = (problem: { problemId: string; number: number }, ticket: TicketRegisteredV1, at: string) =>
    envelope(
      ProblemEvents.TicketUnlinked,
      { problemId: problem.problemId, problemNumber: problem.number, number: ticket.number, by, at },
      ticket.ticketId,
      at,
    );
  const closed = (ticket: TicketRegisteredV1, at: string) =>
    h.procedure(
      ProcedureEvents.TicketClosed,
      {
        ticketId: ticket.ticketId,
        number: ticket.number,
        by,
        at,
        area: 'UIT',
        status: 'cerrado',
        resolutionBusinessMinutes: 60,
        resolutionCalendarMinutes: 60,
      },
      2,
    );

  it('counts each open problem’s incidents, open ones and those of the period, and leaves closed problems out', async () => {
    const march = h.registration({ registeredAt: '2025-03-10T12:00:00.000Z' });
    const marchClosed = h.registration({ registeredAt: '2025-03-11T12:00:00.000Z' });
    const february = h.registration({ registeredAt: '2025-02-10T12:00:00.000Z' });
    const other = h.registration({ registeredAt: '2025-03-12T12:00:00.000Z' });
    const moved = h.registration({ registeredAt: '2025-03-13T12:00:00.000Z' });
    await h.feed(
      ...[march, marchClosed, february, other, moved].flatMap((t) => [
        h.registered(t, 1, t.registeredAt),
        h.routed(h.routing(t, { routedAt: t.registeredAt }), 1, t.registeredAt),
      ]),
      closed(marchClosed, '2025-03-12T12:00:00.000Z'),
    );
    const vpn = newProblem('La VPN se corta', 'UIT');
    const printers = newProblem('Impresoras sin cola', 'UPAT');
    const done = newProblem('Certificado vencido', 'UIT');
    await h.feed(
      changed(vpn),
      changed(printers),
      changed(done),
      link(vpn, march, '2025-03-14T12:00:00.000Z'),
      link(vpn, marchClosed, '2025-03-14T12:00:00.000Z'),
      link(vpn, february, '2025-03-14T12:00:00.000Z'),
      link(vpn, moved, '2025-03-14T12:00:00.000Z'),
      // Moved to another problem: unlinked here first, as resolution requires.
      unlink(vpn, moved, '2025-03-15T12:00:00.000Z'),
      link(printers, moved, '2025-03-15T12:00:01.000Z'),
      link(done, other, '2025-03-14T12:00:00.000Z'),
      changed({ ...done, status: 'cerrado', at: '2025-03-20T12:00:00.000Z' }),
      // An older change arriving late does not reopen it.
      changed({ ...done, status: 'en_analisis', at: '2025-03-19T12:00:00.000Z' }),
      changed({ ...vpn, status: 'en_analisis', title: 'La VPN se corta cada hora', at: '2025-03-16T12:00:00.000Z' }),
    );

    const desk = await report();
    expect(desk.scope).toBeNull();
    expect(desk.openCount).toBe(2);
    expect(desk.problems).toEqual([
      {
        id: vpn.problemId,
        number: vpn.number,
        title: 'La VPN se corta cada hora',
        status: 'en_analisis',
        area: 'UIT',
        incidents: 3,
        openIncidents: 2,
        incidentsInPeriod: 2,
      },
      {
        id: printers.problemId,
        number: printers.number,
        title: 'Impresoras sin cola',
        status: 'abierto',
        area: 'UPAT',
        incidents: 1,
        openIncidents: 1,
        incidentsInPeriod: 1,
      },
    ]);

    // February: the VPN problem's February incident is the only one in the period.
    const earlier = await report(staff('operator'), { from: '2025-02-01', to: '2025-03-01' });
    expect(earlier.problems.map((p) => [p.number, p.incidentsInPeriod])).toEqual([
      [vpn.number, 1],
      [printers.number, 0],
    ]);

    // An agent sees the problems of the area, a referente none (problems are staff's).
    const agent = await report({ ...staff('agent'), area: 'UPAT' });
    expect(agent.scope).toEqual({ dimension: 'area', value: 'UPAT' });
    expect(agent.openCount).toBe(1);
    expect(agent.problems.map((p) => p.number)).toEqual([printers.number]);
    await expect(report({ ...staff('referente'), jurisdiction: 'SALUD' })).rejects.toMatchObject({
      payload: { code: ErrorCode.Forbidden },
    });
    await expect(report(staff('supervisor'), { from: '2025-03-01', to: 'marzo' })).rejects.toMatchObject({
      payload: { code: ErrorCode.Validation, fields: [{ field: 'to' }] },
    });
  });
});
