import { useHotkeys, type HotkeyItem } from '@mantine/hooks';

/*
 * The workspace's keys, declared once: the same list binds them and can fill the console's "?" dialog.
 * `workspaceShortcutList` answers in the shape of the console's shortcut registry (hotkeys, keys, label,
 * run; a titled group), so the lead can hand it to that registry as it is.
 */

export const WORKSPACE_SHORTCUTS = [
  { id: 'take', hotkey: 't', label: 'workspace.shortcuts.take' },
  { id: 'reply', hotkey: 'r', label: 'workspace.shortcuts.reply' },
  { id: 'derive', hotkey: 'd', label: 'workspace.shortcuts.derive' },
  { id: 'estimate', hotkey: 'e', label: 'workspace.shortcuts.estimate' },
  { id: 'logWork', hotkey: 'l', label: 'workspace.shortcuts.logWork' },
  { id: 'wait', hotkey: 'w', label: 'workspace.shortcuts.wait' },
  { id: 'solution', hotkey: 's', label: 'workspace.shortcuts.solution' },
  { id: 'submit', hotkey: 'v', label: 'workspace.shortcuts.submit' },
  { id: 'review', hotkey: 'a', label: 'workspace.shortcuts.review' },
] as const;

export type WorkspaceShortcutId = (typeof WORKSPACE_SHORTCUTS)[number]['id'];

/** The key of an action, for the hint on its button. */
export const hotkeyOf = (id: string): string | undefined =>
  WORKSPACE_SHORTCUTS.find((shortcut) => shortcut.id === id)?.hotkey;

export interface WorkspaceShortcut {
  hotkeys: readonly string[];
  keys: readonly string[];
  label: string;
  /** Does it; false when the action is not available now (the key then does nothing). */
  run: (event: KeyboardEvent) => void | false;
}

export function workspaceShortcutList(
  t: (key: string) => string,
  run: (id: WorkspaceShortcutId) => boolean,
): { title: string; shortcuts: WorkspaceShortcut[] } {
  return {
    title: t('workspace.shortcuts.title'),
    shortcuts: WORKSPACE_SHORTCUTS.map((shortcut) => ({
      hotkeys: [shortcut.hotkey],
      keys: [shortcut.hotkey.toUpperCase()],
      label: t(shortcut.label),
      run: () => (run(shortcut.id) ? undefined : false),
    })),
  };
}

/** A dialog over the page keeps its keys to itself. */
const insideDialog = (target: EventTarget | null): boolean =>
  target instanceof Element && target.closest('[role="dialog"], [aria-modal="true"]') !== null;

/**
 * Binds the workspace's keys while the page is open. Keys typed in a field belong to the field
 * (useHotkeys ignores inputs, text areas and selects by default), and a key with Ctrl, Alt or Meta is the
 * browser's: each shortcut is a bare letter.
 */
export function useWorkspaceHotkeys(run: (id: WorkspaceShortcutId) => boolean): void {
  const items: HotkeyItem[] = WORKSPACE_SHORTCUTS.map((shortcut) => [
    shortcut.hotkey,
    (event: KeyboardEvent) => {
      if (event.defaultPrevented || insideDialog(event.target) || document.querySelector('[role="dialog"]')) return;
      if (run(shortcut.id)) event.preventDefault();
    },
    { preventDefault: false },
  ]);
  useHotkeys(items);
}
