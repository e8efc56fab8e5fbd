import type { Language, PlaceholderV1 } from '@cau/contracts';
import type { TicketCopy } from '../tickets/ticket-copy.repository.js';
import { normalizeBlock, oneLine } from './html.js';
import { formatInstant, type MailLocale } from './mail.js';

/** What each placeholder of the administrators' templates holds, for the list of mail kinds. */
const DESCRIPTIONS: Record<string, Record<Language, string>> = {
  number: { es: 'Número del ticket', en: 'Ticket number' },
  title: { es: 'Título del ticket', en: 'Ticket title' },
  requesterName: { es: 'Nombre del solicitante', en: "Requester's name" },
  jurisdiction: { es: 'Jurisdicción del ticket', en: "Ticket's jurisdiction" },
  registeredAt: { es: 'Fecha y hora de registro', en: 'Date and time of registration' },
  ticketUrl: { es: 'Enlace al ticket en el portal', en: 'Link to the ticket in the portal' },
  surveyUrl: { es: 'Enlace a la encuesta de satisfacción', en: 'Link to the satisfaction survey' },
  from: { es: 'Área de la que se derivó', en: 'Area derived from' },
  to: { es: 'Área a la que se derivó', en: 'Area derived to' },
  byName: { es: 'Quién lo hizo', en: 'Who did it' },
  original: {
    es: 'Número del ticket original, donde sigue la atención',
    en: 'Number of the original ticket, where the work goes on',
  },
  reason: { es: 'Motivo, tal como se escribió', en: 'Reason, as written' },
  solution: { es: 'Solución, tal como se escribió', en: 'Solution, as written' },
  area: { es: 'Área del ticket', en: "Ticket's area" },
  verifiedWithRequester: {
    es: '«Sí» o «No»: si se verificó con el solicitante',
    en: '"Yes" or "No": whether it was verified with the requester',
  },
  observations: { es: 'Observaciones de la supervisión', en: "Supervisor's observations" },
  target: { es: 'Plazo vencido: respuesta o resolución', en: 'Target missed: response or resolution' },
  dueAt: { es: 'Fecha y hora en que vencía', en: 'Date and time it was due' },
  text: { es: 'Comentario del solicitante, tal como se escribió', en: "Requester's comment, as written" },
  channel: { es: 'Canal por el que llegó el comentario', en: 'Channel the comment came through' },
  reply: { es: 'Respuesta del personal, tal como se escribió', en: "Staff's reply, as written" },
  assigneeName: { es: 'Nombre de quien recibe el ticket', en: 'Name of the person given the ticket' },
  reopens: {
    es: '«Sí» o «No»: si el comentario reabrió el ticket',
    en: '"Yes" or "No": whether the comment reopened the ticket',
  },
  reopened: {
    es: '«Sí» si el comentario reabrió el ticket, vacío si no: para {{#reopened}}…{{/reopened}}',
    en: '"Yes" if the comment reopened the ticket, empty otherwise: for {{#reopened}}…{{/reopened}}',
  },
  ownTicket: {
    es: 'Para quien siguió el ticket desde un duplicado unido a él: el número de su propia solicitud (vacío si no)',
    en: 'For someone following the ticket from a duplicate merged into it: the number of their own request (empty otherwise)',
  },
  originalUrl: { es: 'Enlace al ticket original en el portal', en: 'Link to the original ticket in the portal' },
};

/** Text people wrote, shown as a block: line breaks kept. Every other value is put on one line. */
const BLOCKS: ReadonlySet<string> = new Set(['reason', 'solution', 'observations', 'text', 'reply']);

/** The values a template gets, as every mail shows them: blocks with their line breaks, the rest on one line. */
export function normalizeValues(values: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, value]) => [name, BLOCKS.has(name) ? normalizeBlock(value) : oneLine(value)]),
  );
}

/** The placeholders every ticket mail has, from the ticket's stored facts. */
export function commonValues(
  ticket: TicketCopy,
  portalUrl: string,
  locale: MailLocale,
  /** The signed survey link when the mail carries one; otherwise the page that asks to sign in. */
  signedSurveyUrl?: string,
): Record<string, string> {
  return {
    number: String(ticket.number),
    title: ticket.title,
    requesterName: ticket.requesterName,
    jurisdiction: ticket.jurisdiction,
    registeredAt: formatInstant(ticket.registeredAt, locale.language, locale.timeZone),
    ticketUrl: `${portalUrl}/tickets/${ticket.number}`,
    surveyUrl: signedSurveyUrl ?? surveyUrl(portalUrl, ticket.number),
  };
}

/** Where the requester answers the survey of a ticket (signed in). */
export function surveyUrl(portalUrl: string, number: number): string {
  return `${portalUrl}/tickets/${number}/encuesta`;
}

export function describePlaceholders(names: readonly string[]): PlaceholderV1[] {
  return names.map((name) => {
    const description = DESCRIPTIONS[name];
    // A placeholder without a description is a programming error, caught by the unit tests.
    if (!description) throw new Error(`placeholder ${name} has no description`);
    return { name, description };
  });
}

/** A ticket for previews with sample data. */
export const SAMPLE_TICKET: TicketCopy = {
  ticketId: '00000000-0000-4000-8000-000000001234',
  number: 1234,
  requesterEmail: 'maria.perez@salud.gob',
  requesterName: 'María Pérez',
  title: 'La impresora del piso 2 no imprime',
  jurisdiction: 'SALUD',
  registrationEventId: '00000000-0000-4000-8000-00000000abcd',
  registeredAt: '2025-11-24T13:30:00.000Z',
};
