import { Role, type ActorV1 } from '@cau/contracts';
import type { AccountRepository } from '../accounts/account.repository.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { AccountStatusCache, tokenMatchesAccount, type AccountStatus } from './account-status.js';

const actor: ActorV1 = {
  accountId: '7d1f7a53-3a39-4a8e-9d0e-6f3f1b0c2a11',
  role: Role.Agent,
  email: 'agente@cau.gob',
  name: 'Agente',
  area: 'UIT',
};
const account: AccountStatus = { active: true, role: Role.Agent, jurisdiction: null, area: 'UIT' };

describe('tokenMatchesAccount', () => {
  it('accepts a token of an active account that has not changed', () => {
    expect(tokenMatchesAccount(actor, account)).toBe(true);
  });

  it.each<[string, AccountStatus | null]>([
    ['deleted', null],
    ['disabled', { ...account, active: false }],
    ['given another role', { ...account, role: Role.Supervisor }],
    ['moved to another area', { ...account, area: 'REDES' }],
    ['given a jurisdiction', { ...account, jurisdiction: 'SALUD' }],
  ])('refuses a token of an account %s since', (_case, current) => {
    expect(tokenMatchesAccount(actor, current)).toBe(false);
  });
});

describe('AccountStatusCache', () => {
  const makeCache = (rows: Array<AccountStatus | null | Error>) => {
    const reads: string[] = [];
    const repository = {
      findById: (id: string) => {
        reads.push(id);
        const row = rows.shift() ?? null;
        return row instanceof Error ? Promise.reject(row) : Promise.resolve(row);
      },
    } as unknown as AccountRepository;
    const config = { accountCacheSeconds: 60 } as GatewayConfig;
    return { cache: new AccountStatusCache(repository, config), reads };
  };

  it('asks the database once per account within the window, even for concurrent requests', async () => {
    const { cache, reads } = makeCache([account]);
    await Promise.all([cache.ensureCurrent(actor), cache.ensureCurrent(actor)]);
    await cache.ensureCurrent(actor);
    expect(reads).toEqual([actor.accountId]);
  });

  it('reads again after forget, and refuses with UNAUTHORIZED', async () => {
    const { cache, reads } = makeCache([account, { ...account, active: false }]);
    await cache.ensureCurrent(actor);
    cache.forget(actor.accountId);
    await expect(cache.ensureCurrent(actor)).rejects.toMatchObject({ payload: { code: 'UNAUTHORIZED' } });
    expect(reads).toHaveLength(2);
  });

  it('does not keep a failed read', async () => {
    const { cache, reads } = makeCache([new Error('database down'), account]);
    await expect(cache.ensureCurrent(actor)).rejects.toThrow('database down');
    await cache.ensureCurrent(actor);
    expect(reads).toHaveLength(2);
  });
});
