import { describe, expect, it } from 'vitest';
import { accessBody, accessSchema, createAccountSchema, createBody } from './account-form';

const valid = {
  name: 'Ana Agente',
  email: 'ana@cau.test',
  password: 'clave-segura-1',
  role: 'agent' as const,
  area: 'UIT',
  jurisdiction: '',
};
const issues = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  result.error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];

describe('the account forms', () => {
  it('asks an agent for an area and a referente for a jurisdiction', () => {
    expect(createAccountSchema.safeParse(valid).success).toBe(true);
    expect(issues(createAccountSchema.safeParse({ ...valid, area: '' }))).toEqual([
      ['area', 'adminAccounts.form.areaRequired'],
    ]);
    expect(issues(createAccountSchema.safeParse({ ...valid, role: 'referente', area: '' }))).toEqual([
      ['jurisdiction', 'adminAccounts.form.jurisdictionRequired'],
    ]);
    expect(issues(accessSchema.safeParse({ role: 'referente', area: '', jurisdiction: 'SALUD PUBLICA' }))).toEqual([
      ['jurisdiction', 'adminAccounts.form.jurisdictionFormat'],
    ]);
    expect(accessSchema.safeParse({ role: 'operator', area: '', jurisdiction: '' }).success).toBe(true);
  });

  it('keeps passwords within 10 to 200 characters', () => {
    expect(issues(createAccountSchema.safeParse({ ...valid, password: 'corta' }))).toEqual([
      ['password', 'adminAccounts.form.passwordLength'],
    ]);
    expect(createAccountSchema.safeParse({ ...valid, password: 'x'.repeat(201) }).success).toBe(false);
  });

  it('sends only the field the role uses', () => {
    expect(createBody({ ...valid, role: 'operator', area: '', jurisdiction: 'SALUD' })).toEqual({
      name: 'Ana Agente',
      email: 'ana@cau.test',
      password: 'clave-segura-1',
      role: 'operator',
    });
    expect(accessBody({ role: 'referente', area: 'UIT', jurisdiction: ' SALUD ' })).toEqual({
      role: 'referente',
      jurisdiction: 'SALUD',
    });
    expect(accessBody({ role: 'agent', area: 'L1', jurisdiction: '' })).toEqual({ role: 'agent', area: 'L1' });
    expect(accessBody({ role: 'operator', area: 'L1', jurisdiction: '' })).toEqual({ role: 'operator', area: 'L1' });
    expect(accessBody({ role: 'supervisor', area: 'L1', jurisdiction: 'SALUD' })).toEqual({ role: 'supervisor' });
  });
});
