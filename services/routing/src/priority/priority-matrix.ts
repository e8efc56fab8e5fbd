import {
  IMPACTS,
  PRIORITIES,
  URGENCIES,
  type FieldProblem,
  type Impact,
  type Priority,
  type PriorityMatrixCellV1,
  type Urgency,
} from '@cau/contracts';

/** Priority for every impact × urgency pair (docs/domain.md § Priority: ALTA / MEDIA / BAJA). */
export type PriorityMatrix = Record<Impact, Record<Urgency, Priority>>;

/**
 * The default: critical systems or information (high impact, or medium impact that cannot wait) are
 * ALTA; non-critical problems without effect on core operations are MEDIA; queries and minor issues BAJA.
 */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  alto: { alta: 'ALTA', media: 'ALTA', baja: 'MEDIA' },
  medio: { alta: 'ALTA', media: 'MEDIA', baja: 'BAJA' },
  bajo: { alta: 'MEDIA', media: 'BAJA', baja: 'BAJA' },
};

export function priorityFor(matrix: PriorityMatrix, impact: Impact, urgency: Urgency): Priority {
  return matrix[impact][urgency];
}

/**
 * Reads a matrix from configuration (JSON with the same shape as the default). Every cell must be
 * present and valid: a half-filled matrix would silently give tickets the wrong priority.
 */
export function parsePriorityMatrix(raw: unknown): PriorityMatrix {
  if (typeof raw !== 'object' || raw === null) throw new Error('priority matrix must be an object');
  const source = raw as Record<string, unknown>;
  const unknownImpacts = Object.keys(source).filter((k) => !(IMPACTS as readonly string[]).includes(k));
  if (unknownImpacts.length > 0) throw new Error(`unknown impact(s) in priority matrix: ${unknownImpacts.join(', ')}`);
  const matrix = {} as PriorityMatrix;
  for (const impact of IMPACTS) {
    const row = source[impact];
    if (typeof row !== 'object' || row === null) throw new Error(`priority matrix lacks impact "${impact}"`);
    const cells = row as Record<string, unknown>;
    const unknownUrgencies = Object.keys(cells).filter((k) => !(URGENCIES as readonly string[]).includes(k));
    if (unknownUrgencies.length > 0) {
      throw new Error(`unknown urgency(ies) for impact "${impact}": ${unknownUrgencies.join(', ')}`);
    }
    matrix[impact] = {} as Record<Urgency, Priority>;
    for (const urgency of URGENCIES) {
      const priority = cells[urgency];
      if (typeof priority !== 'string' || !(PRIORITIES as readonly string[]).includes(priority)) {
        throw new Error(
          `priority matrix cell ${impact}/${urgency} must be one of ${PRIORITIES.join(', ')}, got ${JSON.stringify(priority)}`,
        );
      }
      matrix[impact][urgency] = priority as Priority;
    }
  }
  return matrix;
}

/** The matrix as the API shows it: one cell per impact × urgency, in the order people read a grid. */
export function cellsOf(matrix: PriorityMatrix): PriorityMatrixCellV1[] {
  return IMPACTS.flatMap((impact) =>
    URGENCIES.map((urgency) => ({ impact, urgency, priority: matrix[impact][urgency] })),
  );
}

export type MatrixFromCells = { matrix: PriorityMatrix } | { problems: FieldProblem[] };

/** An edited matrix must name every impact × urgency pair exactly once. */
export function matrixFromCells(cells: readonly PriorityMatrixCellV1[]): MatrixFromCells {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  const nested: Record<string, Record<string, string>> = {};
  cells.forEach(({ impact, urgency, priority }, index) => {
    const pair = `${impact}/${urgency}`;
    if (seen.has(pair))
      problems.push({ field: `cells.${index}`, constraint: 'duplicateMatrixCell', params: [impact, urgency] });
    seen.add(pair);
    (nested[impact] ??= {})[urgency] = priority;
  });
  for (const impact of IMPACTS) {
    for (const urgency of URGENCIES) {
      if (!seen.has(`${impact}/${urgency}`)) {
        problems.push({ field: 'cells', constraint: 'missingMatrixCell', params: [impact, urgency] });
      }
    }
  }
  return problems.length > 0 ? { problems } : { matrix: parsePriorityMatrix(nested) };
}
