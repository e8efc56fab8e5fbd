import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Problem = Schemas['ProblemV1'];
export type ProblemSummary = Schemas['ProblemSummaryV1'];
export type ProblemChange = Schemas['ProblemChangeV1'];

export const PROBLEM_STATUSES = ['abierto', 'en_analisis', 'solucion_temporal', 'resuelto', 'cerrado'] as const;
export type ProblemStatus = (typeof PROBLEM_STATUSES)[number];

/** The statuses a problem may move to (resolution's problem-rules decide; this only offers them). */
const NEXT: Record<ProblemStatus, readonly ProblemStatus[]> = {
  abierto: ['en_analisis', 'solucion_temporal', 'resuelto', 'cerrado'],
  en_analisis: ['abierto', 'solucion_temporal', 'resuelto', 'cerrado'],
  solucion_temporal: ['en_analisis', 'resuelto', 'cerrado'],
  resuelto: ['en_analisis', 'cerrado'],
  cerrado: [],
};

export interface ProblemActor {
  role: string;
  area: string | null;
}

const isSupervisorOrAdmin = (actor: ProblemActor) => actor.role === 'supervisor' || actor.role === 'admin';

/** Members of the area (operators are L1's), supervisors and administrators change a problem. */
export function mayEditProblem(actor: ProblemActor, area: string): boolean {
  if (isSupervisorOrAdmin(actor)) return true;
  if (actor.role === 'agent') return actor.area === area;
  return actor.role === 'operator' && area === 'L1';
}

/** The statuses offered to this person: closing is for supervisors and administrators. */
export function statusesFor(actor: ProblemActor, status: ProblemStatus): ProblemStatus[] {
  return [status, ...NEXT[status].filter((next) => next !== 'cerrado' || isSupervisorOrAdmin(actor))];
}

/** The areas a person may open a problem for. */
export function creatableAreas(actor: ProblemActor, areas: readonly string[]): string[] {
  return areas.filter((area) => mayEditProblem(actor, area));
}

export const problemsQuery = (filters: { status?: ProblemStatus; area?: string }) =>
  queryOptions({
    queryKey: ['problems', 'list', filters],
    queryFn: () => unwrap(api.GET('/api/v1/problems', { params: { query: filters } })),
  });

export const problemQuery = (id: string) =>
  queryOptions({
    queryKey: ['problems', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/problems/{id}', { params: { path: { id } } })),
  });

/** The problem a ticket is linked to (none, or one). */
export const ticketProblemQuery = (number: number) =>
  queryOptions({
    queryKey: ['problems', 'ticket', number],
    queryFn: async () =>
      (await unwrap(api.GET('/api/v1/problems', { params: { query: { ticket: number } } }))).problems[0] ?? null,
  });

/** "1, 2 3" → [1, 2, 3]; null when something is not a ticket number. */
export function parseTicketNumbers(text: string): number[] | null {
  const parts = text.split(/[\s,;]+/).filter((part) => part !== '');
  if (!parts.every((part) => /^[1-9][0-9]{0,9}$/.test(part))) return null;
  return [...new Set(parts.map(Number))];
}
