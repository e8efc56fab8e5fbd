import { Role, ROLES } from '@cau/contracts';

/** What a value of the role claim grants: a role, with the area or jurisdiction the role needs. */
export interface RoleGrant {
  role: Role;
  area: string | null;
  jurisdiction: string | null;
}

/** One OpenID Connect provider the portal offers a button for. */
export interface OidcProviderSettings {
  /** In URLs (`/api/v1/auth/oidc/{id}/login`) and the audit log. */
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  label: { es: string; en: string };
  /**
   * A first login whose verified e-mail already has an account joins that account; off, such a login
   * is refused (an administrator links nothing by hand, the person uses the other login).
   */
  linkByVerifiedEmail: boolean;
  /**
   * Staff access from a claim (a Keycloak `groups` or `roles` claim): each value the claim may carry,
   * and what it grants. Null: roles are managed in CAU and the provider's claims are ignored.
   */
  roleMapping: { claim: string; values: Record<string, RoleGrant> } | null;
  /** Plain HTTP is accepted only for a provider on this machine (tests, development). */
  allowInsecure: boolean;
}

/** Whether people may create their own requester account with a password (and from which addresses). */
export interface SelfRegistrationSettings {
  /** SELF_REGISTRATION (default off). */
  open: boolean;
  /**
   * SELF_REGISTRATION_DOMAINS: lower-case domains (`salud.gob.bo`) an address must belong to, exactly or
   * as a subdomain; empty: any address.
   */
  domains: readonly string[];
}

/** How people log in to the portal, read once at boot. Injected by class. */
export class IdentityConfig {
  constructor(
    /** LOCAL_LOGIN: the portal's e-mail and password form (and its endpoint). */
    readonly localLogin: boolean,
    readonly providers: readonly OidcProviderSettings[],
    readonly selfRegistration: SelfRegistrationSettings = { open: false, domains: [] },
  ) {}

  provider(id: string): OidcProviderSettings | null {
    return this.providers.find((provider) => provider.id === id) ?? null;
  }
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const DEFAULT_SCOPES = ['openid', 'email', 'profile'];

/** Whichever role grants the most wins when a person carries several mapped values. */
const ROLE_RANK: readonly Role[] = [
  Role.Requester,
  Role.Referente,
  Role.Operator,
  Role.Agent,
  Role.Supervisor,
  Role.Admin,
];

/**
 * The access a login's claims grant under a mapping: the highest role among the claim's mapped values
 * (a string or a list of strings), or requester when none is mapped.
 */
export function grantFromClaims(
  mapping: NonNullable<OidcProviderSettings['roleMapping']>,
  claims: Record<string, unknown>,
): RoleGrant {
  const raw = claims[mapping.claim];
  const values = Array.isArray(raw) ? raw : [raw];
  let best: RoleGrant = { role: Role.Requester, area: null, jurisdiction: null };
  for (const value of values) {
    if (typeof value !== 'string' || !Object.hasOwn(mapping.values, value)) continue;
    const grant = mapping.values[value]!;
    if (ROLE_RANK.indexOf(grant.role) > ROLE_RANK.indexOf(best.role)) best = grant;
  }
  return best;
}

/** Reads LOCAL_LOGIN and OIDC_PROVIDERS (a JSON array); throws naming every problem found. */
export function identityConfigFromEnv(env: NodeJS.ProcessEnv): IdentityConfig {
  const problems: string[] = [];
  const localRaw = env.LOCAL_LOGIN?.trim().toLowerCase() ?? '';
  let localLogin = true;
  if (localRaw === 'false' || localRaw === '0') localLogin = false;
  else if (localRaw !== '' && localRaw !== 'true' && localRaw !== '1') {
    problems.push(`LOCAL_LOGIN must be true or false, got "${env.LOCAL_LOGIN}"`);
  }

  const providers: OidcProviderSettings[] = [];
  const raw = env.OIDC_PROVIDERS?.trim() ?? '';
  if (raw !== '') {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      problems.push('OIDC_PROVIDERS must be a JSON array of providers');
    }
    if (parsed !== null && !Array.isArray(parsed)) problems.push('OIDC_PROVIDERS must be a JSON array of providers');
    if (Array.isArray(parsed)) {
      parsed.forEach((entry: unknown, index) => {
        const provider = providerFrom(entry, `OIDC_PROVIDERS[${index}]`, problems);
        if (provider && providers.some((other) => other.id === provider.id)) {
          problems.push(`OIDC_PROVIDERS[${index}].id "${provider.id}" is used twice`);
        } else if (provider) providers.push(provider);
      });
    }
  }
  if (!localLogin && providers.length === 0 && problems.length === 0) {
    problems.push('LOCAL_LOGIN=false needs at least one provider in OIDC_PROVIDERS, or nobody could log in');
  }
  const selfRegistration = selfRegistrationFrom(env, problems);
  if (selfRegistration.open && !localLogin) {
    problems.push('SELF_REGISTRATION=true needs LOCAL_LOGIN: the accounts it creates log in with their password');
  }
  if (problems.length > 0) throw new Error(`invalid identity configuration: ${problems.join('; ')}`);
  return new IdentityConfig(localLogin, providers, selfRegistration);
}

const DOMAIN_PATTERN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

