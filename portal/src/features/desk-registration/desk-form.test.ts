import { describe, expect, it } from 'vitest';
import {
  deskSchema,
  formFieldOf,
  registrationFrom,
  solutionFromArticle,
  submissionFrom,
  type DeskForm,
} from './desk-form';
import { isDeskRole, maySolveAtFirstContact } from './desk-roles';

const filled: DeskForm = {
  channel: 'telefono',
  requesterName: ' Juan Gómez ',
  requesterEmail: 'juan.gomez@salud.gob.ar',
  requesterPhone: '',
  jurisdiction: 'SALUD',
  type: 'incidente',
  category: 'impresoras',
  service: '',
  impact: 'bajo',
  urgency: 'media',
  title: 'No imprime',
  description: 'La impresora del piso 2 no imprime.',
  firstContact: null,
  equipmentIds: [],
};

const problems = (input: unknown) => {
  const result = deskSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
};

describe('the desk registration form', () => {
  it("names the requester's equipment ticked, and nothing when none is", () => {
    const PC = '0b6f5c1e-8f4e-4a53-9d55-0f1c2f0f9a11';
    expect(registrationFrom(deskSchema.parse({ ...filled, equipmentIds: [PC] })).equipmentIds).toEqual([PC]);
    expect(registrationFrom(deskSchema.parse(filled))).not.toHaveProperty('equipmentIds');
    expect(formFieldOf('equipmentIds.0')).toBe('equipmentIds');
    expect(formFieldOf('equipmentIds')).toBe('equipmentIds');
  });

  it('registers a phone call for the caller, who is the requester', () => {
    expect(registrationFrom(deskSchema.parse(filled))).toEqual({
      channel: 'telefono',
      requester: { name: 'Juan Gómez', email: 'juan.gomez@salud.gob.ar' },
      jurisdiction: 'SALUD',
      title: 'No imprime',
      description: 'La impresora del piso 2 no imprime.',
      type: 'incidente',
      category: 'impresoras',
      impact: 'bajo',
      urgency: 'media',
    });
  });

  it('names the service only when one is chosen', () => {
    expect(registrationFrom(deskSchema.parse({ ...filled, service: 'sistema-de-turnos' }))).toMatchObject({
      category: 'impresoras',
      service: 'sistema-de-turnos',
    });
    expect(registrationFrom(deskSchema.parse(filled))).not.toHaveProperty('service');
  });

  it('sends the phone only when given', () => {
    const values = deskSchema.parse({ ...filled, channel: 'presencial', requesterPhone: '+54 (2954) 45-1234' });
    expect(registrationFrom(values)).toMatchObject({
      channel: 'presencial',
      requester: { phone: '+54 (2954) 45-1234' },
    });
  });

  it('names each missing or wrong field, as the registration contract would', () => {
    expect(
      problems({
        ...filled,
        channel: 'portal',
        requesterName: '  ',
        requesterEmail: 'no-es-un-correo',
        requesterPhone: 'llamar a la tarde',
        jurisdiction: 'salud pública',
        type: undefined,
        category: '',
        title: '',
        description: ' ',
      }),
    ).toEqual({
      channel: 'validation.required',
      requesterName: 'validation.required',
      requesterEmail: 'validation.email',
      requesterPhone: 'deskRegistration.validation.phone',
      jurisdiction: 'deskRegistration.validation.jurisdiction',
      type: 'validation.required',
      category: 'validation.required',
      title: 'validation.required',
      description: 'validation.required',
    });
  });

  it('solves at first contact only with a solution the operator verified with the requester', () => {
    const firstContact = { articleId: 'a1', articleTitle: 'Cola trabada', solution: '  ', verified: false };
    expect(problems({ ...filled, firstContact })).toEqual({
      'firstContact.solution': 'validation.required',
      'firstContact.verified': 'deskRegistration.validation.verify',
    });
    const values = deskSchema.parse({
      ...filled,
      firstContact: { ...firstContact, solution: 'Se vació la cola.', verified: true },
    });
    expect(submissionFrom(values.firstContact!, 'Resuelto en el primer contacto.')).toEqual({
      verifiedWithRequester: true,
      articleRef: 'a1',
      note: 'Resuelto en el primer contacto.',
    });
  });

  it("starts the solution from the article's steps", () => {
    expect(
      solutionFromArticle({ title: 'Cola trabada', solutionSteps: ['Cancelar.', 'Imprimir.'] }, 'Con el artículo:'),
    ).toBe('Con el artículo:\n1. Cancelar.\n2. Imprimir.');
  });

  it('places the fields the gateway names beside their inputs', () => {
    expect(formFieldOf('requester.email')).toBe('requesterEmail');
    expect(formFieldOf('payload.jurisdiction')).toBe('jurisdiction');
    expect(formFieldOf('attachmentIds.0')).toBeNull();
  });

  it('is for staff; solving at first contact is for the service desk', () => {
    expect(['requester', 'referente', 'operator', 'agent', 'supervisor', 'admin'].filter(isDeskRole)).toEqual([
      'operator',
      'agent',
      'supervisor',
      'admin',
    ]);
    expect(maySolveAtFirstContact('agent')).toBe(false);
    expect(maySolveAtFirstContact('operator')).toBe(true);
  });
});
