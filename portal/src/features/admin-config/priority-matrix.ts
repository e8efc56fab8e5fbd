import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type MatrixCell = Schemas['PriorityMatrixCellV1'];
export type Priority = MatrixCell['priority'];

/** Rows and columns read from the most to the least serious, as the procedures' tables do. */
export const IMPACT_ORDER: ReadonlyArray<MatrixCell['impact']> = ['alto', 'medio', 'bajo'];
export const URGENCY_ORDER: ReadonlyArray<MatrixCell['urgency']> = ['alta', 'media', 'baja'];
export const PRIORITY_ORDER: readonly Priority[] = ['ALTA', 'MEDIA', 'BAJA'];

export const priorityMatrixQuery = queryOptions({
  queryKey: ['admin', 'priority-matrix'],
  queryFn: () => unwrap(api.GET('/api/v1/routing/priority-matrix')),
});

export const cellKey = (impact: MatrixCell['impact'], urgency: MatrixCell['urgency']) => `${impact}/${urgency}`;

/** The cells whose priority differs from the stored matrix, by `impact/urgency`. */
export function changedCells(stored: readonly MatrixCell[], edited: readonly MatrixCell[]): Set<string> {
  const before = new Map(stored.map((cell) => [cellKey(cell.impact, cell.urgency), cell.priority]));
  return new Set(
    edited
      .filter((cell) => before.get(cellKey(cell.impact, cell.urgency)) !== cell.priority)
      .map((cell) => cellKey(cell.impact, cell.urgency)),
  );
}
