import { MAIL_KINDS, MAIL_LANGUAGES, type Language, type MailKind } from '@cau/contracts';
import { escapeHtml } from './html.js';
import { TICKET_TAG, htmlDocument, signedText, tag, ticketMailTemplate, type TicketMailLayout } from './mail.js';
import type { MailTemplate } from './template-language.js';

/**
 * The built-in ticket mails: the Mustache templates in force until an administrator saves their own,
 * and the text the template editor starts from. Rendered by the same `renderTemplate` as overrides.
 */

const REGISTERED = {
  es: {
    subject: 'Registramos su solicitud',
    greeting: 'Hola',
    intro: 'Registramos su solicitud en la Mesa de Servicios del CAU.',
    numberLabel: 'Número de ticket',
    titleLabel: 'Título',
    registeredAtLabel: 'Fecha y hora de registro',
    followIntro: 'Para seguir su solicitud, ingrese a',
    replyBefore: 'Si desea agregar información, responda a este correo conservando',
    replyAfter: 'en el asunto.',
  },
  en: {
    subject: 'We registered your request',
    greeting: 'Hello',
    intro: 'We have registered your request with the CAU service desk.',
    numberLabel: 'Ticket number',
    titleLabel: 'Title',
    registeredAtLabel: 'Registered on',
    followIntro: 'To follow your request, go to',
    replyBefore: 'To add information, reply to this e-mail keeping',
    replyAfter: 'in the subject.',
  },
} satisfies Record<Language, unknown>;

/** The mail that gives the requester their ticket number (docs/domain.md § Registration): the number stands out. */
function registeredTemplate(language: Language): MailTemplate {
  const copy = REGISTERED[language];
  const subject = `${TICKET_TAG} ${copy.subject}: ${tag('title')}`;
  const greeting = `${copy.greeting}, ${tag('requesterName')}:`;
  const number = `#${tag('number')}`;
  const text = signedText(language, [
    greeting,
    '',
    copy.intro,
    '',
    `${copy.numberLabel}: ${number}`,
    '',
    `${copy.titleLabel}: ${tag('title')}`,
    `${copy.registeredAtLabel}: ${tag('registeredAt')}`,
    '',
    `${copy.followIntro}:`,
    tag('ticketUrl'),
    '',
    `${copy.replyBefore} ${TICKET_TAG} ${copy.replyAfter}`,
    '',
  ]);
  const e = escapeHtml;
  const label = 'padding:2px 16px 2px 0;color:#52606d;vertical-align:top';
  const body = `<p>${e(greeting)}</p>
<p>${e(copy.intro)}</p>
<p style="font-size:22px;font-weight:bold;margin:20px 0">${e(copy.numberLabel)}: ${number}</p>
<table role="presentation" style="border-collapse:collapse">
<tr><td style="${label}">${e(copy.titleLabel)}</td><td>${tag('title')}</td></tr>
<tr><td style="${label}">${e(copy.registeredAtLabel)}</td><td>${tag('registeredAt')}</td></tr>
</table>
<p>${e(copy.followIntro)} <a href="${tag('ticketUrl')}">${tag('ticketUrl')}</a></p>
<p>${e(copy.replyBefore)} <strong>${TICKET_TAG}</strong> ${e(copy.replyAfter)}</p>`;
  return { subject, text, html: htmlDocument(language, subject, body) };
}

/** What the requester's mails after registration share. */
const REQUESTER = {
  es: {
    greeting: `Hola, ${tag('requesterName')}:`,
    fields: [
      ['Número de ticket', `#${tag('number')}`],
      ['Título', tag('title')],
    ],
    follow: { intro: 'Para seguir su solicitud, ingrese a', url: tag('ticketUrl') },
    reply: `Si desea agregar información, responda a este correo conservando ${TICKET_TAG} en el asunto.`,
  },
  en: {
    greeting: `Hello, ${tag('requesterName')}:`,
    fields: [
      ['Ticket number', `#${tag('number')}`],
      ['Title', tag('title')],
    ],
    follow: { intro: 'To follow your request, go to', url: tag('ticketUrl') },
    reply: `To add information, reply to this e-mail keeping ${TICKET_TAG} in the subject.`,
  },
} satisfies Record<Language, { fields: Array<[string, string]> } & Record<string, unknown>>;

