import type { Language } from '@cau/contracts';
import { renderMail, ticketTag, type MailLocale, type RenderedMail } from './mail.js';

/** The requester's mails after registration: the solution to verify, the closure, a reopening, staff replies. */

interface RequesterMailData {
  requesterName: string;
  number: number;
  title: string;
  /** Portal base URL without a trailing slash. */
  portalUrl: string;
}

export interface TicketClosedMailData extends RequesterMailData {
  /** The signed link of the survey (answered without signing in); without it, the portal's survey page. */
  surveyUrl?: string | undefined;
  /** For the requester of a merged duplicate: their own ticket, linked instead of a survey they cannot answer. */
  ownTicketNumber?: number | undefined;
}

export interface TicketResolvedMailData extends RequesterMailData {
  solution: string;
}

export interface TicketReopenedMailData extends RequesterMailData {
  reason: string;
}

export interface TicketMergedMailData extends RequesterMailData {
  /** The original's number, where the work goes on. */
  original: number;
}

export interface StaffRepliedMailData extends RequesterMailData {
  /** Who answered (staff). */
  byName: string;
  /** The reply as written. */
  reply: string;
}

interface Common {
  greeting(name: string): string;
  numberLabel: string;
  titleLabel: string;
  followIntro: string;
  reply(tag: string): string;
}

const COMMON: Record<Language, Common> = {
  es: {
    greeting: (name) => `Hola, ${name}:`,
    numberLabel: 'Número de ticket',
    titleLabel: 'Título',
    followIntro: 'Para seguir su solicitud, ingrese a',
    reply: (tag) => `Si desea agregar información, responda a este correo conservando ${tag} en el asunto.`,
  },
  en: {
    greeting: (name) => `Hello, ${name}:`,
    numberLabel: 'Ticket number',
    titleLabel: 'Title',
    followIntro: 'To follow your request, go to',
    reply: (tag) => `To add information, reply to this e-mail keeping ${tag} in the subject.`,
  },
};

function ticketFields(common: Common, data: RequesterMailData): Array<[string, string]> {
  return [
    [common.numberLabel, `#${data.number}`],
    [common.titleLabel, data.title],
  ];
}

const RESOLVED = {
  es: {
    subject: (title: string) => `Verifique la solución de su solicitud: ${title}`,
    intro: 'Registramos una solución para su solicitud. Por favor, verifique que funciona.',
    solutionLabel: 'Solución',
    persists: (tag: string) =>
      `Si el problema persiste, responda a este correo conservando ${tag} en el asunto y lo retomaremos.`,
  },
  en: {
    subject: (title: string) => `Please check the solution to your request: ${title}`,
    intro: 'We have registered a solution to your request. Please check that it works.',
    solutionLabel: 'Solution',
    persists: (tag: string) =>
      `If the problem persists, reply to this e-mail keeping ${tag} in the subject and we will take it up again.`,
  },
} satisfies Record<Language, unknown>;

/** `ticket.resolved`, to the requester: "verify that it works" (DOMAIN step 7), with the solution. */
export function renderTicketResolvedMail(data: TicketResolvedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = RESOLVED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.greeting(data.requesterName),
    paragraphs: [copy.intro],
    fields: ticketFields(common, data),
    blocks: [{ label: copy.solutionLabel, text: data.solution }],
    link: { intro: common.followIntro, url: `${data.portalUrl}/tickets/${data.number}` },
    closing: [copy.persists(ticketTag(data.number))],
  });
}

const CLOSED = {
  es: {
    subject: (title: string) => `Cerramos su solicitud: ${title}`,
    intro: 'Su solicitud fue resuelta y la cerramos.',
    surveyIntro: 'Nos ayuda conocer su opinión. Responda la encuesta de satisfacción en',
    ownTicketIntro: (number: number) => `Su solicitud #${number} se había unido a esta. Puede verla en`,
  },
  en: {
    subject: (title: string) => `Your request is closed: ${title}`,
    intro: 'Your request has been resolved and closed.',
    surveyIntro: 'Your opinion helps us. Please answer the satisfaction survey at',
    ownTicketIntro: (number: number) => `Your request #${number} had been merged into this one. You can see it at`,
  },
} satisfies Record<Language, unknown>;

