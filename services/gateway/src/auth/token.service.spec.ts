import { Role } from '@cau/contracts';
import type { Account } from '../accounts/account.repository.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { TokenService } from './token.service.js';

const account: Account = {
  id: '7d1f7a53-3a39-4a8e-9d0e-6f3f1b0c2a11',
  email: 'agente@cau.gob',
  name: 'Agente',
  passwordHash: 'unused',
  role: Role.Agent,
  jurisdiction: null,
  area: 'UIT',
  active: true,
  createdAt: new Date(),
  language: null,
};
const secret = (text: string) => new TextEncoder().encode(text.padEnd(32, '.'));
const service = (key = 'una-clave-de-prueba', ttlSeconds = 60) =>
  new TokenService({ jwtSecret: secret(key), jwtTtlSeconds: ttlSeconds } as GatewayConfig);

describe('TokenService', () => {
  afterEach(() => jest.useRealTimers());

  it('answers the same actor for a token verified again (from what it remembers)', async () => {
    const tokens = service();
    const { accessToken } = await tokens.issue(account);
    const first = await tokens.verify(accessToken);
    expect(first).toEqual({
      accountId: account.id,
      role: Role.Agent,
      email: account.email,
      name: account.name,
      area: 'UIT',
    });
    await expect(tokens.verify(accessToken)).resolves.toEqual(first);
  });

  it('refuses a remembered token once it has expired', async () => {
    jest.useFakeTimers({ now: new Date('2026-12-05T10:00:00Z') });
    const tokens = service('una-clave-de-prueba', 60);
    const { accessToken } = await tokens.issue(account);
    await expect(tokens.verify(accessToken)).resolves.toMatchObject({ accountId: account.id });
    jest.setSystemTime(new Date('2026-12-05T10:01:01Z'));
    await expect(tokens.verify(accessToken)).rejects.toMatchObject({ payload: { code: 'UNAUTHORIZED' } });
    await expect(tokens.verify(accessToken)).rejects.toMatchObject({ payload: { code: 'UNAUTHORIZED' } });
  });

  it("refuses another key's token, a tampered one and garbage, and remembers none of them", async () => {
    const tokens = service();
    const foreign = (await service('otra-clave-distinta').issue(account)).accessToken;
    const [head, , signature] = (await tokens.issue(account)).accessToken.split('.');
    const tampered = `${head}.${Buffer.from(JSON.stringify({ sub: account.id, role: 'administrator' })).toString('base64url')}.${signature}`;
    for (const token of [foreign, tampered, 'no-es-un-token', null]) {
      await expect(tokens.verify(token)).rejects.toMatchObject({ payload: { code: 'UNAUTHORIZED' } });
      await expect(tokens.verify(token)).rejects.toMatchObject({ payload: { code: 'UNAUTHORIZED' } });
    }
  });
});
