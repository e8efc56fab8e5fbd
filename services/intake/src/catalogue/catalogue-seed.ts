import { CATEGORY_CODE_PATTERN, JURISDICTION_CODE_PATTERN, Limits, type CatalogueEntryV1 } from '@cau/contracts';

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

const MAX_CATEGORIES = 200;
const MAX_LABEL = 100;

/**
 * The categories the catalogue starts with: read at the first start (the table is then filled once and
 * administered through the API; the variable is no longer read afterwards). Installations that set
 * TICKET_CATEGORIES for the gateway keep their list.
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
      `invalid intake configuration: TICKET_CATEGORIES ${detail} ` +
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

/** One jurisdiction the old notification settings named: its referente and the (global) supervisors. */
export interface JurisdictionSetting {
  code: string;
  referenteEmails: string[];
  supervisorEmails: string[];
}

const ADDRESS = /^[^@\s,=<>]+@[^@\s,=<>]+\.[^@\s,=<>]+$/;

/**
 * JURISDICTION_REFERENTES (`SALUD=ref@salud.gob,EDUCACION=ti@edu.gob`, notifications' format) and
 * SUPERVISOR_EMAILS (`a@x.gob,b@x.gob`, for every jurisdiction): the jurisdictions seeded at the first
 * start. Seeded jurisdictions are not "listed": they do not close registration to other codes.
 */
export function jurisdictionSeedFromEnv(env: NodeJS.ProcessEnv): JurisdictionSetting[] {
  const supervisors = new Set<string>();
  for (const entry of (env.SUPERVISOR_EMAILS ?? '').split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;
    if (!ADDRESS.test(entry)) {
      throw new Error(
        `invalid intake configuration: SUPERVISOR_EMAILS must be comma-separated addresses, got "${entry}"`,
      );
    }
    supervisors.add(entry);
  }
  const referentes = new Map<string, string[]>();
  for (const entry of (env.JURISDICTION_REFERENTES ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    const [code = '', address = '', ...rest] = entry.split('=').map((part) => part.trim());
    const email = address.toLowerCase();
    if (rest.length > 0 || !JURISDICTION_CODE_PATTERN.test(code) || !ADDRESS.test(email)) {
      throw new Error(
        `invalid intake configuration: JURISDICTION_REFERENTES must look like SALUD=referente@salud.example.gob, got "${entry}"`,
      );
    }
    referentes.set(code, [...new Set([...(referentes.get(code) ?? []), email])]);
  }
  return [...referentes].map(([code, emails]) => ({
    code,
    referenteEmails: emails,
    supervisorEmails: [...supervisors],
  }));
}