/** `ticket.closed`, to the requester, with the link to the satisfaction survey. */
export function renderTicketClosedMail(data: TicketClosedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = CLOSED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.greeting(data.requesterName),
    paragraphs: [copy.intro],
    fields: ticketFields(common, data),
    link:
      data.ownTicketNumber === undefined
        ? { intro: copy.surveyIntro, url: data.surveyUrl ?? surveyUrl(data.portalUrl, data.number) }
        : {
            intro: copy.ownTicketIntro(data.ownTicketNumber),
            url: `${data.portalUrl}/tickets/${data.ownTicketNumber}`,
          },
    closing: [common.reply(ticketTag(data.number))],
  });
}

/** Where the requester answers the survey of a ticket. */
export function surveyUrl(portalUrl: string, number: number): string {
  return `${portalUrl}/tickets/${number}/encuesta`;
}

const REOPENED = {
  es: {
    subject: (title: string) => `Reabrimos su solicitud: ${title}`,
    intro: 'Reabrimos su solicitud y volvemos a trabajar en ella.',
    reasonLabel: 'Motivo',
  },
  en: {
    subject: (title: string) => `Your request is open again: ${title}`,
    intro: 'We have reopened your request and are working on it again.',
    reasonLabel: 'Reason',
  },
} satisfies Record<Language, unknown>;

/** `ticket.reopened`, to the requester, with the reason. */
export function renderTicketReopenedMail(data: TicketReopenedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = REOPENED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.greeting(data.requesterName),
    paragraphs: [copy.intro],
    fields: ticketFields(common, data),
    blocks: [{ label: copy.reasonLabel, text: data.reason }],
    link: { intro: common.followIntro, url: `${data.portalUrl}/tickets/${data.number}` },
    closing: [common.reply(ticketTag(data.number))],
  });
}

const STAFF_REPLIED = {
  es: {
    subject: (title: string) => `Respuesta a su solicitud: ${title}`,
    intro: (by: string) => `${by}, de la Mesa de Servicios, respondió en su solicitud.`,
    replyLabel: 'Respuesta',
  },
  en: {
    subject: (title: string) => `Reply to your request: ${title}`,
    intro: (by: string) => `${by}, of the service desk, replied on your request.`,
    replyLabel: 'Reply',
  },
} satisfies Record<Language, unknown>;

/** `ticket.commented` by staff, public (never an internal note), to the requester: the reply as written. */
export function renderStaffRepliedMail(data: StaffRepliedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = STAFF_REPLIED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.greeting(data.requesterName),
    paragraphs: [copy.intro(data.byName)],
    fields: ticketFields(common, data),
    blocks: [{ label: copy.replyLabel, text: data.reply }],
    link: { intro: common.followIntro, url: `${data.portalUrl}/tickets/${data.number}` },
    closing: [common.reply(ticketTag(data.number))],
  });
}

const MERGED = {
  es: {
    subject: (title: string) => `Su solicitud se unió a otra: ${title}`,
    intro: (original: number) =>
      `Su solicitud trata el mismo problema que el ticket ${original}, ya registrado: la unimos a ese ticket, donde seguimos trabajando. No necesita volver a reportarlo.`,
    followIntro: (original: number) => `Para seguir el ticket ${original}, ingrese a`,
  },
  en: {
    subject: (title: string) => `Your request was joined to another: ${title}`,
    intro: (original: number) =>
      `Your request is about the same problem as ticket ${original}, already registered: we joined it to that ticket, where we keep working. There is no need to report it again.`,
    followIntro: (original: number) => `To follow ticket ${original}, go to`,
  },
} satisfies Record<Language, unknown>;

/** `ticket.merged` on the duplicate's stream, to its requester: where the work goes on now. */
export function renderTicketMergedMail(data: TicketMergedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = MERGED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.greeting(data.requesterName),
    paragraphs: [copy.intro(data.original)],
    fields: ticketFields(common, data),
    link: { intro: copy.followIntro(data.original), url: `${data.portalUrl}/tickets/${data.original}` },
    closing: [common.reply(ticketTag(data.number))],
  });
}
