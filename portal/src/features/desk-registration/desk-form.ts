import type { DefaultValues } from 'react-hook-form';
import { z } from 'zod';
import type { paths } from '../../api/schema';
import { IMPACTS, TICKET_TYPES, URGENCIES } from '../tickets/report-form';

type Registration = paths['/api/v1/tickets']['post']['requestBody']['content']['application/json'];
type Solution = paths['/api/v1/tickets/{number}/solution']['post']['requestBody']['content']['application/json'];
type Submission = paths['/api/v1/tickets/{number}/submit']['post']['requestBody']['content']['application/json'];

/**
 * The channels a person reaches the desk through (docs/domain.md § Channels). Staff may register on any channel;
 * the portal is the requester's own, and monitoring alerts register themselves.
 */
export const DESK_CHANNELS = [
  'telefono',
  'presencial',
  'sesion_remota',
  'whatsapp',
  'email',
] as const satisfies ReadonlyArray<Registration['channel']>;

// The same rules as the registration contract (ContactV1, TicketRegistrationV1), so the form names the
// field before the gateway has to.
const PHONE = /^\+?[0-9 ()./-]{3,40}$/;
const JURISDICTION = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** The article the operator solved the call with, and the solution as it will be recorded. */
const firstContactSchema = z.object({
  articleId: z.string().min(1),
  articleTitle: z.string(),
  solution: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
  /** AGETIC-LIN 7.4 (docs/domain.md § Procedure 9.1): the operator verified with the requester, on the call, that it works. */
  verified: z.boolean().refine((value) => value, 'deskRegistration.validation.verify'),
});

/** Messages are i18n keys: the form shows them in the portal's language. */
export const deskSchema = z.object({
  channel: z.enum(DESK_CHANNELS, 'validation.required'),
  requesterName: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  requesterEmail: z.string().trim().max(254, 'validation.tooLong').pipe(z.email('validation.email')),
  requesterPhone: z
    .string()
    .trim()
    .refine((value) => value === '' || PHONE.test(value), 'deskRegistration.validation.phone'),
  jurisdiction: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(64, 'validation.tooLong')
    .regex(JURISDICTION, 'deskRegistration.validation.jurisdiction'),
  type: z.enum(TICKET_TYPES, 'validation.required'),
  category: z.string().min(1, 'validation.required'),
  /** Optional: the service offered the call is about ('' when none). */
  service: z.string(),
  impact: z.enum(IMPACTS, 'validation.required'),
  urgency: z.enum(URGENCIES, 'validation.required'),
  title: z.string().trim().min(1, 'validation.required').max(200, 'validation.tooLong'),
  description: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
  firstContact: firstContactSchema.nullable(),
  /** The pieces the requester holds that have the problem (issue 15); the gateway checks they hold them. */
  equipmentIds: z.array(z.string()).max(20),
});

export type DeskForm = z.input<typeof deskSchema>;
export type DeskValues = z.output<typeof deskSchema>;
export type FirstContact = NonNullable<DeskValues['firstContact']>;

/** Type, impact and urgency start unchosen: a default would be registered without anyone asking. */
export const emptyDeskForm = (channel: DeskForm['channel'] = 'telefono'): DefaultValues<DeskForm> => ({
  channel,
  requesterName: '',
  requesterEmail: '',
  requesterPhone: '',
  jurisdiction: '',
  category: '',
  service: '',
  title: '',
  description: '',
  firstContact: null,
  equipmentIds: [],
});

/** The registration the gateway expects: the requester is the person who called; the operator is recorded as who registered it. */
export function registrationFrom(values: DeskValues): Omit<Registration, 'attachmentIds'> {
  return {
    channel: values.channel,
    requester: {
      name: values.requesterName,
      email: values.requesterEmail,
      ...(values.requesterPhone ? { phone: values.requesterPhone } : {}),
    },
    jurisdiction: values.jurisdiction,
    title: values.title,
    description: values.description,
    type: values.type,
    category: values.category,
    ...(values.service ? { service: values.service } : {}),
    impact: values.impact,
    urgency: values.urgency,
    ...(values.equipmentIds.length > 0 ? { equipmentIds: values.equipmentIds } : {}),
  };
}

export function solutionFrom(firstContact: FirstContact): Solution {
  return { solution: firstContact.solution };
}

/** 9.1 step 6: the article that solved it travels with the submission, and the supervisor sees it. */
export function submissionFrom(firstContact: FirstContact, note: string): Submission {
  return { verifiedWithRequester: true, articleRef: firstContact.articleId, note };
}

/** The solution the operator starts from: the article's steps, as they were followed on the call. */
export function solutionFromArticle(article: { title: string; solutionSteps: string[] }, intro: string): string {
  const steps = article.solutionSteps.map((step, index) => `${index + 1}. ${step}`);
  return [intro, ...steps].join('\n');
}

/**
 * Where a field the gateway names (`requester.email`, `title`) sits in the form; null for those the form
 * does not show (they are listed with the refusal).
 */
export function formFieldOf(field: string): keyof DeskForm | null {
  const known: Record<string, keyof DeskForm> = {
    channel: 'channel',
    'requester.name': 'requesterName',
    'requester.email': 'requesterEmail',
    'requester.phone': 'requesterPhone',
    requester: 'requesterEmail',
    jurisdiction: 'jurisdiction',
    type: 'type',
    category: 'category',
    service: 'service',
    impact: 'impact',
    urgency: 'urgency',
    title: 'title',
    description: 'description',
    equipmentIds: 'equipmentIds',
  };
  // `equipmentIds.2`: a piece the requester does not hold; the picker shows it.
  return known[field.replace(/^payload\./, '').replace(/^equipmentIds\.\d+$/, 'equipmentIds')] ?? null;
}
