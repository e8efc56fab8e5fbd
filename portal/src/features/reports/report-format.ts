// Numbers of the reports as people of the portal's language write them.

const locale = (language: string) => (language === 'en' ? 'en-GB' : 'es-AR');

/** A count (1.234 in Spanish, 1,234 in English). */
export function formatCount(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 0 }).format(value);
}

/** A share of 0–1 as a percentage with one decimal at most; a dash when there is none (nothing measured). */
export function formatShare(value: number | null | undefined, language: string): string {
  if (value == null) return '—';
  return new Intl.NumberFormat(locale(language), { style: 'percent', maximumFractionDigits: 1 }).format(value);
}

/** Minutes with one decimal at most, as the API rounds them. */
export function formatDecimal(value: number, language: string): string {
  return new Intl.NumberFormat(locale(language), { maximumFractionDigits: 1 }).format(value);
}

/**
 * A trend's change in the figure's own unit: +3, −2, +12,5 pp for shares (percentage points), ± minutes
 * for durations. `same` reads as "=".
 */
export function formatDelta(
  delta: number | null,
  kind: 'count' | 'share' | 'minutes',
  language: string,
  units: { points: string; minutes: string },
): string {
  if (delta === null) return '—';
  if (delta === 0) return '=';
  const sign = delta > 0 ? '+' : '−';
  const magnitude = Math.abs(delta);
  if (kind === 'share') return `${sign}${formatDecimal(magnitude * 100, language)} ${units.points}`;
  if (kind === 'minutes') return `${sign}${formatDecimal(magnitude, language)} ${units.minutes}`;
  return `${sign}${formatCount(magnitude, language)}`;
}

/** A period's label for axes and tables: 03/11 by day or week, 11/2025 by month (the start's local date). */
export function periodLabel(day: string, granularity: 'day' | 'week' | 'month'): string {
  const [year, month, date] = day.split('-');
  // Day before month in both languages (the portal's English is British).
  return granularity === 'month' ? `${month}/${year}` : `${date}/${month}`;
}

/** A day as a long date for headings: 3 nov 2025. */
export function formatDay(day: string, language: string): string {
  return new Intl.DateTimeFormat(locale(language), { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}
