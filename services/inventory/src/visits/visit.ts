import type { FieldProblem, VisitorV1 } from '@cau/contracts';

/** The visitor's columns: a staff account, or a company's technician; never a mix of both. */
export interface VisitorColumns {
  kind: VisitorV1['kind'];
  accountId: string | null;
  name: string | null;
  company: string | null;
  technician: string | null;
  reportNumber: string | null;
}

const text = (value: string | undefined): string | null => value?.trim() || null;

export function visitorColumns(visitor: VisitorV1): VisitorColumns {
  return visitor.kind === 'staff'
    ? {
        kind: 'staff',
        accountId: visitor.accountId ?? null,
        name: text(visitor.name),
        company: null,
        technician: null,
        reportNumber: null,
      }
    : {
        kind: 'contractor',
        accountId: null,
        name: null,
        company: text(visitor.company),
        technician: text(visitor.technician),
        reportNumber: text(visitor.reportNumber),
      };
}

/** The departure is not before the arrival (the contract has checked both are ISO 8601 instants). */
export function visitTimesProblems(arrivedAt: string, departedAt: string): FieldProblem[] {
  return Date.parse(departedAt) < Date.parse(arrivedAt)
    ? [{ field: 'departedAt', constraint: 'dateRange', params: ['arrivedAt'] }]
    : [];
}
