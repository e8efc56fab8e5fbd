import { Role } from '@cau/contracts';
import { nextAccess } from './account-rules.js';

const admin = '11111111-1111-4111-8111-111111111111';
const operator = {
  id: '22222222-2222-4222-8222-222222222222',
  active: true,
  role: Role.Operator,
  jurisdiction: null,
  area: null,
};

describe('nextAccess', () => {
  it('changes only the fields given', () => {
    expect(nextAccess(operator, { active: false }, admin)).toEqual({
      ok: true,
      access: { active: false, role: Role.Operator, jurisdiction: null, area: null },
    });
    expect(nextAccess(operator, { role: Role.Agent, area: 'UIT' }, admin)).toEqual({
      ok: true,
      access: { active: true, role: Role.Agent, jurisdiction: null, area: 'UIT' },
    });
  });

  it('keeps a referente with a jurisdiction and an agent with an area', () => {
    expect(nextAccess(operator, { role: Role.Referente }, admin)).toEqual({
      ok: false,
      problems: [{ field: 'jurisdiction', constraint: 'isDefined' }],
    });
    expect(nextAccess(operator, { role: Role.Agent }, admin)).toEqual({
      ok: false,
      problems: [{ field: 'area', constraint: 'isDefined' }],
    });
    const agent = { ...operator, role: Role.Agent, area: 'UIT' };
    expect(nextAccess(agent, { active: false }, admin).ok).toBe(true);
  });

  it('refuses to disable or demote the caller’s own account, naming the fields', () => {
    const self = { ...operator, id: admin, role: Role.Admin };
    expect(nextAccess(self, { active: false, role: Role.Operator }, admin)).toEqual({
      ok: false,
      problems: [
        { field: 'active', constraint: 'ownAccount' },
        { field: 'role', constraint: 'ownAccount' },
      ],
    });
    expect(nextAccess(self, { active: true, role: Role.Admin }, admin).ok).toBe(true);
  });
});
