import { MAIL_KINDS, MAIL_LANGUAGES, placeholdersOf, type RecipientKind } from '@cau/contracts';
import type { MailLocale, RenderedMail } from '../templates/mail.js';
import { SAMPLE_TICKET, surveyUrl } from '../templates/placeholders.js';
import { defaultTicketTemplate } from '../templates/ticket-mail-defaults.js';
import { checkTemplate, type MailTemplate } from '../templates/template-language.js';
import type { TicketCopy } from '../tickets/ticket-copy.repository.js';
import {
  ClosedMails,
  CommentedMails,
  EscalatedMails,
  MAIL_KIND_ENTRIES,
  MergedMails,
  RegisteredMails,
  ReopenedMails,
  ResolvedMails,
  ReviewRejectedMails,
  SlaBreachedMails,
  SolutionReturnedMails,
  TakenMails,
  renderTicketMail,
  type EventMails,
} from './ticket-mail-plans.js';

const PORTAL = 'https://cau.example.gob';
const TICKET: TicketCopy = { ...SAMPLE_TICKET, number: 1234, requesterName: 'María Pérez' };
const spanish = { language: 'es', timeZone: 'America/Argentina/Buenos_Aires' } as const;
const english = { language: 'en', timeZone: 'UTC' } as const;
const hostile = { requesterName: '<script>alert(1)</script>', title: 'a & b "c" <img src=x>' };

interface Options {
  ticket?: Partial<TicketCopy>;
  surveyUrl?: string;
  ownTicketNumber?: number;
  /** An administrator's template; the built-in one without it. */
  override?: MailTemplate;
}

/** One mail as the service renders it: the kind's built-in template, the event's data over its sample. */
function render<T>(
  mails: EventMails<T>,
  recipient: RecipientKind,
  data: Partial<T>,
  locale: MailLocale,
  options: Options = {},
): RenderedMail {
  const plan = mails.plans[recipient];
  if (!plan) throw new Error(`no ${recipient} mail for ${mails.type}`);
  const ticket = { ...TICKET, ...options.ticket };
  const full = {
    ...(plan.sample ?? mails.sample)(locale.language),
    ...data,
    ticketId: ticket.ticketId,
    number: ticket.number,
  } as T;
  const event = {
    id: '00000000-0000-4000-8000-0000000000ee',
    type: mails.type,
    version: 1,
    occurredAt: '2025-11-22T14:02:30.000Z',
    ticketId: ticket.ticketId,
    source: 'test',
    sequence: 1,
    correlationId: '00000000-0000-4000-8000-0000000000ee',
    causationId: null,
    data: full,
  };
  return renderTicketMail(
    plan,
    {
      event,
      ticket,
      portalUrl: PORTAL,
      locale,
      surveyUrl: options.surveyUrl,
      ownTicketNumber: options.ownTicketNumber,
    },
    options.override ?? null,
  );
}

const by = (name: string) => ({ accountId: '00000000-0000-4000-8000-000000000001', name, role: 'operator' });

