import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { scopeDimensionOf } from './report-roles';
import {
  previousPeriod,
  resolvePeriod,
  type KpiQuery,
  type RecurrenceKey,
  type ReportDimension,
  type ReportSearch,
} from './report-search';
import { stepTimesQuery } from './step-times-api';

export type KpiReport = Schemas['KpiReportV1'];
export type KpiRow = Schemas['KpiRowV1'];
export type RecurringReport = Schemas['RecurringReportV1'];
export type YearlyReport = Schemas['YearlyReportV1'];

/** Reports change only as tickets move: a minute's staleness is fine, and the previous answer stays while the next loads. */
export const kpiQuery = (query: KpiQuery) =>
  queryOptions({
    queryKey: ['reports', 'kpis', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/kpis', { params: { query } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

/** The breakdown by a dimension, when one is chosen (its own key: never the overall query's, disabled). */
export const kpiBreakdownQuery = (query: KpiQuery | null) =>
  queryOptions({
    queryKey: ['reports', 'kpis', 'breakdown', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/kpis', { params: { query: query! } })),
    enabled: query !== null,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const recurringQuery = (query: { from: string; to: string; by: RecurrenceKey }) =>
  queryOptions({
    queryKey: ['reports', 'recurring', query],
    queryFn: () => unwrap(api.GET('/api/v1/reports/recurring', { params: { query: { ...query, limit: 20 } } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

/** The open problems and their incidents (staff only: never asked for a referente). */
export const problemsReportQuery = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ['reports', 'problems', period],
    queryFn: () => unwrap(api.GET('/api/v1/reports/problems', { params: { query: period } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const yearlyQuery = (fromYear: number, toYear: number) =>
  queryOptions({
    queryKey: ['reports', 'yearly', fromYear, toYear],
    queryFn: () => unwrap(api.GET('/api/v1/reports/yearly', { params: { query: { fromYear, toYear } } })),
    staleTime: 60_000,
  });

/** The CSV or XLSX of a KPI query: a plain link, the session cookie goes with it. */
export function kpiExportUrl(query: KpiQuery, extension: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ from: query.from, to: query.to, granularity: query.granularity });
  if (query.dimension) params.set('dimension', query.dimension);
  return `/api/v1/reports/kpis.${extension}?${params.toString()}`;
}

export type ProductivityReport = Schemas['ProductivityReportV1'];
export type TechnicianFigures = Schemas['TechnicianFiguresV1'];

/** Per technician, per area that resolved and per ticket type, over the period as one whole. */
export const productivityQuery = (period: { from: string; to: string }) =>
  queryOptions({
    queryKey: ['reports', 'productivity', period],
    queryFn: () => unwrap(api.GET('/api/v1/reports/productivity', { params: { query: period } })),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export function productivityExportUrl(period: { from: string; to: string }): string {
  return `/api/v1/reports/productivity.xlsx?${new URLSearchParams(period).toString()}`;
}

/**
 * Every read the dashboard makes for a URL and a role, in one place: the route's loader starts them while
 * the page's code loads, and the page reads the same queries (the same keys) once it renders.
 */
export function dashboardQueries(search: ReportSearch, role: string, today: string) {
  const period = resolvePeriod(search, today);
  const previous = previousPeriod(period);
  // An agent's or a referente's reports cover their area or jurisdiction, which breaks down by nothing else.
  const scopeDimension = scopeDimensionOf(role);
  const dimension: ReportDimension | undefined = scopeDimension ? undefined : search.dimension;
  const by: RecurrenceKey = search.by ?? 'category';
  // Problems are staff's: a referente's dashboard has no problems section.
  const showsProblems = scopeDimension !== 'jurisdiction';
  const seriesQuery: KpiQuery = { from: period.from, to: period.to, granularity: period.granularity };
  const byDimensionQuery: KpiQuery | null = dimension
    ? { from: period.from, to: period.to, granularity: 'total', dimension }
    : null;
  return {
    period,
    previous,
    scopeDimension,
    dimension,
    by,
    showsProblems,
    seriesQuery,
    byDimensionQuery,
    current: kpiQuery({ from: period.from, to: period.to, granularity: 'total' }),
    before: kpiQuery({ ...previous, granularity: 'total' }),
    series: kpiQuery(seriesQuery),
    byDimension: kpiBreakdownQuery(byDimensionQuery),
    recurring: recurringQuery({ from: period.from, to: period.to, by }),
    problems: problemsReportQuery({ from: period.from, to: period.to }),
    productivity: productivityQuery({ from: period.from, to: period.to }),
    stepTimes: stepTimesQuery({ from: period.from, to: period.to }),
  };
}
