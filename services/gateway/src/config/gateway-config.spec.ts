import { gatewayConfigFromEnv } from './gateway-config.js';

const secret = 's'.repeat(32);

describe('gatewayConfigFromEnv', () => {
  it('reads the defaults', () => {
    const config = gatewayConfigFromEnv({ JWT_SECRET: secret });
    expect(config.jwtTtlSeconds).toBe(3600);
    expect(config.admin).toBeNull();
    expect(new TextDecoder().decode(config.jwtSecret)).toBe(secret);
  });

  it('reads the first administrator, e-mail lower-case and a default name', () => {
    const config = gatewayConfigFromEnv({
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
      gatewayConfigFromEnv({ JWT_SECRET: 'corto', JWT_TTL_SECONDS: '-5', CAU_ADMIN_EMAIL: 'admin@cau.local' }),
    ).toThrow(
      'invalid gateway configuration: JWT_SECRET must be at least 32 characters, got 5; ' +
        'JWT_TTL_SECONDS must be a positive integer, got "-5"; ' +
        'CAU_ADMIN_EMAIL and CAU_ADMIN_PASSWORD must be set together (or both left unset)',
    );
  });

  it.each([
    [{}, 'JWT_SECRET is required'],
    [{ JWT_SECRET: secret, JWT_TTL_SECONDS: '1.5' }, 'JWT_TTL_SECONDS must be a positive integer'],
    [
      { JWT_SECRET: secret, CAU_ADMIN_EMAIL: 'no-es-correo', CAU_ADMIN_PASSWORD: 'secreto123' },
      'CAU_ADMIN_EMAIL is not',
    ],
    [{ JWT_SECRET: secret, CAU_ADMIN_EMAIL: 'a@b.gob', CAU_ADMIN_PASSWORD: 'corta' }, 'CAU_ADMIN_PASSWORD must have'],
  ])('refuses %j', (env, message) => {
    expect(() => gatewayConfigFromEnv(env)).toThrow(message);
  });
});
