import { DefaultArea, type DerivationKind } from '@cau/contracts';

/*
 * Why a ticket moves between areas (seed 002): an escalation hands the case to a more specialised
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

/** The AGETIC graph (DOMAIN.md, seed 002 procedures 9.1–9.3). */
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
 */
export function validateGraph(graph: EscalationGraph): string[] {
  const problems: string[] = [];
  if (!graph.areas.includes(graph.entryArea)) problems.push(`entry area ${graph.entryArea} is not an area`);
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    const key = `${edge.from}->${edge.to}`;
    if (!graph.areas.includes(edge.from) || !graph.areas.includes(edge.to)) problems.push(`${key}: unknown area`);
    if (edge.from === edge.to) problems.push(`${key}: an area cannot derive to itself`);
    if (seen.has(key)) problems.push(`${key}: duplicated`);
    seen.add(key);
  }
  for (const area of reachableFrom(graph, graph.entryArea)) {
    if (area !== graph.entryArea && !reachableFrom(graph, area).has(graph.entryArea)) {
      problems.push(`${area} can receive tickets but has no path back to ${graph.entryArea}`);
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
