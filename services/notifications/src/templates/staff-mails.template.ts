import type { Language, SlaTarget } from '@cau/contracts';
import { formatInstant, renderMail, type MailLocale, type RenderedMail } from './mail.js';

/**
 * The staff's mails: derivations to an area's mailbox, assignments, reviews, rejected reviews, SLA breaches,
 * requesters' answers.
 */

interface StaffMailData {
  number: number;
  title: string;
  jurisdiction: string;
  requesterName: string;
  /** Portal base URL without a trailing slash. */
  portalUrl: string;
}

export interface TicketDerivedMailData extends StaffMailData {
  /** `ticket.escalated` (escalation or coordination) or `ticket.solution-returned`. */
  returned: boolean;
  from: string;
  to: string;
  byName: string;
  reason: string;
}

export interface TicketAssignedMailData extends StaffMailData {
  area: string;
  assigneeName: string;
  /** Who assigned it. */
  byName: string;
}

export interface ReviewRequestedMailData extends StaffMailData {
  area: string;
  byName: string;
  solution: string;
  verifiedWithRequester: boolean;
}

export interface ReviewRejectedMailData extends StaffMailData {
  area: string;
  byName: string;
  observations: string;
}

export interface RequesterCommentedMailData extends StaffMailData {
  area: string;
  channel: string;
  text: string;
  /** The comment reopened a resolved ticket. */
  reopens: boolean;
}

export interface SlaBreachedMailData extends StaffMailData {
  area: string;
  target: SlaTarget;
  /** ISO 8601 instant the target was due. */
  dueAt: string;
}

interface Common {
  locale: string;
  greeting: string;
  team(area: string): string;
  numberLabel: string;
  titleLabel: string;
  jurisdictionLabel: string;
  requesterLabel: string;
  areaLabel: string;
  openIntro: string;
}

const COMMON: Record<Language, Common> = {
  es: {
    locale: 'es',
    greeting: 'Hola:',
    team: (area) => `Equipo ${area}:`,
    numberLabel: 'Número de ticket',
    titleLabel: 'Título',
    jurisdictionLabel: 'Jurisdicción',
    requesterLabel: 'Solicitante',
    areaLabel: 'Área',
    openIntro: 'Para ver el ticket, ingrese a',
  },
  en: {
    locale: 'en',
    greeting: 'Hello:',
    team: (area) => `${area} team:`,
    numberLabel: 'Ticket number',
    titleLabel: 'Title',
    jurisdictionLabel: 'Jurisdiction',
    requesterLabel: 'Requester',
    areaLabel: 'Area',
    openIntro: 'To open the ticket, go to',
  },
};

function ticketFields(common: Common, data: StaffMailData): Array<[string, string]> {
  return [
    [common.numberLabel, `#${data.number}`],
    [common.titleLabel, data.title],
    [common.jurisdictionLabel, data.jurisdiction],
    [common.requesterLabel, data.requesterName],
  ];
}

function ticketLink(common: Common, data: StaffMailData) {
  return { intro: common.openIntro, url: `${data.portalUrl}/tickets/${data.number}` };
}

const DERIVED = {
  es: {
    subject: (returned: boolean, to: string, title: string) =>
      returned ? `Solución devuelta a ${to}: ${title}` : `Ticket derivado a ${to}: ${title}`,
    intro: (returned: boolean, by: string, from: string, to: string) =>
      returned ? `${by} devolvió la solución de ${from} a ${to}.` : `${by} derivó este ticket de ${from} a ${to}.`,
    fromLabel: 'De',
    toLabel: 'A',
    reasonLabel: 'Motivo',
  },
  en: {
    subject: (returned: boolean, to: string, title: string) =>
      returned ? `Solution returned to ${to}: ${title}` : `Ticket derived to ${to}: ${title}`,
    intro: (returned: boolean, by: string, from: string, to: string) =>
      returned
        ? `${by} returned the solution from ${from} to ${to}.`
        : `${by} derived this ticket from ${from} to ${to}.`,
    fromLabel: 'From',
    toLabel: 'To',
    reasonLabel: 'Reason',
  },
} satisfies Record<Language, unknown>;

/** `ticket.escalated` / `ticket.solution-returned`, to the mailbox of the area the ticket went to. */
export function renderTicketDerivedMail(data: TicketDerivedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = DERIVED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.returned, data.to, data.title),
    greeting: common.team(data.to),
    paragraphs: [copy.intro(data.returned, data.byName, data.from, data.to)],
    fields: [...ticketFields(common, data), [copy.fromLabel, data.from], [copy.toLabel, data.to]],
    blocks: [{ label: copy.reasonLabel, text: data.reason }],
    link: ticketLink(common, data),
  });
}

const ASSIGNED = {
  es: {
    subject: (title: string) => `Le asignaron un ticket: ${title}`,
    greeting: (name: string) => `Hola, ${name}:`,
    intro: (by: string, area: string) => `${by} le asignó este ticket de ${area}: ahora lo atiende usted.`,
  },
  en: {
    subject: (title: string) => `A ticket was assigned to you: ${title}`,
    greeting: (name: string) => `Hello, ${name}:`,
    intro: (by: string, area: string) => `${by} assigned you this ${area} ticket: you are now handling it.`,
  },
} satisfies Record<Language, unknown>;

