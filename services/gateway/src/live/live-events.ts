import {
  AnnouncementAudience,
  AnnouncementEvents,
  Events,
  FieldServiceEvents,
  ProcedureEvents,
  Role,
  STAFF_ROLES,
  type ActorV1,
} from '@cau/contracts';

/**
 * What the live stream tells a browser about one event of the stream: enough to know which ticket
 * changed and how, never the event's payload (texts, addresses, notes). The portal refetches what it shows.
 */
export interface LiveEventData {
  type: string;
  number: number;
  /** The area the ticket is in after the step (a derivation's target), when the event names one. */
  area?: string;
  /** The status the step leaves the ticket in, for resolution's lifecycle events. */
  status?: string;
  /** When it happened (the event's `occurredAt`). */
  at: string;
  /** Who took the step, when a person did. */
  by?: { accountId: string; name: string };
}

/** The facts that decide whether a requester or referente follows a ticket (reporting's visibility rule). */
export interface TicketFacts {
  requesterEmail: string;
  jurisdiction: string;
}

/** One ticket event of the stream, decoded once per gateway and shared by every connection. */
export interface LiveEvent {
  seq: number;
  data: LiveEventData;
  /** An internal note: staff only. */
  internal: boolean;
  /** Carried by `ticket.registered` only. */
  facts: TicketFacts | null;
}

/**
 * The SSE `event:` name of every ticket event (its type is in `data.type`): a browser's EventSource
 * delivers named events only to listeners of that name, so one name lets the portal hear types added later.
 */
export const TICKET_EVENT = 'ticket';

/**
 * What the live stream tells a browser about an announcement that was published, edited or withdrawn: which
 * one, never its text. The portal's home reads the announcements for its person again.
 */
export interface LiveAnnouncementData {
  type: string;
  id: string;
  at: string;
}

/**
 * One announcement event of the stream. `jurisdictions` is who it is for: null for everyone, the codes for
 * some jurisdictions, undefined when the event does not say (a withdrawal) and the hub never saw it published.
 */
export interface LiveAnnouncement {
  data: LiveAnnouncementData;
  jurisdictions: readonly string[] | null | undefined;
}

/** The SSE `event:` name of announcement events (their type is in `data.type`). */
export const ANNOUNCEMENT_EVENT = 'announcement';

/**
 * A position in the stream, with the ticket or announcement event found there (both null for anything else:
 * articles, reports, replays).
 */