function selfRegistrationFrom(env: NodeJS.ProcessEnv, problems: string[]): SelfRegistrationSettings {
  const raw = env.SELF_REGISTRATION?.trim().toLowerCase() ?? '';
  let open = false;
  if (raw === 'true' || raw === '1') open = true;
  else if (raw !== '' && raw !== 'false' && raw !== '0') {
    problems.push(`SELF_REGISTRATION must be true or false, got "${env.SELF_REGISTRATION}"`);
  }
  const domains = (env.SELF_REGISTRATION_DOMAINS ?? '')
    .split(',')
    .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
    .filter((domain) => domain !== '');
  for (const domain of domains) {
    if (!DOMAIN_PATTERN.test(domain)) {
      problems.push(`SELF_REGISTRATION_DOMAINS must list domains like salud.gob.bo, got "${domain}"`);
    }
  }
  return { open, domains };
}

/** Whether self-registration takes this (normalized) address: any, or one of the domains or their subdomains. */
export function registrationAllows(settings: SelfRegistrationSettings, email: string): boolean {
  if (settings.domains.length === 0) return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return settings.domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}

function providerFrom(entry: unknown, at: string, problems: string[]): OidcProviderSettings | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    problems.push(`${at} must be an object`);
    return null;
  }
  const value = entry as Record<string, unknown>;
  const before = problems.length;
  const text = (key: string): string => {
    const field = value[key];
    if (typeof field === 'string' && field.trim() !== '') return field.trim();
    problems.push(`${at}.${key} must be a non-empty string`);
    return '';
  };

  const id = text('id');
  if (id !== '' && !ID_PATTERN.test(id)) problems.push(`${at}.id must be lower-case letters, digits and dashes`);
  const issuer = text('issuer');
  let allowInsecure = false;
  if (issuer !== '') {
    let url: URL | null = null;
    try {
      url = new URL(issuer);
    } catch {
      problems.push(`${at}.issuer must be a URL, got "${issuer}"`);
    }
    if (url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) allowInsecure = true;
    else if (url && url.protocol !== 'https:') problems.push(`${at}.issuer must be an https URL`);
  }
  const clientId = text('clientId');
  const clientSecret = text('clientSecret');

  let scopes = DEFAULT_SCOPES;
  if (value.scopes !== undefined) {
    const listed: unknown[] = Array.isArray(value.scopes) ? value.scopes : [];
    const named = listed.filter((scope): scope is string => typeof scope === 'string' && scope !== '');
    if (!Array.isArray(value.scopes) || named.length !== listed.length) {
      problems.push(`${at}.scopes must be a list of strings`);
    } else {
      scopes = named.includes('openid') ? named : ['openid', ...named];
    }
  }

  const labelValue = value.label;
  let label = { es: id, en: id };
  if (typeof labelValue === 'string' && labelValue.trim() !== '') label = { es: labelValue, en: labelValue };
  else if (
    typeof labelValue === 'object' &&
    labelValue !== null &&
    typeof (labelValue as Record<string, unknown>).es === 'string' &&
    typeof (labelValue as Record<string, unknown>).en === 'string'
  ) {
    label = labelValue as { es: string; en: string };
  } else problems.push(`${at}.label must be a string or { "es": …, "en": … }`);

  const link = value.linkByVerifiedEmail ?? false;
  if (typeof link !== 'boolean') problems.push(`${at}.linkByVerifiedEmail must be true or false`);

  const roleMapping = roleMappingFrom(value.roleMapping, `${at}.roleMapping`, problems);
  if (problems.length > before) return null;
  return {
    id,
    issuer,
    clientId,
    clientSecret,
    scopes,
    label,
    linkByVerifiedEmail: link === true,
    roleMapping,
    allowInsecure,
  };
}

/**
 * `{ "claim": "groups", "values": { "cau-admins": "admin", "cau-redes": { "role": "agent", "area": "REDES" } } }`.
 * An agent's mapping must name its area and a referente's its jurisdiction, as an administrator would.
 */
function roleMappingFrom(raw: unknown, at: string, problems: string[]): OidcProviderSettings['roleMapping'] {
  if (raw === undefined || raw === null) return null;
  const mapping = raw as Record<string, unknown>;
  if (typeof raw !== 'object' || typeof mapping.claim !== 'string' || mapping.claim === '') {
    problems.push(`${at}.claim must name the claim that carries roles`);
    return null;
  }
  if (typeof mapping.values !== 'object' || mapping.values === null || Array.isArray(mapping.values)) {
    problems.push(`${at}.values must map claim values to roles`);
    return null;
  }
  const values: Record<string, RoleGrant> = {};
  for (const [claimValue, target] of Object.entries(mapping.values as Record<string, unknown>)) {
    const spec = (typeof target === 'string' ? { role: target } : target) as Record<string, unknown> | null;
    const role = spec?.role;
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      problems.push(`${at}.values["${claimValue}"] must be one of ${ROLES.join(', ')}`);
      continue;
    }
    const area = typeof spec?.area === 'string' && spec.area !== '' ? spec.area : null;
    const jurisdiction = typeof spec?.jurisdiction === 'string' && spec.jurisdiction !== '' ? spec.jurisdiction : null;
    if (role === Role.Agent && area === null) problems.push(`${at}.values["${claimValue}"] is an agent without area`);
    if (role === Role.Referente && jurisdiction === null) {
      problems.push(`${at}.values["${claimValue}"] is a referente without jurisdiction`);
    }
    values[claimValue] = { role: role as Role, area, jurisdiction };
  }
  return { claim: mapping.claim, values };
}