/** What the staff's mails share. */
const STAFF = {
  es: {
    greeting: 'Hola:',
    team: (area: string) => `Equipo ${area}:`,
    fields: [
      ['Número de ticket', `#${tag('number')}`],
      ['Título', tag('title')],
      ['Jurisdicción', tag('jurisdiction')],
      ['Solicitante', tag('requesterName')],
    ],
    areaLabel: 'Área',
    open: { intro: 'Para ver el ticket, ingrese a', url: tag('ticketUrl') },
  },
  en: {
    greeting: 'Hello:',
    team: (area: string) => `${area} team:`,
    fields: [
      ['Ticket number', `#${tag('number')}`],
      ['Title', tag('title')],
      ['Jurisdiction', tag('jurisdiction')],
      ['Requester', tag('requesterName')],
    ],
    areaLabel: 'Area',
    open: { intro: 'To open the ticket, go to', url: tag('ticketUrl') },
  },
} satisfies Record<Language, { fields: Array<[string, string]> } & Record<string, unknown>>;

type Layout = Omit<TicketMailLayout, 'language'>;

/** Each kind's words in each language, laid out by `ticketMailTemplate` (the registration has its own layout). */
const LAYOUTS: Record<Exclude<MailKind, 'ticket-registered'>, Record<Language, Layout>> = {
  'ticket-escalated': {
    es: derived(
      'es',
      `Ticket derivado a ${tag('to')}`,
      `${tag('byName')} derivó este ticket de ${tag('from')} a ${tag('to')}.`,
    ),
    en: derived(
      'en',
      `Ticket derived to ${tag('to')}`,
      `${tag('byName')} derived this ticket from ${tag('from')} to ${tag('to')}.`,
    ),
  },
  'solution-returned': {
    es: derived(
      'es',
      `Solución devuelta a ${tag('to')}`,
      `${tag('byName')} devolvió la solución de ${tag('from')} a ${tag('to')}.`,
    ),
    en: derived(
      'en',
      `Solution returned to ${tag('to')}`,
      `${tag('byName')} returned the solution from ${tag('from')} to ${tag('to')}.`,
    ),
  },
  'ticket-assigned': {
    es: {
      subject: `Le asignaron un ticket: ${tag('title')}`,
      greeting: `Hola, ${tag('assigneeName')}:`,
      paragraphs: [`${tag('byName')} le asignó este ticket de ${tag('area')}: ahora lo atiende usted.`],
      fields: [...STAFF.es.fields, [STAFF.es.areaLabel, tag('area')]],
      link: STAFF.es.open,
    },
    en: {
      subject: `A ticket was assigned to you: ${tag('title')}`,
      greeting: `Hello, ${tag('assigneeName')}:`,
      paragraphs: [`${tag('byName')} assigned you this ${tag('area')} ticket: you are now handling it.`],
      fields: [...STAFF.en.fields, [STAFF.en.areaLabel, tag('area')]],
      link: STAFF.en.open,
    },
  },
  'ticket-resolved': {
    es: {
      subject: `Verifique la solución de su solicitud: ${tag('title')}`,
      greeting: REQUESTER.es.greeting,
      paragraphs: ['Registramos una solución para su solicitud. Por favor, verifique que funciona.'],
      fields: REQUESTER.es.fields,
      blocks: [{ label: 'Solución', placeholder: 'solution' }],
      link: REQUESTER.es.follow,
      closing: [
        `Si el problema persiste, responda a este correo conservando ${TICKET_TAG} en el asunto y lo retomaremos.`,
      ],
    },
    en: {
      subject: `Please check the solution to your request: ${tag('title')}`,
      greeting: REQUESTER.en.greeting,
      paragraphs: ['We have registered a solution to your request. Please check that it works.'],
      fields: REQUESTER.en.fields,
      blocks: [{ label: 'Solution', placeholder: 'solution' }],
      link: REQUESTER.en.follow,
      closing: [
        `If the problem persists, reply to this e-mail keeping ${TICKET_TAG} in the subject and we will take it up again.`,
      ],
    },
  },
  'review-requested': {
    es: {
      subject: `Solución para revisar: ${tag('title')}`,
      greeting: STAFF.es.greeting,
      paragraphs: [
        `${tag('byName')} (${tag('area')}) presentó una solución para su revisión.`,
        'Apruébela y cierre el ticket, o devuélvala al operador con sus observaciones.',
      ],
      fields: [
        ...STAFF.es.fields,
        [STAFF.es.areaLabel, tag('area')],
        ['Verificada con el solicitante', tag('verifiedWithRequester')],
      ],
      blocks: [{ label: 'Solución', placeholder: 'solution' }],
      link: STAFF.es.open,
    },
    en: {
      subject: `Solution to review: ${tag('title')}`,
      greeting: STAFF.en.greeting,
      paragraphs: [
        `${tag('byName')} (${tag('area')}) submitted a solution for your review.`,
        'Approve it and close the ticket, or return it to the operator with your observations.',
      ],
      fields: [
        ...STAFF.en.fields,
        [STAFF.en.areaLabel, tag('area')],
        ['Verified with the requester', tag('verifiedWithRequester')],
      ],
      blocks: [{ label: 'Solution', placeholder: 'solution' }],
      link: STAFF.en.open,
    },
  },
  'review-rejected': {
    es: {
      subject: `Solución devuelta por la supervisión: ${tag('title')}`,
      greeting: STAFF.es.team(tag('area')),
      paragraphs: [
        `${tag('byName')} revisó la solución y la devolvió con observaciones. El ticket vuelve a estar en curso.`,
      ],
      fields: STAFF.es.fields,
      blocks: [{ label: 'Observaciones', placeholder: 'observations' }],
      link: STAFF.es.open,
    },
    en: {
      subject: `Solution returned by the supervisor: ${tag('title')}`,
      greeting: STAFF.en.team(tag('area')),
      paragraphs: [
        `${tag('byName')} reviewed the solution and returned it with observations. The ticket is in progress again.`,
      ],
      fields: STAFF.en.fields,
      blocks: [{ label: 'Observations', placeholder: 'observations' }],
      link: STAFF.en.open,
    },
  },
  'ticket-closed': {
    es: {
      subject: `Cerramos su solicitud: ${tag('title')}`,
      greeting: REQUESTER.es.greeting,
      paragraphs: ['Su solicitud fue resuelta y la cerramos.'],
      fields: REQUESTER.es.fields,
      link: {
        // A follower (the requester of a merged duplicate) is sent to their own request, not to a survey.
        intro:
          `{{#ownTicket}}Su solicitud #${tag('ownTicket')} se había unido a esta. Puede verla en{{/ownTicket}}` +
          '{{^ownTicket}}Nos ayuda conocer su opinión. Responda la encuesta de satisfacción en{{/ownTicket}}',
        url: tag('surveyUrl'),
      },
      closing: [REQUESTER.es.reply],
    },
    en: {
      subject: `Your request is closed: ${tag('title')}`,
      greeting: REQUESTER.en.greeting,
      paragraphs: ['Your request has been resolved and closed.'],
      fields: REQUESTER.en.fields,
      link: {
        intro:
          `{{#ownTicket}}Your request #${tag('ownTicket')} had been merged into this one. You can see it at{{/ownTicket}}` +
          '{{^ownTicket}}Your opinion helps us. Please answer the satisfaction survey at{{/ownTicket}}',
        url: tag('surveyUrl'),
      },
      closing: [REQUESTER.en.reply],
    },
  },
  'ticket-reopened': {
    es: {
      subject: `Reabrimos su solicitud: ${tag('title')}`,
      greeting: REQUESTER.es.greeting,
      paragraphs: ['Reabrimos su solicitud y volvemos a trabajar en ella.'],
      fields: REQUESTER.es.fields,
      blocks: [{ label: 'Motivo', placeholder: 'reason' }],
      link: REQUESTER.es.follow,
      closing: [REQUESTER.es.reply],
    },
    en: {
      subject: `Your request is open again: ${tag('title')}`,
      greeting: REQUESTER.en.greeting,
      paragraphs: ['We have reopened your request and are working on it again.'],
      fields: REQUESTER.en.fields,
      blocks: [{ label: 'Reason', placeholder: 'reason' }],
      link: REQUESTER.en.follow,
      closing: [REQUESTER.en.reply],
    },
  },
  'sla-breached': {
    es: {
      subject: `Venció el plazo de ${tag('target')}: ${tag('title')}`,
      greeting: STAFF.es.greeting,
      paragraphs: [`El ticket superó su plazo de ${tag('target')} y figura con atraso.`],
      fields: [...STAFF.es.fields, [STAFF.es.areaLabel, tag('area')], ['Vencía', tag('dueAt')]],
      link: STAFF.es.open,
    },
    en: {
      subject: `Missed ${tag('target')} deadline: ${tag('title')}`,
      greeting: STAFF.en.greeting,
      paragraphs: [`The ticket is past its ${tag('target')} target and is shown as overdue.`],
      fields: [...STAFF.en.fields, [STAFF.en.areaLabel, tag('area')], ['Was due', tag('dueAt')]],
      link: STAFF.en.open,
    },
  },
  'requester-commented': {
    es: {
      subject: `Respuesta del solicitante: ${tag('title')}`,
      greeting: STAFF.es.team(tag('area')),
      paragraphs: [
        `${tag('requesterName')} escribió en el ticket (canal ${tag('channel')}).`,
        { when: 'reopened', text: 'El ticket estaba resuelto y se reabrió: vuelve a estar en curso.' },
      ],
      fields: STAFF.es.fields,
      blocks: [{ label: 'Comentario', placeholder: 'text' }],
      link: STAFF.es.open,
    },
    en: {
      subject: `The requester answered: ${tag('title')}`,
      greeting: STAFF.en.team(tag('area')),
      paragraphs: [
        `${tag('requesterName')} wrote on the ticket (channel ${tag('channel')}).`,
        { when: 'reopened', text: 'The ticket was resolved and has been reopened: it is in progress again.' },
      ],
      fields: STAFF.en.fields,
      blocks: [{ label: 'Comment', placeholder: 'text' }],
      link: STAFF.en.open,
    },
  },
  'staff-replied': {
    es: {
      subject: `Respuesta a su solicitud: ${tag('title')}`,
      greeting: REQUESTER.es.greeting,
      paragraphs: [`${tag('byName')}, de la Mesa de Servicios, respondió en su solicitud.`],
      fields: REQUESTER.es.fields,
      blocks: [{ label: 'Respuesta', placeholder: 'reply' }],
      link: REQUESTER.es.follow,
      closing: [REQUESTER.es.reply],
    },
    en: {
      subject: `Reply to your request: ${tag('title')}`,
      greeting: REQUESTER.en.greeting,
      paragraphs: [`${tag('byName')}, of the service desk, replied on your request.`],
      fields: REQUESTER.en.fields,
      blocks: [{ label: 'Reply', placeholder: 'reply' }],
      link: REQUESTER.en.follow,
      closing: [REQUESTER.en.reply],
    },
  },
  'ticket-merged': {
    es: {
      subject: `Su solicitud se unió a otra: ${tag('title')}`,
      greeting: REQUESTER.es.greeting,
      paragraphs: [
        `Su solicitud trata el mismo problema que el ticket ${tag('original')}, ya registrado: la unimos a ese ticket, donde seguimos trabajando. No necesita volver a reportarlo.`,
      ],
      fields: REQUESTER.es.fields,
      link: { intro: `Para seguir el ticket ${tag('original')}, ingrese a`, url: tag('originalUrl') },
      closing: [REQUESTER.es.reply],
    },
    en: {
      subject: `Your request was joined to another: ${tag('title')}`,
      greeting: REQUESTER.en.greeting,
      paragraphs: [
        `Your request is about the same problem as ticket ${tag('original')}, already registered: we joined it to that ticket, where we keep working. There is no need to report it again.`,
      ],
      fields: REQUESTER.en.fields,
      link: { intro: `To follow ticket ${tag('original')}, go to`, url: tag('originalUrl') },
      closing: [REQUESTER.en.reply],
    },
  },
};

