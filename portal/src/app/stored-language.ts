/*
 * The language remembered in this browser, readable without the catalogues: the first reads of the page
 * (api/early-reads.ts) ask in it before i18next is even evaluated.
 */

export const languages = ['es', 'en'] as const;
export type Language = (typeof languages)[number];
export const isLanguage = (value: unknown): value is Language => languages.includes(value as Language);

// Remembered in the browser only until sign-in; the account's own choice wins from then on.
const STORAGE_KEY = 'cau.language';

export function storedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    // Storage may be disabled; Spanish is the default.
  }
  return 'es';
}

export function rememberLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Not remembered in this browser; the account still keeps it.
  }
}
