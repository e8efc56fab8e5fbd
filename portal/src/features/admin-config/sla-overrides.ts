import type { SlaPolicies, SlaPolicy } from './admin-config-api';

export type SlaOverride = SlaPolicies['overrides'][number];
export type SlaScope = SlaOverride['scope'];
export const SLA_SCOPES: readonly SlaScope[] = ['service', 'jurisdiction'];

/** An override as the form holds it: the minutes as typed, a number once valid. */
export interface OverrideRow {
  scope: SlaScope;
  code: string;
  priority: SlaPolicy['priority'];
  responseMinutes: number | string;
  resolutionMinutes: number | string;
}

export const MAX_SLA_MINUTES = 525_600;

export const invalidMinutes = (value: number | string): boolean =>
  typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_SLA_MINUTES;

const PRIORITY_RANK: Record<SlaPolicy['priority'], number> = { ALTA: 0, MEDIA: 1, BAJA: 2 };

/** Services first (they win over jurisdictions), then by code and priority: the order the rule reads. */
export function sortOverrides<T extends Pick<OverrideRow, 'scope' | 'code' | 'priority'>>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      SLA_SCOPES.indexOf(a.scope) - SLA_SCOPES.indexOf(b.scope) ||
      a.code.localeCompare(b.code) ||
      PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority],
  );
}

export const sameTarget = (a: Pick<OverrideRow, 'scope' | 'code' | 'priority'>, b: typeof a): boolean =>
  a.scope === b.scope && a.code === b.code && a.priority === b.priority;

/**
 * A new override starts from the general targets of its priority, so the administrator only tightens or
 * loosens them. Null when that scope, code and priority already has one.
 */
export function addOverride(
  rows: readonly OverrideRow[],
  target: Pick<OverrideRow, 'scope' | 'code' | 'priority'>,
  general: readonly SlaPolicy[],
): OverrideRow[] | null {
  if (rows.some((row) => sameTarget(row, target))) return null;
  const base = general.find((policy) => policy.priority === target.priority);
  return sortOverrides([
    ...rows,
    { ...target, responseMinutes: base?.responseMinutes ?? 60, resolutionMinutes: base?.resolutionMinutes ?? 480 },
  ]);
}

/** The rows as the API takes them; call only when none is invalid. */
export const overridesBody = (rows: readonly OverrideRow[]) =>
  rows.map((row) => ({
    scope: row.scope,
    code: row.code,
    priority: row.priority,
    responseMinutes: Number(row.responseMinutes),
    resolutionMinutes: Number(row.resolutionMinutes),
  }));
