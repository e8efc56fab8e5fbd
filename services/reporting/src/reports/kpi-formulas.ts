import type { DurationStatsV1, KpiRowV1, SlaComplianceV1, TimingV1 } from '@cau/contracts';
import type { ReportPeriod } from './report-period.js';
import type {
  ClosedAggregate,
  DurationAggregate,
  KpiAggregates,
  OpenedAggregate,
  OverdueAggregate,
  RespondedAggregate,
  SurveyAggregate,
} from './ticket-facts.repository.js';

/*
 * The formulas of docs/indicators.md, applied to the aggregates the fact table gives. Pure, so each is
 * tested on figures worked out by hand.
 */

/** part / whole rounded to 4 decimals (a share 0–1); null when there is nothing to divide by. */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/** Minutes to one decimal: finer is noise for durations measured in minutes and hours. */
export function roundMinutes(minutes: number | null): number | null {
  return minutes === null ? null : Math.round(minutes * 10) / 10;
}

/**
 * Tickets open at the end of each period: those open when the report starts, plus those registered,
 * less those closed, up to that end (a running balance).
 */
export function openAtEnds(openAtStart: number, opened: readonly number[], closed: readonly number[]): number[] {
  let open = openAtStart;
  return opened.map((count, i) => (open += count - (closed[i] ?? 0)));
}

export function compliance(met: number, measured: number): SlaComplianceV1 {
  return { measured, met, compliance: share(met, measured) };
}

export function timing(count: number, business: DurationAggregate, calendar: DurationAggregate): TimingV1 {
  return { count, business: durationStats(business), calendar: durationStats(calendar) };
}

function durationStats(d: DurationAggregate): DurationStatsV1 {
  return { average: roundMinutes(d.average), p50: roundMinutes(d.p50), p90: roundMinutes(d.p90) };
}

const NO_DURATION: DurationAggregate = { average: null, p50: null, p90: null };

/**
 * One row per period and dimension value, every period present (zeros where nothing happened) so series
 * can be charted and compared as they are; ordered by period, then value.
 */
export function buildKpiRows(periods: readonly ReportPeriod[], aggregates: KpiAggregates): KpiRowV1[] {
  const values = dimensionValues(aggregates);
  const index = <T extends { bucket: string; value: string | null }>(rows: readonly T[]) =>
    new Map(rows.map((r) => [keyOf(r.bucket, r.value), r]));
  const opened = index<OpenedAggregate>(aggregates.opened);
  const responded = index<RespondedAggregate>(aggregates.responded);
  const closed = index<ClosedAggregate>(aggregates.closed);
  const surveys = index<SurveyAggregate>(aggregates.surveys);
  const overdue = index<OverdueAggregate>(aggregates.overdue);
  const merged = index(aggregates.merged);
  const openAtStart = new Map(aggregates.openAtStart.map((r) => [r.value, r.open]));

  const byValue = values.map((value) => {
    const at = (period: ReportPeriod) => keyOf(period.key, value);
    const open = openAtEnds(
      openAtStart.get(value) ?? 0,
      periods.map((p) => opened.get(at(p))?.opened ?? 0),
      // Merged duplicates leave the backlog like closed tickets, without counting as closed.
      periods.map((p) => (closed.get(at(p))?.closed ?? 0) + (merged.get(at(p))?.merged ?? 0)),
    );
    return periods.map((period, i): KpiRowV1 => {
      const o = opened.get(at(period));
      const r = responded.get(at(period));
      const c = closed.get(at(period));
      const s = surveys.get(at(period));
      const satisfecho = s?.satisfecho ?? 0;
      const regular = s?.regular ?? 0;
      const insatisfecho = s?.insatisfecho ?? 0;
      const answered = satisfecho + regular + insatisfecho;
      const incidents = c?.incidents ?? 0;
      const incidentsAtL1 = c?.incidentsAtL1 ?? 0;
      const queries = c?.queries ?? 0;
      const queriesAtL1 = c?.queriesAtL1 ?? 0;
      return {
        period: period.start,
        periodEnd: period.end,
        dimensionValue: value,
        opened: o?.opened ?? 0,
        closed: c?.closed ?? 0,
        openAtEnd: open[i]!,
        overdue: overdue.get(at(period))?.overdue ?? 0,
        callsHandled: o?.calls ?? 0,
        firstResponse: timing(r?.responded ?? 0, r?.business ?? NO_DURATION, r?.calendar ?? NO_DURATION),
        resolution: timing(c?.resolved ?? 0, c?.business ?? NO_DURATION, c?.calendar ?? NO_DURATION),
        incidentsClosed: incidents,
        incidentsClosedAtL1: incidentsAtL1,
        incidentsClosedAtL1Share: share(incidentsAtL1, incidents),
        queriesClosed: queries,
        queriesAnsweredAtL1: queriesAtL1,
        queriesAnsweredAtL1Share: share(queriesAtL1, queries),
        satisfaction: {
          answered,
          satisfecho,
          regular,
          insatisfecho,
          satisfechoShare: share(satisfecho, answered),
          regularShare: share(regular, answered),
          insatisfechoShare: share(insatisfecho, answered),
          responseRate: share(c?.surveyed ?? 0, c?.closed ?? 0),
        },
        sla: {
          response: compliance(r?.responseMet ?? 0, r?.responded ?? 0),
          resolution: compliance(c?.resolutionMet ?? 0, c?.closed ?? 0),
        },
      };
    });
  });
  return periods.flatMap((_, i) => byValue.map((rows) => rows[i]!));
}

/** Every dimension value seen in any aggregate, sorted, with "no value" (null) last. */
function dimensionValues(aggregates: KpiAggregates): Array<string | null> {
  const seen = new Set<string | null>();
  for (const rows of [
    aggregates.opened,
    aggregates.responded,
    aggregates.closed,
    aggregates.surveys,
    aggregates.overdue,
    aggregates.merged,
    aggregates.openAtStart,
  ]) {
    for (const row of rows) seen.add(row.value);
  }
  if (seen.size === 0) return [null];
  const named = [...seen].filter((v): v is string => v !== null).sort();
  return seen.has(null) ? [...named, null] : named;
}

function keyOf(bucket: string, value: string | null): string {
  return `${bucket}\u0000${value ?? ''}\u0000${value === null ? 'null' : 'value'}`;
}