export interface StreamItem {
  seq: number;
  event: LiveEvent | null;
  announcement?: LiveAnnouncement | null;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const DERIVATIONS = new Set<string>([ProcedureEvents.TicketEscalated.type, ProcedureEvents.SolutionReturned.type]);

/**
 * Inventory's field work on a ticket (equipment, visits, repairs, sign-off) names it `ticketNumber`: the
 * workspace's field sections and the requester's "Atención en campo" refresh on them. They are not steps
 * of the public timeline (PUBLIC_LIVE_TYPES), but the requester's page shows the field attention, so those
 * who follow the ticket hear them too — as the bare fact (type, number, moment: {@link audienceData}); the
 * page then reads what it may show (a contractor's technician, report number and the plan's note stay hidden).
 */
export const FIELD_TYPES: ReadonlySet<string> = new Set(
  Object.values(FieldServiceEvents).map((definition) => definition.type),
);

/**
 * The ticket event at `seq`, or null when the message is not one: not JSON, not an envelope, no ticket
 * number, or a dead letter's replay (`replayRoot`; the original is in the stream at its own place).
 */
export function toStreamItem(seq: number, subject: string, body: unknown, replayRoot: string): StreamItem {
  if (subject.startsWith(replayRoot)) return { seq, event: null };
  const announcement = toLiveAnnouncement(body);
  return announcement ? { seq, event: null, announcement } : { seq, event: toLiveEvent(seq, body) };
}

const ANNOUNCEMENT_TYPES: ReadonlySet<string> = new Set(
  Object.values(AnnouncementEvents).map((definition) => definition.type),
);

function toLiveAnnouncement(body: unknown): LiveAnnouncement | null {
  if (!isObject(body) || !isObject(body.data)) return null;
  const type = text(body.type);
  const at = text(body.occurredAt);
  const id = text(body.data.id);
  if (!type || !ANNOUNCEMENT_TYPES.has(type) || !at || !id) return null;
  const { audience, jurisdictions } = body.data;
  const targets =
    audience === AnnouncementAudience.Everyone
      ? null
      : audience === AnnouncementAudience.Jurisdictions && Array.isArray(jurisdictions)
        ? jurisdictions.filter((code): code is string => typeof code === 'string')
        : undefined;
  return { data: { type, id, at }, jurisdictions: targets };
}

function toLiveEvent(seq: number, body: unknown): LiveEvent | null {
  if (!isObject(body) || !isObject(body.data)) return null;
  const type = text(body.type);
  const at = text(body.occurredAt);
  const data = body.data;
  const number = FIELD_TYPES.has(type ?? '') ? data.ticketNumber : data.number;
  if (!type || !at || typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return null;
  const area = DERIVATIONS.has(type) ? text(data.to) : text(data.area);
  const status = text(data.status);
  const person = isObject(data.by) ? data.by : isObject(data.registeredBy) ? data.registeredBy : null;
  const by =
    person && text(person.accountId) && text(person.name)
      ? { accountId: person.accountId as string, name: person.name as string }
      : undefined;
  const requesterEmail = isObject(data.requester) ? text(data.requester.email) : undefined;
  const jurisdiction = text(data.jurisdiction);
  return {
    seq,
    data: { type, number, ...(area ? { area } : {}), ...(status ? { status } : {}), at, ...(by ? { by } : {}) },
    internal: data.internal === true,
    facts:
      type === Events.TicketRegistered.type && requesterEmail && jurisdiction ? { requesterEmail, jurisdiction } : null,
  };
}

/**
 * Event types a requester or referente hears about: those of the public timeline reporting shows them
 * (tickets/timeline-audience.ts there). Work logs and reclassifications stay with staff, as does any type
 * added later until it is decided here on purpose.
 */
export const PUBLIC_LIVE_TYPES: ReadonlySet<string> = new Set([
  Events.TicketRegistered.type,
  Events.TicketRouted.type,
  ProcedureEvents.TicketEscalated.type,
  ProcedureEvents.SolutionReturned.type,
  ProcedureEvents.TicketTaken.type,
  ProcedureEvents.TicketEstimated.type,
  ProcedureEvents.SolutionProposed.type,
  ProcedureEvents.TicketResolved.type,
  ProcedureEvents.ReviewRejected.type,
  ProcedureEvents.TicketClosed.type,
  ProcedureEvents.TicketReopened.type,
  ProcedureEvents.WaitingOnRequester.type,
  ProcedureEvents.TicketCommented.type,
  ProcedureEvents.SlaBreached.type,
  ProcedureEvents.SurveyAnswered.type,
  ProcedureEvents.SolutionAccepted.type,
]);

export function isStaff(actor: ActorV1): boolean {
  return STAFF_ROLES.includes(actor.role);
}

/** Whether the event may reach a requester or referente at all, before asking whose ticket it is. */
export function isPublicEvent(event: LiveEvent): boolean {
  return (PUBLIC_LIVE_TYPES.has(event.data.type) || FIELD_TYPES.has(event.data.type)) && !event.internal;
}

/**
 * What one connection is sent of an event: staff get it whole; requesters and referentes get a field event
 * as type, ticket and moment only, so nothing that inventory adds to its events later (who recorded it, a
 * technician's name) can reach them through the stream.
 */
export function audienceData(actor: ActorV1, event: LiveEvent): LiveEventData {
  if (isStaff(actor) || !FIELD_TYPES.has(event.data.type)) return event.data;
  return { type: event.data.type, number: event.data.number, at: event.data.at };
}

/**
 * Reporting's rule (tickets/ticket-visibility.ts there), for tickets whose facts the gateway learnt from
 * their registration event: a requester follows the tickets registered for their e-mail, a referente those
 * of their jurisdiction. Staff follow every ticket.
 */
export function followsTicket(actor: ActorV1, facts: TicketFacts): boolean {
  switch (actor.role) {
    case Role.Requester:
      return normalizeEmail(facts.requesterEmail) === normalizeEmail(actor.email);
    case Role.Referente:
      return actor.jurisdiction !== undefined && facts.jurisdiction === actor.jurisdiction;
    default:
      return isStaff(actor);
  }
}

/**
 * Notifications' audience rule (announcements/announcement-rules.ts there), as far as a connection can tell:
 * an announcement for everyone, or one the hub cannot place (a withdrawal of one published before it
 * started: the message names only its id), reaches everyone; one for some jurisdictions reaches staff, the
 * referentes of those jurisdictions and the requesters whose latest ticket is of one of them
 * (`requesterJurisdiction`, null while unknown or without tickets).
 */
export function hearsAnnouncement(
  actor: ActorV1,
  jurisdictions: readonly string[] | null | undefined,
  requesterJurisdiction: string | null,
): boolean {
  if (!jurisdictions || isStaff(actor)) return true;
  const own = actor.role === Role.Requester ? requesterJurisdiction : (actor.jurisdiction ?? null);
  return own !== null && jurisdictions.includes(own);
}

/**
 * Who must hear of an announcement event: an edit that moved it to other jurisdictions must also reach
 * those it left (their homes still show it), and a withdrawal all it was for. `known` is what the hub last
 * saw it was for (undefined when it was published before the hub started: then everyone hears of it).
 */
export function announcementReach(
  type: string,
  said: readonly string[] | null | undefined,
  known: readonly string[] | null | undefined,
): readonly string[] | null | undefined {
  if (type === AnnouncementEvents.Published.type) return said;
  if (!known || said === null) return null;
  if (said === undefined) return known;
  return [...new Set([...known, ...said])];
}

function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Where a connection starts, given the last event id the client saw and the stream's bounds now. */
export type ResumePlan =
  { kind: 'live' } | { kind: 'replay'; from: number; to: number } | { kind: 'reset'; reason: 'too-old' | 'unknown-id' };

/**
 * A client without an id starts at the end. One that saw event N gets N+1 … the end, unless that is more
 * than `maxReplay` events (cheaper to refetch than to replay) or N+1 is no longer kept (`too-old`), or N
 * is past the end (`unknown-id`: another deployment's id, or a stream that was recreated). Then it is told
 * to refetch everything and continues from the end.
 */
export function resumePlan(
  lastEventId: number | null,
  stream: { firstSeq: number; lastSeq: number },
  maxReplay: number,
): ResumePlan {
  if (lastEventId === null || lastEventId === stream.lastSeq) return { kind: 'live' };
  if (lastEventId > stream.lastSeq) return { kind: 'reset', reason: 'unknown-id' };
  const from = lastEventId + 1;
  // An empty stream reports first_seq = last_seq + 1; a purged one, its first kept message.
  if (from < stream.firstSeq || stream.lastSeq - lastEventId > maxReplay) return { kind: 'reset', reason: 'too-old' };
  return { kind: 'replay', from, to: stream.lastSeq };
}

/** One Server-Sent Events message. Data is single-line JSON, so it needs one `data:` line. */
export function sseMessage(message: { id?: number; event?: string; data?: unknown; comment?: string }): string {
  let out = '';
  if (message.comment !== undefined) out += `: ${message.comment}\n`;
  if (message.id !== undefined) out += `id: ${message.id}\n`;
  if (message.event !== undefined) out += `event: ${message.event}\n`;
  if (message.data !== undefined) out += `data: ${JSON.stringify(message.data)}\n`;
  return `${out}\n`;
}
