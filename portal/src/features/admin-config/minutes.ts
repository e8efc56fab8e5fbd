/**
 * Business minutes as a person reads them ("2 h 30 min"). Only hours and minutes: how long a working day is
 * depends on the calendar, so days are not shown.
 */
export function describeMinutes(minutes: number, language: string): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const format = new Intl.NumberFormat(language);
  if (hours === 0) return `${format.format(rest)} min`;
  return rest === 0 ? `${format.format(hours)} h` : `${format.format(hours)} h ${format.format(rest)} min`;
}