/** `ticket.taken` when someone else assigned the ticket, to the assignee at their own address. */
export function renderTicketAssignedMail(data: TicketAssignedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = ASSIGNED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: copy.greeting(data.assigneeName),
    paragraphs: [copy.intro(data.byName, data.area)],
    fields: [...ticketFields(common, data), [common.areaLabel, data.area]],
    link: ticketLink(common, data),
  });
}

const REVIEW_REQUESTED = {
  es: {
    subject: (title: string) => `Solución para revisar: ${title}`,
    intro: (by: string, area: string) => `${by} (${area}) presentó una solución para su revisión.`,
    verifiedLabel: 'Verificada con el solicitante',
    yes: 'Sí',
    no: 'No',
    solutionLabel: 'Solución',
    decide: 'Apruébela y cierre el ticket, o devuélvala al operador con sus observaciones.',
  },
  en: {
    subject: (title: string) => `Solution to review: ${title}`,
    intro: (by: string, area: string) => `${by} (${area}) submitted a solution for your review.`,
    verifiedLabel: 'Verified with the requester',
    yes: 'Yes',
    no: 'No',
    solutionLabel: 'Solution',
    decide: 'Approve it and close the ticket, or return it to the operator with your observations.',
  },
} satisfies Record<Language, unknown>;

/** `ticket.resolved`, to the supervisors: the solution is submitted for their review (9.1 step 9). */
export function renderReviewRequestedMail(data: ReviewRequestedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = REVIEW_REQUESTED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.greeting,
    paragraphs: [copy.intro(data.byName, data.area), copy.decide],
    fields: [
      ...ticketFields(common, data),
      [common.areaLabel, data.area],
      [copy.verifiedLabel, data.verifiedWithRequester ? copy.yes : copy.no],
    ],
    blocks: [{ label: copy.solutionLabel, text: data.solution }],
    link: ticketLink(common, data),
  });
}

const REVIEW_REJECTED = {
  es: {
    subject: (title: string) => `Solución devuelta por la supervisión: ${title}`,
    intro: (by: string) =>
      `${by} revisó la solución y la devolvió con observaciones. El ticket vuelve a estar en curso.`,
    observationsLabel: 'Observaciones',
  },
  en: {
    subject: (title: string) => `Solution returned by the supervisor: ${title}`,
    intro: (by: string) =>
      `${by} reviewed the solution and returned it with observations. The ticket is in progress again.`,
    observationsLabel: 'Observations',
  },
} satisfies Record<Language, unknown>;

/** `ticket.review-rejected`, to the operators (the L1 mailbox): the supervisor's observations. */
export function renderReviewRejectedMail(data: ReviewRejectedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = REVIEW_REJECTED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.team(data.area),
    paragraphs: [copy.intro(data.byName)],
    fields: ticketFields(common, data),
    blocks: [{ label: copy.observationsLabel, text: data.observations }],
    link: ticketLink(common, data),
  });
}

const SLA_BREACHED = {
  es: {
    subject: (target: SlaTarget, title: string) =>
      `${target === 'response' ? 'Venció el plazo de respuesta' : 'Venció el plazo de resolución'}: ${title}`,
    intro: (target: SlaTarget) =>
      `El ticket superó su plazo de ${target === 'response' ? 'respuesta' : 'resolución'} y figura con atraso.`,
    dueLabel: 'Vencía',
  },
  en: {
    subject: (target: SlaTarget, title: string) =>
      `${target === 'response' ? 'Response deadline missed' : 'Resolution deadline missed'}: ${title}`,
    intro: (target: SlaTarget) => `The ticket is past its ${target} target and is shown as overdue.`,
    dueLabel: 'Was due',
  },
} satisfies Record<Language, unknown>;

/** `ticket.sla-breached`, to the supervisors (DOMAIN "Service levels": the supervisor is alerted). */
export function renderSlaBreachedMail(data: SlaBreachedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = SLA_BREACHED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.target, data.title),
    greeting: common.greeting,
    paragraphs: [copy.intro(data.target)],
    fields: [
      ...ticketFields(common, data),
      [common.areaLabel, data.area],
      [copy.dueLabel, formatInstant(data.dueAt, common.locale, locale.timeZone)],
    ],
    link: ticketLink(common, data),
  });
}

const REQUESTER_COMMENTED = {
  es: {
    subject: (title: string) => `Respuesta del solicitante: ${title}`,
    intro: (name: string, channel: string) => `${name} escribió en el ticket (canal ${channel}).`,
    reopened: 'El ticket estaba resuelto y se reabrió: vuelve a estar en curso.',
    commentLabel: 'Comentario',
  },
  en: {
    subject: (title: string) => `The requester answered: ${title}`,
    intro: (name: string, channel: string) => `${name} wrote on the ticket (channel ${channel}).`,
    reopened: 'The ticket was resolved and has been reopened: it is in progress again.',
    commentLabel: 'Comment',
  },
} satisfies Record<Language, unknown>;

/** `ticket.commented` by the requester, to the mailbox of the area that has the ticket. */
export function renderRequesterCommentedMail(data: RequesterCommentedMailData, locale: MailLocale): RenderedMail {
  const common = COMMON[locale.language];
  const copy = REQUESTER_COMMENTED[locale.language];
  return renderMail({
    language: locale.language,
    number: data.number,
    subject: copy.subject(data.title),
    greeting: common.team(data.area),
    paragraphs: [copy.intro(data.requesterName, data.channel), ...(data.reopens ? [copy.reopened] : [])],
    fields: ticketFields(common, data),
    blocks: [{ label: copy.commentLabel, text: data.text }],
    link: ticketLink(common, data),
  });
}
