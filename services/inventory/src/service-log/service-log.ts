import type { FieldProblem, ServiceLogParamsV1 } from '@cau/contracts';
import { isCalendarDate } from '../equipment/equipment.js';

/** The period's days are real days and the last is not before the first. */
export function serviceLogProblems(filters: Pick<ServiceLogParamsV1, 'from' | 'to'>): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (filters.from !== undefined && !isCalendarDate(filters.from)) {
    problems.push({ field: 'from', constraint: 'notADate', params: [filters.from] });
  }
  if (filters.to !== undefined && !isCalendarDate(filters.to)) {
    problems.push({ field: 'to', constraint: 'notADate', params: [filters.to] });
  }
  if (problems.length === 0 && filters.from !== undefined && filters.to !== undefined && filters.to < filters.from) {
    problems.push({ field: 'to', constraint: 'dateRange', params: ['from'] });
  }
  return problems;
}

/** Where a page ended: the last entry's moment (to the microsecond, as stored) and id. */
export interface ServiceLogCursor {
  at: string;
  id: string;
}

const MICROSECOND_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeServiceLogCursor(cursor: ServiceLogCursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

/** Null when the text is not a cursor this log handed out. */
export function decodeServiceLogCursor(text: string): ServiceLogCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 2) return null;
    const [at, id] = value as unknown[];
    if (typeof at !== 'string' || typeof id !== 'string' || !MICROSECOND_INSTANT.test(at) || id.length > 120) {
      return null;
    }
    return { at, id };
  } catch {
    return null;
  }
}
