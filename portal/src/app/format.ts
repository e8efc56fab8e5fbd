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
