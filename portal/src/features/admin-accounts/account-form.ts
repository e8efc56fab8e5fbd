import { z } from 'zod';
import type { Role } from './admin-accounts-api';

/** The gateway's rules (services/gateway/src/accounts/account-rules.ts), checked before asking it. */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const JURISDICTION = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ROLE_VALUES = ['requester', 'referente', 'operator', 'agent', 'supervisor', 'admin'] as const;

/** Area for agents, jurisdiction for referentes: asked only for the role that needs it. */
const accessShape = {
  role: z.enum(ROLE_VALUES, { message: 'validation.required' }),
  area: z.string(),
  jurisdiction: z.string().trim().max(64, 'validation.tooLong'),
};

function roleFields<T extends { role: Role; area: string; jurisdiction: string }>(values: T, ctx: z.RefinementCtx) {
  if (values.role === 'agent' && values.area === '') {
    ctx.addIssue({ code: 'custom', path: ['area'], message: 'adminAccounts.form.areaRequired' });
  }
  if (values.role === 'referente') {
    if (values.jurisdiction === '') {
      ctx.addIssue({ code: 'custom', path: ['jurisdiction'], message: 'adminAccounts.form.jurisdictionRequired' });
    } else if (!JURISDICTION.test(values.jurisdiction)) {
      ctx.addIssue({ code: 'custom', path: ['jurisdiction'], message: 'adminAccounts.form.jurisdictionFormat' });
    }
  }
}

export const createAccountSchema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    email: z.string().trim().min(1, 'validation.required').email('validation.email').max(254, 'validation.tooLong'),
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, 'adminAccounts.form.passwordLength')
      .max(PASSWORD_MAX_LENGTH, 'adminAccounts.form.passwordLength'),
    ...accessShape,
  })
  .superRefine(roleFields);
export type CreateAccountValues = z.infer<typeof createAccountSchema>;

export const accessSchema = z.object(accessShape).superRefine(roleFields);
export type AccessValues = z.infer<typeof accessSchema>;

/** Only the fields the role uses go to the gateway; the others keep their value (the API cannot clear them). */
export function accessBody(values: AccessValues): { role: Role; area?: string; jurisdiction?: string } {
  return {
    role: values.role,
    ...(usesArea(values) ? { area: values.area } : {}),
    ...(values.role === 'referente' ? { jurisdiction: values.jurisdiction.trim() } : {}),
  };
}

/** Agents work one area's queue; an operator may belong to one. */
const usesArea = (values: { role: Role; area: string }): boolean =>
  values.role === 'agent' || (values.role === 'operator' && values.area !== '');

export function createBody(values: CreateAccountValues) {
  return {
    name: values.name.trim(),
    email: values.email.trim(),
    password: values.password,
    role: values.role,
    ...(usesArea(values) ? { area: values.area } : {}),
    ...(values.role === 'referente' ? { jurisdiction: values.jurisdiction.trim() } : {}),
  };
}
