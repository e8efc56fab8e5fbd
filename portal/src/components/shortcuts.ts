import { useEffect, useSyncExternalStore } from 'react';

/** One key of a page, as the "?" dialog lists it. */
export interface ShortcutDescription {
  keys: readonly string[];
  label: string;
}

export interface ShortcutGroup {
  title: string;
  shortcuts: readonly ShortcutDescription[];
}

/*
 * The keys each open page offers, for the "?" dialog: pages bind their own keys (the queue, the
 * workspace) and describe them here while they are mounted, so the dialog always lists what works now.
 */
const groups = new Map<symbol, ShortcutGroup>();
const listeners = new Set<() => void>();
let snapshot: ShortcutGroup[] = [];

function changed(): void {
  snapshot = [...groups.values()];
  for (const listener of listeners) listener();
}

/** Describes a page's keys while the calling component is mounted. */
export function useShortcutGroup(group: ShortcutGroup): void {
  // Keyed by the description's content, not its identity: pages build it on every render.
  const key = JSON.stringify(group);
  useEffect(() => {
    const id = Symbol();
    groups.set(id, JSON.parse(key) as ShortcutGroup);
    changed();
    return () => {
      groups.delete(id);
      changed();
    };
  }, [key]);
}

export function useShortcutGroups(): readonly ShortcutGroup[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}

/** Keys typed in a field or a dialog belong there, and a key with Ctrl, Alt or Meta is the browser's. */
export function isPageKey(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.altKey || event.metaKey || event.defaultPrevented) return false;
  const target = event.target;
  if (!(target instanceof Element)) return true;
  if (target.closest('input, textarea, select, [contenteditable="true"], [role="dialog"], [aria-modal="true"]')) {
    return false;
  }
  return true;
}
