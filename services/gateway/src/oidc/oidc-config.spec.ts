import { Role } from '@cau/contracts';
import { grantFromClaims, identityConfigFromEnv, registrationAllows } from './oidc-config.js';

const KEYCLOAK = {
  id: 'keycloak',
  issuer: 'https://sso.example.gob/realms/cau',
  clientId: 'cau',
  clientSecret: 'secreto',
  label: { es: 'Ingresar con la cuenta provincial', en: 'Sign in with the provincial account' },
};

describe('identityConfigFromEnv', () => {
  it('without settings: local login only', () => {
    const config = identityConfigFromEnv({});
    expect(config.localLogin).toBe(true);
    expect(config.providers).toEqual([]);
  });

  it('reads providers with defaults: openid email profile, no linking, roles managed in CAU', () => {
    const config = identityConfigFromEnv({ OIDC_PROVIDERS: JSON.stringify([KEYCLOAK]) });
    expect(config.provider('keycloak')).toEqual({
      ...KEYCLOAK,
      scopes: ['openid', 'email', 'profile'],
      linkByVerifiedEmail: false,
      roleMapping: null,
      allowInsecure: false,
    });
    expect(config.provider('otro')).toBeNull();
  });

  it('adds openid to the scopes, takes one label for both languages, allows plain HTTP on loopback only', () => {
    const config = identityConfigFromEnv({
      OIDC_PROVIDERS: JSON.stringify([
        { ...KEYCLOAK, issuer: 'http://127.0.0.1:8080/realms/cau', scopes: ['email', 'groups'], label: 'Keycloak' },
      ]),
    });
    expect(config.providers[0]).toMatchObject({
      scopes: ['openid', 'email', 'groups'],
      label: { es: 'Keycloak', en: 'Keycloak' },
      allowInsecure: true,
    });
  });

  it('reports every problem at once', () => {
    const bad = [
      { ...KEYCLOAK, id: 'Mal Id', issuer: 'http://sso.example.gob', clientSecret: '' },
      { ...KEYCLOAK, roleMapping: { claim: 'groups', values: { a: 'rey', b: 'agent', c: { role: 'referente' } } } },
      KEYCLOAK,
      KEYCLOAK,
    ];
    expect(() => identityConfigFromEnv({ OIDC_PROVIDERS: JSON.stringify(bad), LOCAL_LOGIN: 'quizá' })).toThrow(
      new RegExp(
        [
          'LOCAL_LOGIN must be true or false',
          'OIDC_PROVIDERS\\[0\\].id must be lower-case',
          'OIDC_PROVIDERS\\[0\\].issuer must be an https URL',
          'OIDC_PROVIDERS\\[0\\].clientSecret must be a non-empty string',
          'values\\["a"\\] must be one of',
          'values\\["b"\\] is an agent without area',
          'values\\["c"\\] is a referente without jurisdiction',
          'OIDC_PROVIDERS\\[3\\].id "keycloak" is used twice',
        ].join('.*'),
      ),
    );
    expect(() => identityConfigFromEnv({ OIDC_PROVIDERS: '{' })).toThrow(/JSON array/);
  });

  it('refuses turning local login off with no provider to log in with', () => {
    expect(() => identityConfigFromEnv({ LOCAL_LOGIN: 'false' })).toThrow(/at least one provider/);
    expect(identityConfigFromEnv({ LOCAL_LOGIN: 'false', OIDC_PROVIDERS: JSON.stringify([KEYCLOAK]) }).localLogin).toBe(
      false,
    );
  });
});

describe('grantFromClaims', () => {
  const mapping = {
    claim: 'groups',
    values: {
      'cau-admins': { role: Role.Admin, area: null, jurisdiction: null },
      'cau-redes': { role: Role.Agent, area: 'REDES', jurisdiction: null },
      'cau-salud': { role: Role.Referente, area: null, jurisdiction: 'SALUD' },
    },
  };

  it('the highest mapped role wins, with its area or jurisdiction', () => {
    expect(grantFromClaims(mapping, { groups: ['otro', 'cau-salud', 'cau-redes'] })).toEqual({
      role: Role.Agent,
      area: 'REDES',
      jurisdiction: null,
    });
    expect(grantFromClaims(mapping, { groups: ['cau-redes', 'cau-admins'] }).role).toBe(Role.Admin);
  });

  it('a single string claim counts; nothing mapped (or no claim) is a requester', () => {
    expect(grantFromClaims(mapping, { groups: 'cau-salud' }).jurisdiction).toBe('SALUD');
    expect(grantFromClaims(mapping, { groups: ['toString', 'otro'] })).toEqual({
      role: Role.Requester,
      area: null,
      jurisdiction: null,
    });
    expect(grantFromClaims(mapping, {}).role).toBe(Role.Requester);
  });
});

describe('self-registration settings', () => {
  it('are off by default, open to any address unless domains are listed', () => {
    expect(identityConfigFromEnv({}).selfRegistration).toEqual({ open: false, domains: [] });
    const open = identityConfigFromEnv({ SELF_REGISTRATION: 'true' }).selfRegistration;
    expect(open).toEqual({ open: true, domains: [] });
    expect(registrationAllows(open, 'ana@cualquiera.com')).toBe(true);
  });

  it('take the listed domains and their subdomains only', () => {
    const settings = identityConfigFromEnv({
      SELF_REGISTRATION: '1',
      SELF_REGISTRATION_DOMAINS: ' Salud.gob.bo , @educacion.gob.bo',
    }).selfRegistration;
    expect(settings.domains).toEqual(['salud.gob.bo', 'educacion.gob.bo']);
    expect(registrationAllows(settings, 'ana@salud.gob.bo')).toBe(true);
    expect(registrationAllows(settings, 'ana@lapaz.salud.gob.bo')).toBe(true);
    expect(registrationAllows(settings, 'ana@falsasalud.gob.bo')).toBe(false);
    expect(registrationAllows(settings, 'ana@salud.gob.bo.evil.com')).toBe(false);
  });

  it('report a bad switch, a bad domain, and registration without local login', () => {
    expect(() =>
      identityConfigFromEnv({ SELF_REGISTRATION: 'quizás', SELF_REGISTRATION_DOMAINS: 'no es dominio' }),
    ).toThrow(/SELF_REGISTRATION must be true or false.*SELF_REGISTRATION_DOMAINS must list domains/);
    expect(() =>
      identityConfigFromEnv({
        SELF_REGISTRATION: 'true',
        LOCAL_LOGIN: 'false',
        OIDC_PROVIDERS: JSON.stringify([KEYCLOAK]),
      }),
    ).toThrow(/SELF_REGISTRATION=true needs LOCAL_LOGIN/);
  });
});