/** A derivation to an area's mailbox (an escalation, or a solution sent back). */
function derived(language: Language, subject: string, intro: string): Layout {
  const staff = STAFF[language];
  const [from, to, reason] = language === 'es' ? ['De', 'A', 'Motivo'] : ['From', 'To', 'Reason'];
  return {
    subject: `${subject}: ${tag('title')}`,
    greeting: staff.team(tag('to')),
    paragraphs: [intro],
    fields: [...staff.fields, [from, tag('from')], [to, tag('to')]],
    blocks: [{ label: reason, placeholder: 'reason' }],
    link: staff.open,
  };
}

/** Laid out once: every mail of a kind and language starts from the same template. */
const DEFAULTS: ReadonlyMap<string, MailTemplate> = new Map(
  MAIL_KINDS.flatMap((kind) =>
    MAIL_LANGUAGES.map((language) => [
      `${kind}|${language}`,
      kind === 'ticket-registered'
        ? registeredTemplate(language)
        : ticketMailTemplate({ language, ...LAYOUTS[kind][language] }),
    ]),
  ),
);

/** The built-in template of a ticket mail kind in a language. */
export function defaultTicketTemplate(kind: MailKind, language: Language): MailTemplate {
  const template = DEFAULTS.get(`${kind}|${language}`);
  // Every kind of the contract has a layout in every language: TypeScript checks LAYOUTS' keys.
  if (!template) throw new Error(`no built-in template for ${kind} in ${language}`);
  return template;
}
