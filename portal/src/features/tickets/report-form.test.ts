import { describe, expect, it } from 'vitest';
import { registrationFrom, reportSchema, type ReportForm } from './report-form';

const filled: ReportForm = {
  title: 'No imprime la impresora del piso 2',
  description: 'Desde esta mañana no imprime ningún documento.',
  type: 'incidente',
  category: 'impresoras',
  impact: 'medio',
  urgency: 'alta',
  jurisdiction: 'SALUD',
  forSomeoneElse: false,
  requesterName: '',
  requesterEmail: '',
  requesterPhone: '',
  links: [],
  equipmentIds: [],
};
const account = { name: 'Ana Pérez', email: 'ana.perez@salud.gob.ar' };

describe('the report form', () => {
  it('registers a requester for themselves, on the portal channel', () => {
    expect(registrationFrom(reportSchema.parse(filled), account)).toEqual({
      channel: 'portal',
      requester: account,
      jurisdiction: 'SALUD',
      title: filled.title,
      description: filled.description,
      type: 'incidente',
      category: 'impresoras',
      impact: 'medio',
      urgency: 'alta',
    });
  });

  it('names the equipment the person ticked from their own, and none when they report for someone else', () => {
    const pc = '11111111-1111-4111-8111-111111111111';
    expect(registrationFrom(reportSchema.parse({ ...filled, equipmentIds: [pc] }), account)).toMatchObject({
      equipmentIds: [pc],
    });
    const forColleague = reportSchema.parse({
      ...filled,
      forSomeoneElse: true,
      requesterName: 'Juan Gómez',
      requesterEmail: 'juan.gomez@salud.gob.ar',
      equipmentIds: [pc],
    });
    expect(registrationFrom(forColleague, account)).not.toHaveProperty('equipmentIds');
  });

  it("registers a referente's report for a colleague, who is the requester", () => {
    const form = reportSchema.parse({
      ...filled,
      forSomeoneElse: true,
      requesterName: 'Juan Gómez',
      requesterEmail: 'juan.gomez@salud.gob.ar',
      requesterPhone: '4455-1234',
      links: [{ url: 'https://intranet.salud.gob.ar/captura' }],
    });
    expect(registrationFrom(form, account)).toMatchObject({
      requester: { name: 'Juan Gómez', email: 'juan.gomez@salud.gob.ar', phone: '4455-1234' },
      reportedBy: account,
      attachments: [{ url: 'https://intranet.salud.gob.ar/captura' }],
    });
  });

  it('names each missing or wrong field', () => {
    const result = reportSchema.safeParse({
      ...filled,
      title: '   ',
      forSomeoneElse: true,
      requesterEmail: 'no-es-un-correo',
      links: [{ url: 'javascript:alert(1)' }],
    });
    expect(result.success).toBe(false);
    const problems = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(problems).toEqual({
      title: 'validation.required',
      requesterName: 'validation.required',
      requesterEmail: 'validation.email',
      'links.0.url': 'validation.url',
    });
  });
});
