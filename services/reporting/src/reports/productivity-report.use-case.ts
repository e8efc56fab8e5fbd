import { Injectable } from '@nestjs/common';
import {
  TICKET_TYPES,
  type MeanDurationV1,
  type ProductivityReportQueryV1,
  type ProductivityReportV1,
  type ReportScopeV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { roundMinutes } from './kpi-formulas.js';
import { ProductivityRepository, type DurationSums, type ProductivityRows } from './productivity.repository.js';
import { reportScopeOf } from './report-access.js';
import { checkPeriod } from './report-period.js';
import { ReportingSettings } from './reporting-settings.js';

/**
 * Per technician (taken, solved, time logged, mean resolution), what each area resolved, and the split by
 * ticket type, over one period (docs/indicators.md "Productivity").
 */
@Injectable()
export class ProductivityReportUseCase {
  constructor(
    private readonly productivity: ProductivityRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async report(query: ProductivityReportQueryV1): Promise<ProductivityReportV1> {
    const scope = reportScopeOf(query.actor);
    return this.compute({ from: query.from, to: query.to }, scope);
  }

  /** The figures of a period for a scope (also the scheduled mails' spreadsheet, for the whole desk). */
  async compute(period: { from: string; to: string }, scope: ReportScopeV1 | null): Promise<ProductivityReportV1> {
    const checked = checkPeriod(period, 'total', this.settings.timeZone);
    if (Array.isArray(checked)) throw ServiceError.validation(checked);
    const rows = await this.productivity.rows({
      from: checked.from,
      to: checked.to,
      fromDay: period.from,
      toDay: period.to,
      scope,
    });
    return { from: period.from, to: period.to, scope, timeZone: this.settings.timeZone, ...productivityFigures(rows) };
  }
}

/** Means from sums, rounded to one decimal; null when nothing was measured. */
export function meanOf(sums: DurationSums): MeanDurationV1 {
  return sums.n === 0
    ? { business: null, calendar: null }
    : { business: roundMinutes(sums.business / sums.n), calendar: roundMinutes(sums.calendar / sums.n) };
}

/** The rows as the report lists them: sorted, means computed, every ticket type present. */
export function productivityFigures(
  rows: ProductivityRows,
): Pick<ProductivityReportV1, 'technicians' | 'areas' | 'types'> {
  const technicians = rows.technicians
    .map((t) => ({
      accountId: t.accountId,
      name: t.name,
      taken: t.taken,
      solved: t.solved,
      minutesLogged: t.minutesLogged,
      resolution: meanOf(t.resolution),
    }))
    .sort(
      (a, b) =>
        b.solved - a.solved ||
        b.taken - a.taken ||
        a.name.localeCompare(b.name, 'es') ||
        a.accountId.localeCompare(b.accountId),
    );
  const areas = rows.areas
    .map((a) => ({
      area: a.area,
      resolved: a.resolved,
      resolution: meanOf(a.resolution),
      minutesLogged: a.minutesLogged,
    }))
    .sort((a, b) => b.resolved - a.resolved || a.area.localeCompare(b.area));
  const byType = new Map(rows.types.map((t) => [t.type, t]));
  const types = TICKET_TYPES.map((type) => {
    const row = byType.get(type);
    return {
      type,
      opened: row?.opened ?? 0,
      closed: row?.closed ?? 0,
      resolution: meanOf(row?.resolution ?? { n: 0, business: 0, calendar: 0 }),
    };
  });
  return { technicians, areas, types };
}
