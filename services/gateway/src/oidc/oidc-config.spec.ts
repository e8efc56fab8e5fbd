import { Role } from '@cau/contracts';
import { grantFromClaims, identityConfigFromEnv } from './oidc-config.js';

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
