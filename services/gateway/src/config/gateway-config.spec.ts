import { gatewayConfigFromEnv } from './gateway-config.js';

const secret = 's'.repeat(32);
const survey = { SURVEY_LINK_SECRET: 'v'.repeat(32) };

describe('gatewayConfigFromEnv', () => {
  it('reads the defaults', () => {
    const config = gatewayConfigFromEnv({ ...survey, JWT_SECRET: secret });
    expect(config.jwtTtlSeconds).toBe(3600);
    expect(config.admin).toBeNull();
    expect(new TextDecoder().decode(config.jwtSecret)).toBe(secret);
    expect(new TextDecoder().decode(config.surveyLinkSecret)).toBe(survey.SURVEY_LINK_SECRET);
    expect(config.sessions).toEqual({ idleMs: 120 * 60_000, absoluteMs: 12 * 3_600_000 });
    expect(config.trustProxy).toBe(false);
  });

  it('reads session lifetimes (fractions allowed) and TRUST_PROXY', () => {
    const config = gatewayConfigFromEnv({
      ...survey,
      JWT_SECRET: secret,
      SESSION_IDLE_MINUTES: '0.5',
      SESSION_ABSOLUTE_HOURS: '8',
      TRUST_PROXY: 'true',
    });
    expect(config.sessions).toEqual({ idleMs: 30_000, absoluteMs: 8 * 3_600_000 });
    expect(config.trustProxy).toBe(true);
  });

  it('refuses bad session lifetimes and TRUST_PROXY values, all at once', () => {
    expect(() =>
      gatewayConfigFromEnv({
        ...survey,
        JWT_SECRET: secret,
        SESSION_IDLE_MINUTES: '0',
        SESSION_ABSOLUTE_HOURS: 'doce',
        TRUST_PROXY: 'si',
      }),
    ).toThrow(
      'invalid gateway configuration: SESSION_IDLE_MINUTES must be a positive number, got "0"; ' +
        'SESSION_ABSOLUTE_HOURS must be a positive number, got "doce"; TRUST_PROXY must be true or false, got "si"',
    );
  });

  it('reads the first administrator, e-mail lower-case and a default name', () => {
    const config = gatewayConfigFromEnv({
      ...survey,
      JWT_SECRET: secret,
      JWT_TTL_SECONDS: '900',
      CAU_ADMIN_EMAIL: ' Admin@CAU.local ',
      CAU_ADMIN_PASSWORD: 'secreto123',
    });
    expect(config.jwtTtlSeconds).toBe(900);
    expect(config.admin).toEqual({ email: 'admin@cau.local', password: 'secreto123', name: 'Administrador' });
  });

  it('reports every bad value at once', () => {
    expect(() =>
      gatewayConfigFromEnv({
        ...survey,
        JWT_SECRET: 'corto',
        JWT_TTL_SECONDS: '-5',
        CAU_ADMIN_EMAIL: 'admin@cau.local',
      }),
    ).toThrow(
      'invalid gateway configuration: JWT_SECRET must be at least 32 characters, got 5; ' +
        'JWT_TTL_SECONDS must be a positive integer, got "-5"; ' +
        'CAU_ADMIN_EMAIL and CAU_ADMIN_PASSWORD must be set together (or both left unset)',
    );
  });

  it.each([
    [{}, 'JWT_SECRET is required'],
    [{ ...survey, JWT_SECRET: secret, JWT_TTL_SECONDS: '1.5' }, 'JWT_TTL_SECONDS must be a positive integer'],
    [
      { ...survey, JWT_SECRET: secret, CAU_ADMIN_EMAIL: 'no-es-correo', CAU_ADMIN_PASSWORD: 'secreto123' },
      'CAU_ADMIN_EMAIL is not',
    ],
    [
      { ...survey, JWT_SECRET: secret, CAU_ADMIN_EMAIL: 'a@b.gob', CAU_ADMIN_PASSWORD: 'corta' },
      'CAU_ADMIN_PASSWORD must have',
    ],
    [{ JWT_SECRET: secret }, 'SURVEY_LINK_SECRET is required'],
    [{ JWT_SECRET: secret, SURVEY_LINK_SECRET: 'corto' }, 'SURVEY_LINK_SECRET must be at least 32 characters, got 5'],
  ])('refuses %j', (env, message) => {
    expect(() => gatewayConfigFromEnv(env)).toThrow(message);
  });
});

describe('gatewayConfigFromEnv: login limit, account cache, CORS', () => {
  it('defaults to 10 attempts per 60 s, a 5 s account cache and CORS off', () => {
    const config = gatewayConfigFromEnv({ ...survey, JWT_SECRET: secret });
    expect(config).toMatchObject({
      authRateLimit: 10,
      authRateWindowSeconds: 60,
      accountCacheSeconds: 5,
      corsOrigins: [],
    });
  });

  it('reads them from the environment', () => {
    const config = gatewayConfigFromEnv({
      ...survey,
      JWT_SECRET: secret,
      AUTH_RATE_LIMIT: '5',
      AUTH_RATE_WINDOW_SECONDS: '300',
      AUTH_ACCOUNT_CACHE_SECONDS: '2',
      CORS_ORIGINS: ' https://portal.cau.gob , http://localhost:5173',
    });
    expect(config).toMatchObject({
      authRateLimit: 5,
      authRateWindowSeconds: 300,
      accountCacheSeconds: 2,
      corsOrigins: ['https://portal.cau.gob', 'http://localhost:5173'],
    });
  });

  it.each([
    [{ AUTH_RATE_LIMIT: '0' }, 'AUTH_RATE_LIMIT must be a positive integer, got "0"'],
    [{ AUTH_RATE_LIMIT: 'diez' }, 'AUTH_RATE_LIMIT must be a positive integer, got "diez"'],
    [{ AUTH_RATE_WINDOW_SECONDS: '-60' }, 'AUTH_RATE_WINDOW_SECONDS must be a positive integer, got "-60"'],
    [{ AUTH_ACCOUNT_CACHE_SECONDS: '0.5' }, 'AUTH_ACCOUNT_CACHE_SECONDS must be a positive integer, got "0.5"'],
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS must list origins like https://portal.example.gob, got "*"'],
    [{ CORS_ORIGINS: 'https://portal.cau.gob/' }, 'got "https://portal.cau.gob/"'],
    [{ CORS_ORIGINS: 'ftp://portal.cau.gob' }, 'got "ftp://portal.cau.gob"'],
  ])('stops the boot on %j, naming the variable', (env, message) => {
    expect(() => gatewayConfigFromEnv({ ...survey, JWT_SECRET: secret, ...env })).toThrow(message);
  });
});
