import { Limits, type CatalogueEntryV1 } from '@cau/contracts';

/** One category as written in TICKET_CATEGORIES. */
export interface CategorySetting {
  code: string;
  es: string;
  en: string;
}

/**
 * A government IT desk's usual categories, used when TICKET_CATEGORIES is unset. `correo-electronico`
 * must stay: the inbound mail channel registers its tickets with it.
 */
export const DEFAULT_TICKET_CATEGORIES: readonly CategorySetting[] = [
  { code: 'equipos', es: 'Equipos (computadoras y periféricos)', en: 'Hardware (computers and peripherals)' },
  { code: 'impresoras', es: 'Impresoras y escáneres', en: 'Printers and scanners' },
  { code: 'correo-electronico', es: 'Correo electrónico', en: 'E-mail' },
  { code: 'red-e-internet', es: 'Red e internet', en: 'Network and internet' },
  { code: 'sistemas-y-aplicaciones', es: 'Sistemas y aplicaciones institucionales', en: 'Systems and applications' },
  { code: 'accesos-y-contrasenas', es: 'Accesos y contraseñas', en: 'Access and passwords' },
  { code: 'telefonia', es: 'Telefonía', en: 'Telephony' },
  { code: 'seguridad-informatica', es: 'Seguridad informática', en: 'Information security' },
  { code: 'instalacion-de-software', es: 'Instalación de software', en: 'Software installation' },
  { code: 'otros', es: 'Otros', en: 'Other' },
];

/** Lower-case words joined by hyphens: `red-e-internet`. */
export const CATEGORY_CODE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_CATEGORIES = 200;
const MAX_LABEL = 100;

/**
 * The categories the portal offers when reporting a problem, read once at boot. Registration still
 * accepts any text as `category`; issue "Portal III" turns this list into an administered catalogue.
 */
export class CategoryCatalogue {
  constructor(readonly categories: readonly CatalogueEntryV1[]) {}
}

/** TICKET_CATEGORIES: a JSON array of `{ "code", "es", "en" }`; unset or empty means the defaults. */
export function categoryCatalogueFromEnv(env: NodeJS.ProcessEnv): CategoryCatalogue {
  const raw = env.TICKET_CATEGORIES?.trim() ?? '';
  const settings = raw === '' ? DEFAULT_TICKET_CATEGORIES : parseCategories(raw);
  return new CategoryCatalogue(
    settings.map(({ code, es, en }) => Object.freeze({ code, label: Object.freeze({ es, en }) })),
  );
}

function parseCategories(raw: string): CategorySetting[] {
  const fail = (detail: string): never => {
    throw new Error(
      `invalid gateway configuration: TICKET_CATEGORIES ${detail} ` +
        '(expected a JSON array like [{"code":"impresoras","es":"Impresoras","en":"Printers"}])',
    );
  };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return fail('is not valid JSON');
  }
  if (!Array.isArray(value) || value.length === 0) return fail('must be a non-empty JSON array');
  if (value.length > MAX_CATEGORIES) return fail(`accepts at most ${MAX_CATEGORIES} categories, got ${value.length}`);
  const seen = new Set<string>();
  return value.map((item: unknown, index): CategorySetting => {
    const at = `[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return fail(`${at} must be an object`);
    const entry = item as Record<string, unknown>;
    const unknown = Object.keys(entry).filter((key) => !['code', 'es', 'en'].includes(key));
    if (unknown.length > 0) fail(`${at} has unknown field(s): ${unknown.join(', ')}`);
    const { code, es, en } = entry;
    if (typeof code !== 'string' || !CATEGORY_CODE_PATTERN.test(code) || code.length > Limits.category) {
      fail(
        `${at}.code must be lower-case words joined by hyphens (a-z, 0-9), at most ${Limits.category} characters, ` +
          `got ${JSON.stringify(code)}`,
      );
    }
    for (const [field, label] of [
      ['es', es],
      ['en', en],
    ] as const) {
      if (typeof label !== 'string' || label.trim() === '' || label.length > MAX_LABEL) {
        fail(`${at}.${field} must be a non-empty text of at most ${MAX_LABEL} characters`);
      }
    }
    if (seen.has(code as string)) fail(`${at}.code "${code as string}" is repeated`);
    seen.add(code as string);
    return { code: code as string, es: (es as string).trim(), en: (en as string).trim() };
  });
}
