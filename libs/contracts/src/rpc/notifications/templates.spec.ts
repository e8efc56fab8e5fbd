import { randomUUID } from 'node:crypto';
import {
  PreviewTemplateCommandV1,
  PutTemplateCommandV1,
  TemplateLimits,
  fieldMessage,
  validateContract,
} from '../../index.js';

const actor = { accountId: randomUUID(), role: 'admin', email: 'admin@cau.gob', name: 'Admin' };
const template = { subject: '[CAU #{{number}}] {{title}}', text: '{{title}}', html: '<p>{{title}}</p>' };

const problemsOf = (result: ReturnType<typeof validateContract>) =>
  result.ok ? [] : result.problems.map((p) => [p.field, p.constraint]);

describe('mail template contracts', () => {
  it('accept a template of a known kind and language', () => {
    expect(
      problemsOf(validateContract(PutTemplateCommandV1, { actor, kind: 'ticket-closed', language: 'en', template })),
    ).toEqual([]);
  });

  it('name an unknown kind or language, a missing or oversized part and an unknown field', () => {
    const result = validateContract(PutTemplateCommandV1, {
      actor,
      kind: 'ticket-lost',
      language: 'fr',
      template: { subject: 'x'.repeat(TemplateLimits.subject + 1), text: 'x', extra: 1 },
    });
    expect(problemsOf(result).sort()).toEqual([
      ['kind', 'isIn'],
      ['language', 'isIn'],
      ['template.extra', 'unknownField'],
      ['template.html', 'isDefined'],
      ['template.subject', 'maxLength'],
    ]);
  });

  it('accept a preview without a ticket or a draft, and refuse ticket number 0', () => {
    const key = { actor, kind: 'ticket-closed', language: 'es' };
    expect(problemsOf(validateContract(PreviewTemplateCommandV1, key))).toEqual([]);
    expect(problemsOf(validateContract(PreviewTemplateCommandV1, { ...key, ticketNumber: 0 }))).toEqual([
      ['ticketNumber', 'min'],
    ]);
  });

  it('have Spanish and English messages for the template checks', () => {
    const problem = { field: 'html', constraint: 'unknownPlaceholder', params: ['clave', ['number', 'title']] };
    expect(fieldMessage(problem, 'es')).toBe(
      'El campo «html» usa {{clave}}, que este correo no tiene; puede usar: number, title.',
    );
    expect(fieldMessage(problem, 'en')).toBe(
      "Field 'html' uses {{clave}}, which this mail does not have; available: number, title.",
    );
    for (const constraint of ['templateSyntax', 'tagNotAllowed', 'ticketTagRequired']) {
      expect(fieldMessage({ field: 'subject', constraint, params: [3] }, 'es')).toMatch(/^El campo «subject» /);
      expect(fieldMessage({ field: 'subject', constraint, params: [3] }, 'en')).toMatch(/^Field 'subject' /);
    }
  });
});
