/** One field an audited change touched, its values as text. */
export interface AuditFieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

const text = (value: unknown): string | null =>
  value === undefined || value === null ? null : typeof value === 'string' ? value : JSON.stringify(value);

/**
 * The top-level fields whose value differs between the record before and after (all of them for a
 * creation or deletion), in the order they first appear. Nested values (a graph's edges) compare and
 * show as JSON.
 */
export function auditChanges(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): AuditFieldChange[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  return fields
    .map((field) => ({ field, before: text(before?.[field]), after: text(after?.[field]) }))
    .filter((change) => change.before !== change.after);
}
