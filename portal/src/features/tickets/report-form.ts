import { z } from 'zod';
import type { paths } from '../../api/schema';

type Registration = paths['/api/v1/tickets']['post']['requestBody']['content']['application/json'];

export const TICKET_TYPES = [
  'incidente',
  'solicitud',
  'incidente_seguridad',
  'reclamo',
  'asesoramiento_compras',
] as const satisfies ReadonlyArray<Registration['type']>;
export const IMPACTS = ['bajo', 'medio', 'alto'] as const satisfies ReadonlyArray<Registration['impact']>;
export const URGENCIES = ['baja', 'media', 'alta'] as const satisfies ReadonlyArray<Registration['urgency']>;

/** Messages are i18n keys: the form shows them in the portal's language. */
export const reportSchema = z
  .object({
    title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
    description: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
    type: z.enum(TICKET_TYPES, 'validation.required'),
    category: z.string().min(1, 'validation.required'),
    impact: z.enum(IMPACTS, 'validation.required'),
    urgency: z.enum(URGENCIES, 'validation.required'),
    jurisdiction: z.string().trim().min(1, 'validation.required').max(100, 'validation.tooLong'),
    /** Only a referente reports for someone else; a requester reports for themselves. */
    forSomeoneElse: z.boolean(),
    requesterName: z.string().trim().max(200, 'validation.tooLong'),
    requesterEmail: z.string().trim().max(254, 'validation.tooLong'),
    requesterPhone: z.string().trim().max(40, 'validation.tooLong'),
    links: z.array(z.object({ url: z.url({ protocol: /^https?$/, error: 'validation.url' }) })).max(10),
    /** Pieces of the person's own "mi equipo"; only when they report for themselves. */
    equipmentIds: z.array(z.string()).max(20),
  })
  .superRefine((value, context) => {
    if (!value.forSomeoneElse) return;
    if (!value.requesterName)
      context.addIssue({ code: 'custom', path: ['requesterName'], message: 'validation.required' });
    if (!z.email().safeParse(value.requesterEmail).success)
      context.addIssue({ code: 'custom', path: ['requesterEmail'], message: 'validation.email' });
  });

export type ReportForm = z.infer<typeof reportSchema>;

/** The registration the gateway expects, from what the person filled in (and who they are). */
export function registrationFrom(
  form: ReportForm,
  account: { name: string; email: string },
): Omit<Registration, 'attachmentIds'> {
  const requester = form.forSomeoneElse
    ? {
        name: form.requesterName,
        email: form.requesterEmail,
        ...(form.requesterPhone ? { phone: form.requesterPhone } : {}),
      }
    : { name: account.name, email: account.email };
  return {
    channel: 'portal',
    requester,
    ...(form.forSomeoneElse ? { reportedBy: { name: account.name, email: account.email } } : {}),
    jurisdiction: form.jurisdiction,
    title: form.title,
    description: form.description,
    type: form.type,
    category: form.category,
    impact: form.impact,
    urgency: form.urgency,
    ...(form.links.length > 0 ? { attachments: form.links.map(({ url }) => ({ url })) } : {}),
    ...(!form.forSomeoneElse && form.equipmentIds.length > 0 ? { equipmentIds: form.equipmentIds } : {}),
  };
}
