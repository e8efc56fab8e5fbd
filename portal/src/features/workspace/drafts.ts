import { useEffect } from 'react';
import type { FieldValues, Path, PathValue, UseFormReturn } from 'react-hook-form';

/*
 * Drafts of what staff write on a ticket (the reply, the solution; internal notes later) survive a
 * reload: kept in this browser's localStorage per ticket and field, and cleared once the service has
 * taken the text. Storage may be disabled or full; then there is simply no draft.
 */

export type DraftField = 'reply' | 'solution' | 'note' | 'articleRef';

const PREFIX = 'cau.draft';
const keyOf = (number: number, field: DraftField): string => `${PREFIX}.${number}.${field}`;

export function readDraft(number: number, field: DraftField): string {
  try {
    return window.localStorage.getItem(keyOf(number, field)) ?? '';
  } catch {
    return '';
  }
}

export function writeDraft(number: number, field: DraftField, text: string): void {
  try {
    if (text.trim() === '') window.localStorage.removeItem(keyOf(number, field));
    else window.localStorage.setItem(keyOf(number, field), text);
  } catch {
    // No storage: the draft lives only in the page.
  }
}

export const clearDraft = (number: number, field: DraftField): void => writeDraft(number, field, '');

/** Keeps one text field of a form as the ticket's draft while the person types. */
export function useDraftField<T extends FieldValues>(
  form: UseFormReturn<T>,
  name: Path<T>,
  number: number,
  field: DraftField,
): void {
  useEffect(() => {
    const saved = readDraft(number, field);
    if (saved && !form.getValues(name)) form.setValue(name, saved as PathValue<T, Path<T>>);
    const subscription = form.watch((values, { name: changed }) => {
      if (changed !== name) return;
      const value: unknown = values[name];
      writeDraft(number, field, typeof value === 'string' ? value : '');
    });
    return () => subscription.unsubscribe();
  }, [form, name, number, field]);
}
