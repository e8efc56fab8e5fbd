import { IMPACTS, PRIORITIES, URGENCIES, type Impact, type Priority, type Urgency } from '@cau/contracts';

/** Priority for every impact × urgency pair (seed 003 7.2.b: ALTA / MEDIA / BAJA). */
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
