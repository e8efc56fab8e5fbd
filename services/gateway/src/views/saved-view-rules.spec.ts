import { Role, type ActorV1 } from '@cau/contracts';
import { viewAccess } from './saved-view-rules.js';

const actor = (accountId: string, role: ActorV1['role'] = Role.Agent): ActorV1 => ({
  accountId,
  role,
  email: `${accountId}@cau.gob`,
  name: accountId,
});

describe('viewAccess', () => {
  it('lets the owner change their view, shared or not', () => {
    expect(viewAccess(actor('ana'), { ownerAccountId: 'ana', shared: false })).toBe('owner');
    expect(viewAccess(actor('ana'), { ownerAccountId: 'ana', shared: true })).toBe('owner');
  });

  it('lets others only read a shared view, administrators included', () => {
    expect(viewAccess(actor('beto'), { ownerAccountId: 'ana', shared: true })).toBe('reader');
    expect(viewAccess(actor('root', Role.Admin), { ownerAccountId: 'ana', shared: true })).toBe('reader');
    expect(viewAccess(actor('beto'), { ownerAccountId: 'ana', shared: false })).toBe('none');
  });
});
