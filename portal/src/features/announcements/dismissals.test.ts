import { describe, expect, it } from 'vitest';
import { dismiss, dismissalKey, notDismissed, readDismissed, type DismissalStore } from './dismissals';

const memory = (): DismissalStore & { data: Map<string, string> } => {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
};

describe('dismissals', () => {
  const a = { id: 'a', version: 1 };
  const b = { id: 'b', version: 1 };

  it('hides a dismissed announcement for that person until it is edited', () => {
    const store = memory();
    dismiss(store, 'ana', a, [a, b]);
    expect(notDismissed([a, b], readDismissed(store, 'ana'))).toEqual([b]);
    expect(notDismissed([a, b], readDismissed(store, 'beto'))).toEqual([a, b]);
    expect(notDismissed([{ id: 'a', version: 2 }], readDismissed(store, 'ana'))).toEqual([{ id: 'a', version: 2 }]);
  });

  it('forgets announcements no longer shown, and survives bad or missing storage', () => {
    const store = memory();
    dismiss(store, 'ana', a, [a, b]);
    dismiss(store, 'ana', b, [b]);
    expect(JSON.parse(store.data.get(dismissalKey('ana'))!)).toEqual(['b@1']);
    store.data.set(dismissalKey('ana'), '{no es json');
    expect(readDismissed(store, 'ana')).toEqual(new Set());
    expect(dismiss(null, 'ana', a, [a])).toEqual(new Set(['a@1']));
  });
});
