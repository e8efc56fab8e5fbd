import { DefaultArea, type DerivationKind, type FieldProblem } from '@cau/contracts';

/*
 * Why a ticket moves between areas (docs/domain.md § Escalation graph): an escalation hands the case to a more specialised
 * area; a coordination hands the response back to the area that applies it (UPAT/ACGII → UIT); a
 * return derives the solution back to the desk (UIT/ADT → L1).
 */

export interface DerivationEdge {
  from: string;
  to: string;
  kind: DerivationKind;
}

export interface EscalationGraph {
  /** Area codes; the entry area is where every ticket starts and ends. */
  areas: readonly string[];
  entryArea: string;
  edges: readonly DerivationEdge[];
}

const { L1, UIT, UPAT, ACGII, ADT } = DefaultArea;

/** The AGETIC graph (docs/domain.md § Escalation graph; the steps cited are those of procedures 9.1–9.3). */
export const DEFAULT_ESCALATION_GRAPH: EscalationGraph = {
  areas: [L1, UIT, UPAT, ACGII, ADT],
  entryArea: L1,
  edges: [
    { from: L1, to: UIT, kind: 'escalate' }, // 9.1 step 3
    { from: L1, to: ADT, kind: 'escalate' }, // 9.1 step 4
    { from: UIT, to: UPAT, kind: 'escalate' }, // 9.2 step 3.B
    { from: UIT, to: ACGII, kind: 'escalate' }, // 9.2 step 3.C
    { from: ADT, to: UPAT, kind: 'escalate' }, // 9.3 step 3.B
    { from: UPAT, to: UIT, kind: 'coordinate' }, // 9.2 3.B.4, 9.3 3.B.5
    { from: ACGII, to: UIT, kind: 'coordinate' }, // 9.2 3.C.5
    { from: UIT, to: L1, kind: 'return' }, // 9.2 step 5, 9.3 3.B.8
    { from: ADT, to: L1, kind: 'return' }, // 9.3 3.A.3
  ],
};

export type DerivationCheck =
  | { allowed: true; edge: DerivationEdge }
  | { allowed: false; reason: 'unknown-area' | 'no-edge' | 'wrong-kind'; allowedTargets: string[] };

/** Whether the graph lets a ticket in `from` go to `to` (as `kind`, when given). */
export function checkDerivation(
  graph: EscalationGraph,
  from: string,
  to: string,
  kind?: DerivationKind,
): DerivationCheck {
  const targets = (k?: DerivationKind) => allowedTargets(graph, from, k);
  if (!graph.areas.includes(from) || !graph.areas.includes(to)) {
    return { allowed: false, reason: 'unknown-area', allowedTargets: targets(kind) };
  }
  const edge = graph.edges.find((e) => e.from === from && e.to === to);
  if (!edge) return { allowed: false, reason: 'no-edge', allowedTargets: targets(kind) };
  if (kind && edge.kind !== kind) return { allowed: false, reason: 'wrong-kind', allowedTargets: targets(kind) };
  return { allowed: true, edge };
}

export function allowedTargets(graph: EscalationGraph, from: string, kind?: DerivationKind): string[] {
  return graph.edges.filter((e) => e.from === from && (!kind || e.kind === kind)).map((e) => e.to);
}

/**
 * Checks an edited graph before it is stored: known areas only, no self-loops or duplicates, and every
 * area that can receive a ticket must have a way back to the entry area (or the ticket would be stuck).
 * Areas holding tickets now (`occupiedAreas`) must stay and need that way back too, even when no edge
 * leads to them any more. Each problem names the part of the edit it concerns (`edges.3.to`, `areas`)
 * and the rule it breaks, so the caller can refuse the edit field by field.
 */
export function validateGraph(graph: EscalationGraph, occupiedAreas: readonly string[] = []): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(graph.areas);
  if (!known.has(graph.entryArea)) {
    problems.push({ field: 'areas', constraint: 'entryAreaMissing', params: [graph.entryArea] });
  }
  graph.areas.forEach((area, i) => {
    if (graph.areas.indexOf(area) !== i) {
      problems.push({ field: `areas.${i}`, constraint: 'duplicateArea', params: [area] });
    }
  });
  for (const area of occupiedAreas) {
    if (!known.has(area)) problems.push({ field: 'areas', constraint: 'areaHoldsTickets', params: [area] });
  }
  const seen = new Set<string>();
  graph.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      if (!known.has(edge[end])) {
        problems.push({ field: `edges.${i}.${end}`, constraint: 'unknownArea', params: [edge[end]] });
      }
    }
    if (edge.from === edge.to) {
      problems.push({ field: `edges.${i}`, constraint: 'selfDerivation', params: [edge.from] });
    }
    const key = `${edge.from}->${edge.to}`;
    if (seen.has(key)) {
      problems.push({ field: `edges.${i}`, constraint: 'duplicateEdge', params: [edge.from, edge.to] });
    }
    seen.add(key);
  });
  // Unknown areas are already reported above; a way back is asked of real areas only.
  const mustReturn = new Set([...reachableFrom(graph, graph.entryArea), ...occupiedAreas]);
  for (const area of mustReturn) {
    if (known.has(area) && area !== graph.entryArea && !reachableFrom(graph, area).has(graph.entryArea)) {
      problems.push({ field: 'edges', constraint: 'noWayBack', params: [area, graph.entryArea] });
    }
  }
  return problems;
}

function reachableFrom(graph: EscalationGraph, start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length > 0) {
    const area = queue.shift()!;
    for (const edge of graph.edges) {
      if (edge.from === area && !seen.has(edge.to)) {
        seen.add(edge.to);
        queue.push(edge.to);
      }
    }
  }
  return seen;
}
