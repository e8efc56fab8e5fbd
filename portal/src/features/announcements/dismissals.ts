/**
 * Dismissed announcements, per person, in this browser's localStorage: hiding one is a matter of taste,
 * not a record, so it needs no server state (a new device shows it again, which is harmless). An entry is
 * `<id>@<version>`: an announcement edited after it was dismissed shows again. Only the ids still shown
 * are kept, so the list does not grow.
 */
export interface DismissalStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export const dismissalKey = (accountId: string): string => `cau.announcements.dismissed.${accountId}`;

const entry = (a: { id: string; version: number }): string => `${a.id}@${a.version}`;

export function readDismissed(store: DismissalStore | null, accountId: string): Set<string> {
  try {
    const parsed: unknown = JSON.parse(store?.getItem(dismissalKey(accountId)) ?? '[]');
    return new Set(Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

export function notDismissed<T extends { id: string; version: number }>(
  items: readonly T[],
  dismissed: Set<string>,
): T[] {
  return items.filter((a) => !dismissed.has(entry(a)));
}

/** Records the dismissal, forgetting those of announcements no longer shown (`current`). */
export function dismiss(
  store: DismissalStore | null,
  accountId: string,
  announcement: { id: string; version: number },
  current: ReadonlyArray<{ id: string; version: number }>,
): Set<string> {
  const live = new Set(current.map(entry));
  const next = new Set([...readDismissed(store, accountId)].filter((e) => live.has(e)));
  next.add(entry(announcement));
  try {
    store?.setItem(dismissalKey(accountId), JSON.stringify([...next]));
  } catch {
    // Storage full or disabled: the announcement is hidden for this visit only.
  }
  return next;
}

/** The browser's localStorage, or null where it is not available (private modes, tests). */
export function browserStore(): DismissalStore | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
