import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { identityConfigFromEnv } from '../src/oidc/oidc-config.js';

/**
 * The development Keycloak of docker-compose.yml cannot be started here (no Docker): its files are checked
 * against each other and against the gateway's own reading of OIDC_PROVIDERS, so the three stay in step.
 */
const root = path.resolve(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

interface ComposeService {
  image?: string;
  profiles?: string[];
  command?: string[];
  network_mode?: string;
  volumes?: string[];
  ports?: string[];
  environment?: Record<string, string>;
}

interface RealmClient {
  clientId: string;
  publicClient: boolean;
  secret: string;
  standardFlowEnabled: boolean;
  redirectUris: string[];
  attributes: Record<string, string>;
  protocolMappers: Array<{ protocolMapper: string; config: Record<string, string> }>;
}

interface Realm {
  realm: string;
  groups: Array<{ name: string }>;
  clients: RealmClient[];
  users: Array<{ email: string; emailVerified: boolean; groups: string[] }>;
}

describe('the Keycloak of docker-compose.yml (profile sso)', () => {
  const compose = parse(read('docker-compose.yml')) as { services: Record<string, ComposeService> };
  const realm = JSON.parse(read('deploy/keycloak/cau-realm.json')) as Realm;
  const providersJson = read('deploy/keycloak/oidc-providers.json');
  const identity = identityConfigFromEnv({ OIDC_PROVIDERS: providersJson });
  const provider = identity.provider('keycloak')!;
  const client = realm.clients.find((candidate) => candidate.clientId === provider?.clientId);
  const gatewayPort = '3000';

  it('is a service of the sso profile only, importing the realm file, on the gateway’s network', () => {
    const keycloak = compose.services.keycloak!;
    expect(keycloak.profiles).toEqual(['sso']);
    expect(keycloak.command).toContain('--import-realm');
    expect(keycloak.network_mode).toBe('service:gateway');
    expect(keycloak.volumes).toContain('./deploy/keycloak/cau-realm.json:/opt/keycloak/data/import/cau-realm.json:ro');
    expect(keycloak.environment?.KC_HOSTNAME).toBe(new URL(provider.issuer).origin);
    // Every other service still starts without a profile.
    const others = Object.entries(compose.services).filter(([name]) => name !== 'keycloak');
    expect(others.filter(([, service]) => service.profiles !== undefined)).toEqual([]);
    expect(compose.services.gateway!.ports).toContain(`127.0.0.1:${new URL(provider.issuer).port}:8080`);
    expect(compose.services.gateway!.environment?.OIDC_PROVIDERS).toBe('${OIDC_PROVIDERS:-}');
  });

  it('is the issuer of the OIDC_PROVIDERS example, which the gateway accepts (plain HTTP on its loopback)', () => {
    expect(provider).toMatchObject({ issuer: `http://localhost:8080/realms/${realm.realm}`, allowInsecure: true });
    expect(read('deploy/single-sign-on.md')).toContain(providersJson.trim());
  });

  it('has the confidential client `cau` with PKCE and the gateway’s callback and post-logout URIs', () => {
    expect(client).toMatchObject({
      clientId: 'cau',
      publicClient: false,
      secret: provider.clientSecret,
      standardFlowEnabled: true,
      attributes: {
        'pkce.code.challenge.method': 'S256',
        'post.logout.redirect.uris': `http://localhost:${gatewayPort}/ingresar`,
      },
    });
    expect(client!.redirectUris).toEqual([`http://localhost:${gatewayPort}/api/v1/auth/oidc/${provider.id}/callback`]);
  });

  it('releases the groups claim that the role mapping reads, and every mapped group exists with a user in it', () => {
    const mapper = client!.protocolMappers.find(
      (candidate) => candidate.protocolMapper === 'oidc-group-membership-mapper',
    );
    expect(mapper?.config).toMatchObject({
      'claim.name': provider.roleMapping!.claim,
      'full.path': 'false',
      'id.token.claim': 'true',
      'userinfo.token.claim': 'true',
    });
    const groups = realm.groups.map((group) => group.name);
    for (const mapped of Object.keys(provider.roleMapping!.values)) {
      expect(groups).toContain(mapped);
      expect(realm.users.some((user) => user.groups.includes(`/${mapped}`))).toBe(true);
    }
    // Linking by e-mail is on: every example user's address is marked verified.
    expect(realm.users.every((user) => user.emailVerified)).toBe(true);
  });
});
