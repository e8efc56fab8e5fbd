import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider';

/** The claims a test user of the provider carries (its `sub` is the map key). */
export interface TestOidcUser {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

/** The one client the relying party under test is registered as. */
export interface TestOidcClient {
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`: known before the relying party starts, so it can go in its configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Test users by subject; change them between logins (a removed group, a new address). */
  users: Map<string, TestOidcUser>;
  /** The provider's RS256 signing key (its JWKS publishes the public half): to re-sign a token it issued. */
  signingKey: { kid: string; privateKey: KeyObject };
  /**
   * A man in the middle of the next token endpoint answer (once): the relying party receives what this
   * returns instead of the provider's JSON. For the attacks on the ID token a provider itself never makes.
   */
  interceptNextTokenResponse(rewrite: (body: Record<string, unknown>) => Promise<Record<string, unknown>>): void;
  /** Registers the client (its redirect URIs depend on the relying party's port) and starts answering. */
  serve(client: TestOidcClient): void;
  close(): Promise<void>;
}

/**
 * Another application registered at the same provider (its redirect URI is never served): its ID tokens
 * are genuine, but for another audience than the relying party under test.
 */
export const TEST_OIDC_OTHER_CLIENT = {
  id: 'otra-aplicacion',
  secret: 'otra-aplicacion-client-secret-0123456789',
  redirectUri: 'http://127.0.0.1:9/otra-aplicacion/callback',
} as const;

/**
 * A real OpenID Connect provider (the `oidc-provider` package) for tests: authorization code with PKCE,
 * discovery, JWKS, userinfo and RP-initiated logout. People sign in on its development login form
 * (`login` is the subject, any password); consent is granted at once, as a first-party provider would.
 */
/** The client the test provider registers; a relying party configured before the provider starts uses it. */
export const TEST_OIDC_CLIENT = { id: 'cau-test', secret: 'cau-test-client-secret-0123456789' } as const;

/** `port` 0 picks a free one; a fixed port lets a platform be configured before the provider starts. */
export async function startTestOidcProvider(
  users: Record<string, TestOidcUser> = {},
  port = 0,
): Promise<TestOidcProvider> {
  // Loaded here, not with the module: every test that loads @cau/testing would otherwise print the
  // package's warnings (e.g. "Unsupported runtime" on Node 20) without using it.
  const { default: Provider } = await import('oidc-provider');
  let handler: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  let tokenRewrite: ((body: Record<string, unknown>) => Promise<Record<string, unknown>>) | null = null;
  const server: Server = createServer((req, res) => {
    if (handler) {
      if (tokenRewrite && req.method === 'POST' && req.url?.startsWith('/token')) {
        rewriteJsonAnswer(res, tokenRewrite);
        tokenRewrite = null;
      }
      handler(req, res);
      return;
    }
    res.statusCode = 503;
    res.end('the test provider has no client yet');
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: TestOidcProvider = {
    issuer,
    clientId: TEST_OIDC_CLIENT.id,
    clientSecret: TEST_OIDC_CLIENT.secret,
    users: new Map(Object.entries(users)),
    signingKey: {
      kid: 'cau-test-provider-key',
      privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    },
    interceptNextTokenResponse(rewrite) {
      tokenRewrite = rewrite;
    },
    serve(client) {
      const provider = new Provider(issuer, configuration(state, client));
      const callback = provider.callback();
      handler = (req, res) => void callback(req, res);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return state;
}

/** Holds the answer Koa ends with, and sends what `rewrite` makes of its JSON instead. */
function rewriteJsonAnswer(
  res: ServerResponse,
  rewrite: (body: Record<string, unknown>) => Promise<Record<string, unknown>>,
): void {
  const end = res.end.bind(res);
  const chunks: Buffer[] = [];
  res.write = ((chunk: string | Buffer) => {
    chunks.push(Buffer.from(chunk));
    return true;
  }) as ServerResponse['write'];
  res.end = ((chunk?: string | Buffer | (() => void)) => {
    if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
    void (async () => {
      const original = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      const body = JSON.stringify(await rewrite(original));
      res.setHeader('content-length', Buffer.byteLength(body));
      end(body);
    })();
    return res;
  }) as ServerResponse['end'];
}

function configuration(state: TestOidcProvider, client: TestOidcClient): Configuration {
  return {
    clients: [
      {
        client_id: state.clientId,
        client_secret: state.clientSecret,
        redirect_uris: client.redirectUris,
        post_logout_redirect_uris: client.postLogoutRedirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
      {
        client_id: TEST_OIDC_OTHER_CLIENT.id,
        client_secret: TEST_OIDC_OTHER_CLIENT.secret,
        redirect_uris: [TEST_OIDC_OTHER_CLIENT.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: {
      keys: [
        {
          ...state.signingKey.privateKey.export({ format: 'jwk' }),
          kid: state.signingKey.kid,
          alg: 'RS256',
          use: 'sig',
        },
      ],
    },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
      groups: ['groups'],
    },
    cookies: { keys: ['cau-test-provider-cookie-key'] },
    ttl: { AccessToken: 600, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (_ctx, sub) => {
      if (!state.users.has(sub)) return undefined;
      return { accountId: sub, claims: () => ({ sub, ...state.users.get(sub) }) };
    },
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const { oidc } = ctx;
      if (!oidc.client || !oidc.session?.accountId) return undefined;
      const grant = new oidc.provider.Grant({ clientId: oidc.client.clientId, accountId: oidc.session.accountId });
      grant.addOIDCScope([...(oidc.requestParamScopes ?? [])].join(' '));
      await grant.save();
      return grant;
    },
  };
}
