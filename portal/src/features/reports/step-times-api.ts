import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type StepTimesReport = Schemas['StepTimesReportV1'];
export type StepTimeRow = Schemas['StepTimeRowV1'];
export type StepTargets = Schemas['StepTargetsV1'];
export type StepTarget = Schemas['StepTargetV1'];
export type FieldStep = StepTarget['step'];

export const stepTimesQuery = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ['reports', 'step-times', period],
    queryFn: () => unwrap(api.GET('/api/v1/reports/step-times', { params: { query: period } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const stepTargetsQuery = queryOptions({
  queryKey: ['reports', 'step-targets'],
  queryFn: () => unwrap(api.GET('/api/v1/reports/step-targets')),
});

/** The largest target the API takes (60 days). */
export const MAX_TARGET_MINUTES = 86_400;

/** What the form holds per step: the text typed, so an empty field (no target) and a half-typed one are both kept. */
export type TargetDrafts = Record<string, string>;

export const draftsOf = (targets: readonly StepTarget[]): TargetDrafts =>
  Object.fromEntries(targets.map((t) => [t.step, t.minutes === null ? '' : String(t.minutes)]));

/** A draft's minutes: null for empty (no target), undefined when it is not a whole number in range. */
export function minutesOf(draft: string): number | null | undefined {
  const text = draft.trim();
  if (text === '') return null;
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= MAX_TARGET_MINUTES ? value : undefined;
}

/** The steps whose draft differs from what is stored, as the API takes them; null while a draft is invalid. */
export function changedTargets(
  stored: readonly StepTarget[],
  drafts: TargetDrafts,
): Array<{ step: FieldStep; minutes: number | null }> | null {
  const changes: Array<{ step: FieldStep; minutes: number | null }> = [];
  for (const target of stored) {
    const minutes = minutesOf(drafts[target.step] ?? '');
    if (minutes === undefined) return null;
    if (minutes !== target.minutes) changes.push({ step: target.step, minutes });
  }
  return changes;
}
