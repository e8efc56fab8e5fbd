import { createContext, useContext, useEffect, useId, useRef, type ReactNode } from 'react';

/*
 * Which forms of the workspace hold text not yet sent, so that a change made by someone else meanwhile can
 * be pointed out to the person typing (the text itself stays where it is, and in its draft).
 */

type Registry = Map<string, boolean>;
const UnsavedContext = createContext<Registry | null>(null);

export function UnsavedTextProvider({ registry, children }: { registry: Registry; children: ReactNode }) {
  return <UnsavedContext.Provider value={registry}>{children}</UnsavedContext.Provider>;
}

/** The registry a workspace shares with its forms; `any()` tells whether one of them holds text. */
export function useUnsavedRegistry(): { registry: Registry; any: () => boolean } {
  const registry = useRef<Registry>(new Map()).current;
  return { registry, any: () => [...registry.values()].some(Boolean) };
}

/** Declares whether this form holds unsent text, for as long as it is mounted. */
export function useReportUnsaved(hasText: boolean): void {
  const registry = useContext(UnsavedContext);
  const id = useId();
  useEffect(() => {
    registry?.set(id, hasText);
  }, [registry, id, hasText]);
  useEffect(() => () => void registry?.delete(id), [registry, id]);
}
