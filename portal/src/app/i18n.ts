import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { es, type Messages } from './locales/es';
import { rememberLanguage, storedLanguage, type Language } from './stored-language';

export { isLanguage, languages, type Language } from './stored-language';

// Spanish is in the main bundle; English (~65 kB) is fetched only by those who read it, so the first
// page of everyone else parses less (issue 12's speed targets).
const loaders: Record<Language, () => Promise<Messages>> = {
  es: () => Promise.resolve(es),
  en: async () => (await import('./locales/en')).en,
};

async function loadLanguage(language: Language): Promise<void> {
  if (!i18n.hasResourceBundle(language, 'translation')) {
    i18n.addResourceBundle(language, 'translation', await loaders[language]());
  }
}

/** Resolves once the remembered language's texts are loaded: the portal renders after it. */
export const i18nReady: Promise<void> = (async () => {
  await i18n.use(initReactI18next).init({
    resources: { es: { translation: es } },
    partialBundledLanguages: true,
    lng: 'es',
    fallbackLng: 'es',
    interpolation: { escapeValue: false },
    returnNull: false,
    // The Spanish texts are in the bundle: nothing to wait for, so the first render need not wait for a timer.
    initAsync: false,
  });
  const language = storedLanguage();
  if (language !== 'es') {
    await loadLanguage(language);
    await i18n.changeLanguage(language);
  }
  document.documentElement.lang = i18n.language;
})();

export async function changeLanguage(language: Language): Promise<void> {
  rememberLanguage(language);
  await i18nReady;
  await loadLanguage(language);
  document.documentElement.lang = language;
  await i18n.changeLanguage(language);
}

export default i18n;