describe('built-in templates', () => {
  it.each(MAIL_KINDS.flatMap((kind) => MAIL_LANGUAGES.map((language) => [kind, language] as const)))(
    '%s in %s is a template administrators could have saved',
    (kind, language) => {
      const template = defaultTicketTemplate(kind, language);
      expect(checkTemplate(template, placeholdersOf(kind))).toEqual([]);
      expect(template.html).toContain(`<html lang="${language}">`);
      expect(template.subject.startsWith('[CAU #{{number}}] ')).toBe(true);
    },
  );

  it.each(MAIL_KINDS.flatMap((kind) => MAIL_LANGUAGES.map((language) => [kind, language] as const)))(
    '%s in %s renders its sample with every tag filled, signed in its language',
    (kind, language) => {
      const entry = MAIL_KIND_ENTRIES.get(kind);
      const { builtIn } = entry!.sample(TICKET, PORTAL, { language, timeZone: 'UTC' });
      expect(builtIn.subject).toMatch(/^\[CAU #1234\] \S/);
      for (const part of [builtIn.subject, builtIn.text, builtIn.html]) expect(part).not.toMatch(/{{|}}/);
      expect(builtIn.text).toMatch(
        language === 'es' ? /\n-- \nMesa de Servicios del CAU\n/ : /\n-- \nCAU service desk\n/,
      );
      expect(builtIn.html).toContain(`<html lang="${language}">`);
      expect(builtIn.html).toContain(`${PORTAL}/tickets/`);
    },
  );

  it("render as an administrator's template does: the same values, one line or as written, escaped in HTML", () => {
    const override = {
      subject: '[CAU #{{number}}] {{title}}',
      text: '{{requesterName}}|{{solution}}',
      html: '<a href="{{ticketUrl}}">{{title}}</a>',
    };
    const mail = render(ResolvedMails, 'requester', { solution: ' a\r\nb ' }, spanish, {
      ticket: { title: 'x\r\n<y>', requesterName: ' Ana \n Pérez' },
      override,
    });
    expect(mail).toEqual({
      subject: '[CAU #1234] x <y>',
      text: 'Ana Pérez|a\nb',
      html: '<a href="https://cau.example.gob/tickets/1234">x &lt;y&gt;</a>',
    });
  });
});

describe('ticket registered mail', () => {
  const registered = { registeredAt: '2025-11-22T14:02:30.000Z' };
  const options = { ticket: { title: 'La impresora no imprime', registeredAt: '2025-11-22T14:02:30.000Z' } };

  it('puts the ticket tag and the title in the subject', () => {
    expect(render(RegisteredMails, 'requester', registered, spanish, options).subject).toBe(
      '[CAU #1234] Registramos su solicitud: La impresora no imprime',
    );
  });

  it('greets the requester and gives the number, title, time, link and reply rule in Spanish', () => {
    const { text } = render(RegisteredMails, 'requester', registered, spanish, options);
    expect(text).toContain('Hola, María Pérez:');
    expect(text).toContain('Número de ticket: #1234');
    expect(text).toContain('Título: La impresora no imprime');
    expect(text).toContain('Fecha y hora de registro: 22 de noviembre de 2025 a las 11:02 GMT-3');
    expect(text).toContain('https://cau.example.gob/tickets/1234');
    expect(text).toContain('responda a este correo conservando [CAU #1234] en el asunto');
  });

  it('shows the registration time in the configured zone', () => {
    const { text } = render(RegisteredMails, 'requester', registered, { language: 'es', timeZone: 'UTC' }, options);
    expect(text).toContain('22 de noviembre de 2025 a las 14:02 UTC');
  });

  it('has an English variant with the same tag', () => {
    const mail = render(RegisteredMails, 'requester', registered, english, options);
    expect(mail.subject).toBe('[CAU #1234] We registered your request: La impresora no imprime');
    expect(mail.text).toContain('Hello, María Pérez:');
    expect(mail.text).toContain('Ticket number: #1234');
    expect(mail.text).toContain('keeping [CAU #1234] in the subject');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes user text in the HTML part and keeps it readable in the text part', () => {
    const mail = render(RegisteredMails, 'requester', registered, spanish, { ticket: hostile });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a &amp; b &quot;c&quot; &lt;img src=x&gt;');
    expect(mail.text).toContain('Título: a & b "c" <img src=x>');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const mail = render(RegisteredMails, 'requester', registered, spanish, {
      ticket: { title: 'primera línea\r\nBcc: otro@example.gob\tfin' },
    });
    expect(mail.subject).toBe('[CAU #1234] Registramos su solicitud: primera línea Bcc: otro@example.gob fin');
  });

  it('links to the ticket from the HTML part', () => {
    const { html } = render(RegisteredMails, 'requester', registered, spanish, options);
    expect(html).toContain('<a href="https://cau.example.gob/tickets/1234">');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Número de ticket: #1234');
  });
});

describe("the requester's mails after registration", () => {
  const options = { ticket: { title: 'La impresora no imprime' } };
  const utc = { language: 'es', timeZone: 'UTC' } as const;

  describe('ticket resolved', () => {
    const data = { solution: 'Se reinstaló el controlador.\nReinicie el equipo.' };

    it('asks the requester to verify the solution, which it shows as written, in Spanish', () => {
      const mail = render(ResolvedMails, 'requester', data, utc, options);
      expect(mail.subject).toBe('[CAU #1234] Verifique la solución de su solicitud: La impresora no imprime');
      expect(mail.text).toContain('Hola, María Pérez:');
      expect(mail.text).toContain('Por favor, verifique que funciona.');
      expect(mail.text).toContain('Solución:\nSe reinstaló el controlador.\nReinicie el equipo.');
      expect(mail.text).toContain('Si el problema persiste, responda a este correo conservando [CAU #1234]');
      expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
      expect(mail.html).toContain('<html lang="es">');
    });

    it('has an English variant with the same tag', () => {
      const mail = render(ResolvedMails, 'requester', data, english, options);
      expect(mail.subject).toBe('[CAU #1234] Please check the solution to your request: La impresora no imprime');
      expect(mail.text).toContain('Please check that it works.');
      expect(mail.text).toContain('Solution:\nSe reinstaló');
      expect(mail.html).toContain('<html lang="en">');
    });

    it('escapes user text, the solution included, in the HTML part', () => {
      const mail = render(ResolvedMails, 'requester', { solution: '</div><b>x</b>' }, utc, { ticket: hostile });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<img');
      expect(mail.html).not.toContain('<b>x</b>');
      expect(mail.html).toContain('&lt;/div&gt;&lt;b&gt;x&lt;/b&gt;');
      expect(mail.html).toContain('a &amp; b &quot;c&quot; &lt;img src=x&gt;');
      expect(mail.text).toContain('Título: a & b "c" <img src=x>');
    });

    it('keeps the subject on one line whatever the title holds, and the solution as a block', () => {
      const mail = render(ResolvedMails, 'requester', { solution: '\r\n uno\r\ndos \r\n' }, utc, {
        ticket: { title: 'uno\r\nBcc: otro@example.gob' },
      });
      expect(mail.subject).toBe('[CAU #1234] Verifique la solución de su solicitud: uno Bcc: otro@example.gob');
      expect(mail.text).toContain('Solución:\nuno\ndos\n');
    });
  });

  describe('ticket closed', () => {
    it('gives the survey link in Spanish', () => {
      const mail = render(ClosedMails, 'requester', {}, utc, options);
      expect(mail.subject).toBe('[CAU #1234] Cerramos su solicitud: La impresora no imprime');
      expect(mail.text).toContain(
        'Responda la encuesta de satisfacción en:\nhttps://cau.example.gob/tickets/1234/encuesta',
      );
      expect(mail.html).toContain('<a href="https://cau.example.gob/tickets/1234/encuesta">');
      expect(surveyUrl('https://x.gob', 7)).toBe('https://x.gob/tickets/7/encuesta');
    });

    it('carries the signed survey link when there is one', () => {
      const signed = `${PORTAL}/tickets/1234/encuesta?token=a.b&c`;
      const mail = render(ClosedMails, 'requester', {}, utc, { surveyUrl: signed });
      expect(mail.text).toContain(`en:\n${signed}\n`);
      expect(mail.html).toContain(`<a href="${PORTAL}/tickets/1234/encuesta?token=a.b&amp;c">`);
    });

    it("links a follower to their own request instead of the requester's survey", () => {
      const mail = render(ClosedMails, 'requester', {}, utc, { ownTicketNumber: 1300 });
      expect(mail.text).toContain('Su solicitud #1300 se había unido a esta. Puede verla en:\n');
      expect(mail.text).toContain(`${PORTAL}/tickets/1300\n`);
      expect(mail.text).not.toContain('encuesta');
      expect(render(ClosedMails, 'requester', {}, english, { ownTicketNumber: 1300 }).text).toContain(
        'Your request #1300 had been merged into this one. You can see it at:',
      );
    });

    it('has an English variant', () => {
      const mail = render(ClosedMails, 'requester', {}, english, options);
      expect(mail.subject).toBe('[CAU #1234] Your request is closed: La impresora no imprime');
      expect(mail.text).toContain('Please answer the satisfaction survey at:');
    });

    it('escapes user text', () => {
      const mail = render(ClosedMails, 'requester', {}, utc, { ticket: hostile });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });
  });

  describe('ticket reopened', () => {
    const data = { reason: 'Sigue sin imprimir' };

    it('gives the reason in Spanish', () => {
      const mail = render(ReopenedMails, 'requester', data, utc, options);
      expect(mail.subject).toBe('[CAU #1234] Reabrimos su solicitud: La impresora no imprime');
      expect(mail.text).toContain('Motivo:\nSigue sin imprimir');
      expect(mail.text).toContain('conservando [CAU #1234] en el asunto');
    });

    it('has an English variant', () => {
      const mail = render(ReopenedMails, 'requester', data, english, options);
      expect(mail.subject).toBe('[CAU #1234] Your request is open again: La impresora no imprime');
      expect(mail.text).toContain('Reason:\nSigue sin imprimir');
    });

    it('escapes the reason', () => {
      const mail = render(ReopenedMails, 'requester', { reason: '<script>x</script>' }, utc);
      expect(mail.html).not.toContain('<script>');
      expect(mail.text).toContain('<script>x</script>');
    });
  });

  describe('staff replied', () => {
    const data = { by: by('Olga Operadora'), text: 'Reinicie la impresora.\nLuego pruebe de nuevo.' };

    it('gives the reply as written, who wrote it, the link and how to answer, in Spanish', () => {
      const mail = render(CommentedMails, 'requester', data, utc, options);
      expect(mail.subject).toBe('[CAU #1234] Respuesta a su solicitud: La impresora no imprime');
      expect(mail.text).toContain('Hola, María Pérez:');
      expect(mail.text).toContain('Olga Operadora, de la Mesa de Servicios, respondió en su solicitud.');
      expect(mail.text).toContain('Respuesta:\nReinicie la impresora.\nLuego pruebe de nuevo.');
      expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
      expect(mail.text).toContain('conservando [CAU #1234] en el asunto');
    });

    it('has an English variant', () => {
      const mail = render(CommentedMails, 'requester', data, english, options);
      expect(mail.subject).toBe('[CAU #1234] Reply to your request: La impresora no imprime');
      expect(mail.text).toContain('Olga Operadora, of the service desk, replied on your request.');
      expect(mail.text).toContain('Reply:\nReinicie la impresora.');
    });

    it('escapes the reply and the names', () => {
      const mail = render(CommentedMails, 'requester', { by: by('<b>x</b>'), text: '<img src=x onerror=y>' }, utc, {
        ticket: hostile,
      });
      expect(mail.html).not.toContain('<img');
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).not.toContain('<b>x');
      expect(mail.html).toContain('&lt;img src=x onerror=y&gt;');
    });
  });

  describe('ticket merged', () => {
    const data = { original: { ticketId: '00000000-0000-4000-8000-000000000002', number: 1200 } };

    it('says where the work goes on, with its link, in Spanish and English', () => {
      const mail = render(MergedMails, 'requester', data, utc, options);
      expect(mail.subject).toBe('[CAU #1234] Su solicitud se unió a otra: La impresora no imprime');
      expect(mail.text).toContain('el mismo problema que el ticket 1200, ya registrado');
      expect(mail.text).toContain(`Para seguir el ticket 1200, ingrese a:\n${PORTAL}/tickets/1200\n`);
      expect(render(MergedMails, 'requester', data, english, options).text).toContain(
        `To follow ticket 1200, go to:\n${PORTAL}/tickets/1200\n`,
      );
    });
  });
});

describe("the staff's mails", () => {
  const options = { ticket: { title: 'El correo no responde' } };

  describe('ticket derived (area mailbox)', () => {
    const data = { from: 'L1', to: 'UIT', by: by('Olga Operadora'), reason: 'Caída del servicio' };

    it('tells the area who derived the ticket, from where and why, in Spanish', () => {
      const mail = render(EscalatedMails, 'area-mailbox', data, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Ticket derivado a UIT: El correo no responde');
      expect(mail.text).toContain('Equipo UIT:');
      expect(mail.text).toContain('Olga Operadora derivó este ticket de L1 a UIT.');
      expect(mail.text).toContain('Jurisdicción: SALUD');
      expect(mail.text).toContain('Solicitante: María Pérez');
      expect(mail.text).toContain('Motivo:\nCaída del servicio');
      expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
    });

    it('words a returned solution differently', () => {
      const mail = render(SolutionReturnedMails, 'area-mailbox', { ...data, from: 'UIT', to: 'L1' }, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Solución devuelta a L1: El correo no responde');
      expect(mail.text).toContain('Olga Operadora devolvió la solución de UIT a L1.');
    });

    it('has an English variant', () => {
      const mail = render(EscalatedMails, 'area-mailbox', data, english, options);
      expect(mail.subject).toBe('[CAU #1234] Ticket derived to UIT: El correo no responde');
      expect(mail.text).toContain('UIT team:');
      expect(mail.html).toContain('<html lang="en">');
    });

    it('escapes user text', () => {
      const mail = render(
        EscalatedMails,
        'area-mailbox',
        { ...data, reason: '<img src=x onerror=alert(1)>', by: by('<b>') },
        spanish,
      );
      expect(mail.html).not.toContain('<img');
      expect(mail.html).not.toContain('<b>');
      expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    });
  });

  describe('review requested (supervisors)', () => {
    const data = {
      area: 'L1',
      by: by('Olga Operadora'),
      solution: 'Se reinició el servidor',
      verifiedWithRequester: true,
    };

    it('gives the solution to review in Spanish', () => {
      const mail = render(ResolvedMails, 'supervisors', data, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Solución para revisar: El correo no responde');
      expect(mail.text).toContain('Olga Operadora (L1) presentó una solución para su revisión.');
      expect(mail.text).toContain('Verificada con el solicitante: Sí');
      expect(mail.text).toContain('Solución:\nSe reinició el servidor');
    });

    it('has an English variant', () => {
      const mail = render(ResolvedMails, 'supervisors', { ...data, verifiedWithRequester: false }, english, options);
      expect(mail.subject).toBe('[CAU #1234] Solution to review: El correo no responde');
      expect(mail.text).toContain('Verified with the requester: No');
    });

    it('escapes the solution', () => {
      const mail = render(ResolvedMails, 'supervisors', { ...data, solution: '<script>x</script>' }, spanish);
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    });
  });

  describe('review rejected (operators)', () => {
    const data = { area: 'L1', by: by('Susana Supervisora'), observations: 'Falta verificar con el usuario' };

    it('gives the supervisor observations in Spanish', () => {
      const mail = render(ReviewRejectedMails, 'operator', data, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Solución devuelta por la supervisión: El correo no responde');
      expect(mail.text).toContain('Equipo L1:');
      expect(mail.text).toContain('Susana Supervisora revisó la solución y la devolvió con observaciones.');
      expect(mail.text).toContain('Observaciones:\nFalta verificar con el usuario');
    });

    it('has an English variant', () => {
      const mail = render(ReviewRejectedMails, 'operator', data, english, options);
      expect(mail.subject).toBe('[CAU #1234] Solution returned by the supervisor: El correo no responde');
      expect(mail.text).toContain('Observations:\nFalta verificar');
    });

    it('escapes the observations', () => {
      const mail = render(ReviewRejectedMails, 'operator', { ...data, observations: 'a < b & "c"' }, spanish);
      expect(mail.html).toContain('a &lt; b &amp; &quot;c&quot;');
    });
  });

  describe('SLA breached (supervisors)', () => {
    const data = { area: 'UIT', target: 'resolution', dueAt: '2025-11-22T14:02:30.000Z' } as const;

    it('names the target missed and when it was due, in the configured zone, in Spanish', () => {
      const mail = render(SlaBreachedMails, 'supervisors', data, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Venció el plazo de resolución: El correo no responde');
      expect(mail.text).toContain('superó su plazo de resolución y figura con atraso');
      expect(mail.text).toContain('Área: UIT');
      expect(mail.text).toContain('Vencía: 22 de noviembre de 2025 a las 11:02 GMT-3');
      expect(render(SlaBreachedMails, 'supervisors', { ...data, target: 'response' }, spanish, options).subject).toBe(
        '[CAU #1234] Venció el plazo de respuesta: El correo no responde',
      );
    });

    it('has an English variant', () => {
      const mail = render(SlaBreachedMails, 'supervisors', { ...data, target: 'response' }, english, options);
      expect(mail.subject).toBe('[CAU #1234] Missed response deadline: El correo no responde');
      expect(mail.text).toContain('past its response target');
      expect(mail.text).toContain('Was due: November 22, 2025 at 14:02 UTC');
    });

    it('escapes user text', () => {
      const mail = render(SlaBreachedMails, 'supervisors', data, spanish, { ticket: { title: '<script>' } });
      expect(mail.html).not.toContain('<script>');
      expect(mail.subject).toBe('[CAU #1234] Venció el plazo de resolución: <script>');
    });
  });

  describe('requester commented (area mailbox)', () => {
    const data = {
      by: { ...by('María Pérez'), role: 'requester' },
      area: 'L1',
      channel: 'email' as const,
      text: 'Sigue sin funcionar.\nProbé dos veces.',
      reopens: false,
    };

    it('gives the area the requester’s words, in Spanish', () => {
      const mail = render(CommentedMails, 'area-mailbox', data, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Respuesta del solicitante: El correo no responde');
      expect(mail.text).toContain('Equipo L1:');
      expect(mail.text).toContain('María Pérez escribió en el ticket (canal email).\n\nNúmero de ticket: #1234');
      expect(mail.text).toContain('Comentario:\nSigue sin funcionar.\nProbé dos veces.');
      expect(mail.text).not.toContain('reabrió');
      expect(mail.html).not.toContain('reabrió');
    });

    it('says when the comment reopened the ticket, in English too', () => {
      const reopened = render(CommentedMails, 'area-mailbox', { ...data, reopens: true }, spanish, options);
      expect(reopened.text).toContain(
        '(canal email).\n\nEl ticket estaba resuelto y se reabrió: vuelve a estar en curso.\n\nNúmero de ticket',
      );
      expect(reopened.html).toContain('<p>El ticket estaba resuelto y se reabrió: vuelve a estar en curso.</p>');
      const mail = render(CommentedMails, 'area-mailbox', { ...data, reopens: true }, english, options);
      expect(mail.subject).toBe('[CAU #1234] The requester answered: El correo no responde');
      expect(mail.text).toContain('The ticket was resolved and has been reopened');
    });
  });

  describe('ticket assigned (assignee)', () => {
    const data = {
      area: 'UIT',
      assignee: { ...by('Úrsula UIT'), accountId: '00000000-0000-4000-8000-000000000002' },
      by: by('Susana Supervisora'),
    };

    it('tells the assignee who gave them the ticket, with the link, in Spanish', () => {
      const mail = render(TakenMails, 'assigned-agent', data, spanish, options);
      expect(mail.subject).toBe('[CAU #1234] Le asignaron un ticket: El correo no responde');
      expect(mail.text).toContain('Hola, Úrsula UIT:');
      expect(mail.text).toContain('Susana Supervisora le asignó este ticket de UIT: ahora lo atiende usted.');
      expect(mail.text).toContain('Área: UIT');
      expect(mail.text).toContain('Solicitante: María Pérez');
      expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
    });

    it('has an English variant, and escapes names', () => {
      const mail = render(TakenMails, 'assigned-agent', { ...data, by: by('<b>Sara</b>') }, english, options);
      expect(mail.subject).toBe('[CAU #1234] A ticket was assigned to you: El correo no responde');
      expect(mail.text).toContain('<b>Sara</b> assigned you this UIT ticket: you are now handling it.');
      expect(mail.html).not.toContain('<b>Sara');
    });
  });
});
