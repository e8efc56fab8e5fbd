const formatters = new Map<string, Intl.DateTimeFormat>();

/** A date and time as people of the portal's language write it, in their own time zone. */
export function formatDateTime(iso: string, language: string): string {
  const locale = language === 'en' ? 'en-GB' : 'es-AR';
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    formatters.set(locale, formatter);
  }
  return formatter.format(new Date(iso));
}

/** A file size in the units people read (kB, MB), one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A date-only value (`YYYY-MM-DD`: a repair's return, a purchase date) as people of the portal's language
 * write a date. It is a day, not a moment: it is formatted in UTC from its own parts, so no time zone (the
 * office's nor the browser's) moves it to the evening before. Anything that is not such a day is returned as
 * it came.
 */
export function formatDay(day: string, language: string): string {
  const parts = DAY.exec(day);
  if (!parts) return day;
  const locale = language === 'en' ? 'en-GB' : 'es-AR';
  let formatter = dayFormatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
    dayFormatters.set(locale, formatter);
  }
  const date = new Date(Date.UTC(Number(parts[1]), Number(parts[2]) - 1, Number(parts[3])));
  return Number.isNaN(date.getTime()) ? day : formatter.format(date);
}
