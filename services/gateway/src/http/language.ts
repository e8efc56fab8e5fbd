import { Language } from '@cau/contracts';

const SUPPORTED: readonly Language[] = [Language.Es, Language.En];
const DEFAULT_LANGUAGE: Language = Language.Es;
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

interface Preference {
  q: number;
  /** Position in the header: among equal weights the client listed first wins. */
  order: number;
}

/**
 * Picks the answer language from Accept-Language (RFC 9110 §12.5.4): the supported language with the
 * highest weight, matching `en-GB` to `en`; `*` weighs every language not named; q=0 excludes one.
 * Spanish when nothing supported is acceptable or the header is absent or unreadable.
 */
export function preferredLanguage(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const named = new Map<Language, Preference>();
  let wildcard: Preference | undefined;
  header.split(',').forEach((entry, order) => {
    const [rawRange = '', ...parameters] = entry.split(';');
    const range = rawRange.trim().toLowerCase();
    const q = weight(parameters);
    if (range === '' || q === null) return;
    if (range === '*') {
      wildcard ??= { q, order };
      return;
    }
    const language = SUPPORTED.find((l) => range === l || range.startsWith(`${l}-`));
    if (!language) return;
    const previous = named.get(language);
    if (!previous || q > previous.q) named.set(language, { q, order: previous?.order ?? order });
  });
  let best: { language: Language; preference: Preference } | undefined;
  for (const language of SUPPORTED) {
    const preference = named.get(language) ?? wildcard;
    if (!preference || preference.q === 0) continue;
    if (
      !best ||
      preference.q > best.preference.q ||
      (preference.q === best.preference.q && preference.order < best.preference.order)
    ) {
      best = { language, preference };
    }
  }
  return best?.language ?? DEFAULT_LANGUAGE;
}

/** The q parameter (1 when absent), or null when malformed. */
function weight(parameters: string[]): number | null {
  for (const parameter of parameters) {
    const [name = '', value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() !== 'q') continue;
    const trimmed = value.trim();
    return QVALUE.test(trimmed) ? Number(trimmed) : null;
  }
  return 1;
}
