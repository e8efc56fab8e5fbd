import type { HistoryStepV1 } from '@cau/contracts';
import { defaultCalendar } from '@cau/business-time';
import { buildClosureReport, closureReportFor, type ClosureFacts } from './closure-report.js';

const pampa = defaultCalendar('America/Argentina/Buenos_Aires');
const operator = { accountId: '00000000-0000-4000-8000-000000000001', name: 'Operadora', role: 'operator' };
const agent = { accountId: '00000000-0000-4000-8000-000000000002', name: 'Agente UIT', role: 'agent' };
const supervisor = { accountId: '00000000-0000-4000-8000-000000000003', name: 'Supervisora', role: 'supervisor' };

const step = (at: string, action: string, extra: Partial<HistoryStepV1> = {}): HistoryStepV1 => ({
  at,
  action,
  area: 'L1',
  by: operator,
  minutes: null,
  notes: null,
  from: null,
  to: null,
  ...extra,
});

const history = [
  step('2026-03-02T18:00:00.000Z', 'register'),
  step('2026-03-02T18:05:00.000Z', 'escalate', { from: 'L1', to: 'UIT', notes: 'Servidor caído' }),
  step('2026-03-02T18:20:00.000Z', 'log-work', { area: 'UIT', by: agent, minutes: 45 }),
  step('2026-03-03T12:00:00.000Z', 'log-work', { area: 'UIT', by: agent, minutes: 30 }),
  step('2026-03-03T12:30:00.000Z', 'return', { area: 'UIT', by: agent, from: 'UIT', to: 'L1' }),
];

// Registered Monday 15:00 local, solution derived Tuesday 10:00 local: 1 h Monday + 2 h Tuesday of business time.
const facts: ClosureFacts = {
  ticketId: '00000000-0000-4000-8000-00000000000a',
  number: 42,
  title: 'Sin correo',
  jurisdiction: 'SALUD',
  priority: 'ALTA',
  registeredAt: new Date('2026-03-02T18:00:00Z'),
  resolvedAt: new Date('2026-03-03T13:00:00Z'),
  closedAt: new Date('2026-03-03T14:00:00Z'),
  closedBy: supervisor,
  solution: {
    text: 'Se reinició el servicio SMTP',
    elements: 'servidor mail01',
    downtimeMinutes: null,
    by: agent,
    at: new Date('2026-03-03T12:15:00Z'),
  },
  articleRef: 'KB-12',
  overdue: true,
  history,
};

describe('closure report (docs/domain.md § Closure report)', () => {
  it('tells what happened, how it was solved, and how long it took', () => {
    expect(buildClosureReport(facts, pampa)).toEqual({
      ticketId: facts.ticketId,
      number: 42,
      title: 'Sin correo',
      jurisdiction: 'SALUD',
      priority: 'ALTA',
      registeredAt: '2026-03-02T18:00:00.000Z',
      resolvedAt: '2026-03-03T13:00:00.000Z',
      closedAt: '2026-03-03T14:00:00.000Z',
      closedBy: supervisor,
      history,
      resolution: {
        solution: 'Se reinició el servicio SMTP',
        elements: 'servidor mail01',
        articleRef: 'KB-12',
        registeredBy: agent,
        registeredAt: '2026-03-03T12:15:00.000Z',
      },
      timeToSolution: { businessMinutes: 180, calendarMinutes: 1140 },
      timeWithoutService: { minutes: 1140, basis: 'registration-to-solution' },
      workedMinutes: 75,
      overdue: true,
    });
  });

  it('takes the time without service from the solution when it was reported', () => {
    const report = buildClosureReport({ ...facts, solution: { ...facts.solution, downtimeMinutes: 95 } }, pampa);
    expect(report.timeWithoutService).toEqual({ minutes: 95, basis: 'reported' });
  });

  it('keeps internal notes from the requester and the referente, never from staff', () => {
    const note = step('2026-03-02T18:10:00.000Z', 'internal-note', { notes: 'El usuario ya llamó tres veces' });
    const comment = step('2026-03-02T18:11:00.000Z', 'comment', { notes: 'Estamos revisando el servidor' });
    const report = buildClosureReport({ ...facts, history: [...history, note, comment] }, pampa);
    expect(closureReportFor(report, true)).toBe(report);
    const forRequester = closureReportFor(report, false);
    expect(forRequester.history.map((s) => s.action)).toEqual([...history.map((s) => s.action), 'comment']);
    expect(JSON.stringify(forRequester)).not.toContain('tres veces');
    expect(report.history).toHaveLength(history.length + 2);
  });
});
