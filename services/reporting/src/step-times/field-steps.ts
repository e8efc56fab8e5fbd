import type { FieldStep } from '@cau/contracts';

/** What a ticket's events say about its field procedure (docs/domain.md § Field service), as reporting keeps them. */
export interface FieldHistory {
  registeredAt: Date;
  /** The latest closure, only while the ticket is closed (a reopened ticket has none until it closes again). */
  closedAt: Date | null;
  /** `ticket.escalated`: the ticket reported to another area. */
  escalations: Date[];
  /** `ticket.solution-proposed`. */
  solutionsProposed: Date[];
  /** `field-visit.planned`: when the visit was asked for (the event), per visit. */
  visitsPlanned: Array<{ visitId: string; at: Date }>;
  /** `field-visit.recorded`: when the technician arrived and left. */
  visitsRecorded: Array<{ visitId: string; arrivedAt: Date; departedAt: Date }>;
  /** `equipment.repair-out`: when the F03 was recorded. */
  repairsOut: Array<{ repairId: string; at: Date }>;
  /** `equipment.repair-returned`: when the return was recorded. */
  repairsReturned: Array<{ repairId: string; at: Date }>;
  /** `field.signed-off`: when the signatures were given. */
  signOffs: Date[];
}

/** One measured step: its interval, and the minutes it took (summed over intervals where there are several). */
export interface StepSpan {
  step: FieldStep;
  startedAt: Date;
  endedAt: Date;
  minutes: number;
}

/** Minutes between two instants (business minutes in the service; wall clock in tests). */
export type Measure = (from: Date, to: Date) => number;

/**
 * Maps a ticket's history to the procedure's activities (docs/indicators.md "Times per step"). A step that did not
 * happen, or whose end came before its start, is left out: it is not counted, rather than counted as zero.
 */
export function fieldSteps(history: FieldHistory, measure: Measure): StepSpan[] {
  const spans: StepSpan[] = [];
  const add = (step: FieldStep, start: Date | null, end: Date | null) => {
    if (start && end && end.getTime() >= start.getTime()) {
      spans.push({ step, startedAt: start, endedAt: end, minutes: measure(start, end) });
    }
  };
  const arrivals = history.visitsRecorded.map((v) => v.arrivedAt);
  const plans = history.visitsPlanned.map((v) => v.at);
  const outs = history.repairsOut.map((r) => r.at);
  const supportReached = history.escalations.length > 0 || plans.length > 0 || arrivals.length > 0 || outs.length > 0;

  // 02: attending and isolating the fault lasts until the desk hands it on or has its own solution.
  const isolated = earliest([...history.escalations, ...plans, ...arrivals, ...outs, ...history.solutionsProposed]);
  add('02', history.registeredAt, isolated);

  // 03: closing without Soporte Técnico, from the desk's solution to the closure.
  if (!supportReached) add('03', earliest(history.solutionsProposed), history.closedAt);

  // 05: from the first visit asked for to the technician's arrival on that visit.
  const firstPlanned = earliestBy(
    history.visitsPlanned.filter((p) => history.visitsRecorded.some((v) => v.visitId === p.visitId)),
    (p) => p.at,
  );
  const firstVisit = firstPlanned && history.visitsRecorded.find((v) => v.visitId === firstPlanned.visitId);
  if (firstPlanned && firstVisit) add('05', firstPlanned.at, firstVisit.arrivedAt);

  // 07: the time on site, every visit's arrival to departure added up.
  const onSite = history.visitsRecorded.filter((v) => v.departedAt.getTime() >= v.arrivedAt.getTime());
  if (onSite.length > 0) {
    spans.push({
      step: '07',
      startedAt: earliest(onSite.map((v) => v.arrivedAt))!,
      endedAt: latest(onSite.map((v) => v.departedAt))!,
      minutes: onSite.reduce((sum, v) => sum + measure(v.arrivedAt, v.departedAt), 0),
    });
  }

  // 08: the F03, from the visit that found the machine must leave (the last departure before it) to its record.
  const firstOut = earliest(outs);
  if (firstOut) {
    add('08', latest(onSite.map((v) => v.departedAt).filter((d) => d.getTime() <= firstOut.getTime())), firstOut);
  }

  // 08b: away for repair, from the first machine out until the last of them is back.
  const allBack =
    history.repairsOut.length > 0 &&
    history.repairsOut.every((r) => history.repairsReturned.some((b) => b.repairId === r.repairId));
  const lastBack = allBack ? latest(history.repairsReturned.map((r) => r.at)) : null;
  add('08b', firstOut, lastBack);

  // 09: the signatures, from the end of the field work to the first sign-off after it.
  const workEnded = latest([...onSite.map((v) => v.departedAt), ...history.repairsReturned.map((r) => r.at), ...outs]);
  const signed = workEnded ? earliest(history.signOffs.filter((s) => s.getTime() >= workEnded.getTime())) : null;
  add('09', workEnded, signed);

  // 10: closing the report, from those signatures (or, signed before the work ended, the latest) to the closure.
  add('10', signed ?? (workEnded ? latest(history.signOffs) : null), history.closedAt);

  return spans;
}

function earliest(dates: Date[]): Date | null {
  return earliestBy(dates, (d) => d);
}

function latest(dates: Date[]): Date | null {
  let found: Date | null = null;
  for (const d of dates) if (!found || d.getTime() > found.getTime()) found = d;
  return found;
}

function earliestBy<T>(items: T[], at: (item: T) => Date): T | null {
  let found: T | null = null;
  for (const item of items) if (found === null || at(item).getTime() < at(found).getTime()) found = item;
  return found;
}
