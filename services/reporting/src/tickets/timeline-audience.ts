import {
  Events,
  ProcedureEvents,
  Role,
  type ActorV1,
  type TicketClassificationV1,
  type TicketTimelineEntryV1,
} from '@cau/contracts';
import { oneLine, reclassifiedPriority } from './ticket-timeline.js';

/**
 * Who reads a ticket's timeline. Staff see every step as recorded. Requesters and referentes (who act
 * for them) see what concerns them: status changes, where the ticket is, public comments, the solution,
 * reopenings, the survey and the acceptance; never internal notes, staff addresses, work-log text, notes
 * to the supervisor, the supervisor's observations, derivation or reclassification reasons, or
 * knowledge-base references.
 */
export type TimelineAudience = 'staff' | 'requester';

export function timelineAudienceOf(actor: ActorV1): TimelineAudience {
  return actor.role === Role.Requester || actor.role === Role.Referente ? 'requester' : 'staff';
}

/** How one event type's step looks to requesters: a new entry, or null when they do not see the step. */
type PublicStep = (entry: TicketTimelineEntryV1) => TicketTimelineEntryV1 | null;

/** The entry with only the named details (those present). */
function keep(entry: TicketTimelineEntryV1, ...fields: string[]): TicketTimelineEntryV1 {
  const details: Record<string, unknown> = {};
  for (const field of fields) if (entry.details[field] !== undefined) details[field] = entry.details[field];
  return { ...entry, details };
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const byName = (entry: TicketTimelineEntryV1): string => entry.by?.name ?? '';

/**
 * One rule per event type that reaches the timeline, written out so that a new event type is decided on
 * purpose: a type without a rule is hidden from requesters (see `publicTimeline`).
 */
export const PUBLIC_STEPS: Readonly<Record<string, PublicStep>> = {
  [Events.TicketRegistered.type]: (entry) => keep(entry, 'channel', 'type', 'category', 'jurisdiction'),
  [Events.TicketRouted.type]: (entry) => keep(entry, 'priority'),
  // Where the ticket went, not why: derivation reasons are working notes between areas.
  [ProcedureEvents.TicketEscalated.type]: (entry) => {
    const { from, to } = entry.details as { from?: string; to?: string };
    return {
      ...keep(entry, 'from', 'to'),
      summary: { es: `Derivado de ${from} a ${to}`, en: `Derived from ${from} to ${to}` },
    };
  },
  [ProcedureEvents.SolutionReturned.type]: (entry) => {
    const { from, to } = entry.details as { from?: string; to?: string };
    return {
      ...keep(entry, 'from', 'to'),
      summary: { es: `Solución devuelta de ${from} a ${to}`, en: `Solution returned from ${from} to ${to}` },
    };
  },
  // Who attends the ticket by name; the assignee's address stays with staff.
  [ProcedureEvents.TicketTaken.type]: (entry) => {
    const assignee = entry.details.assignee as { name?: unknown } | undefined;
    return {
      ...keep(entry, 'status'),
      details: { status: entry.details.status, assignee: { name: text(assignee?.name) } },
    };
  },
  // The estimate, without the agent's note.
  [ProcedureEvents.TicketEstimated.type]: (entry) => {
    const minutes = Number(entry.details.minutes);
    return {
      ...keep(entry, 'status', 'minutes'),
      summary: { es: `Estimación: ${minutes} min`, en: `Estimate: ${minutes} min` },
    };
  },
  // Work logs are internal records of the areas' work.
  [ProcedureEvents.WorkLogged.type]: () => null,
  [ProcedureEvents.SolutionProposed.type]: (entry) => keep(entry, 'status', 'solution'),
  // The solution the requester is asked to verify; not the operator's note nor the article reference.
  [ProcedureEvents.TicketResolved.type]: (entry) => ({
    ...keep(entry, 'status', 'solution'),
    summary: { es: 'Solución propuesta: ticket resuelto', en: 'Solution proposed: ticket resolved' },
  }),
  // The supervisor sent the solution back: the requester sees the ticket at work again, not the observations.
  [ProcedureEvents.ReviewRejected.type]: (entry) => ({
    ...keep(entry, 'status'),
    summary: { es: 'El ticket vuelve a estar en curso', en: 'The ticket is in progress again' },
  }),
  [ProcedureEvents.TicketClosed.type]: (entry) => keep(entry, 'status'),
  [ProcedureEvents.TicketReopened.type]: (entry) => keep(entry, 'status', 'reason'),
  // Waiting on the requester is addressed to them: the reason says what is awaited.
  [ProcedureEvents.WaitingOnRequester.type]: (entry) => keep(entry, 'status', 'waiting', 'reason'),
  // Comments are the public conversation on the ticket (the requester's and staff replies); internal
  // notes are staff's own working notes and are not shown at all.
  [ProcedureEvents.TicketCommented.type]: (entry) =>
    entry.details.internal === true ? null : keep(entry, 'status', 'commentId', 'text', 'channel', 'reopens'),
  // That the ticket was reclassified and its priority now (what its service level follows); not the
  // other fields' corrections nor the reason, which are the desk's assessment.
  [ProcedureEvents.TicketReclassified.type]: (entry) => {
    const { previous, current } = entry.details as {
      previous: TicketClassificationV1;
      current: TicketClassificationV1;
    };
    return {
      ...entry,
      summary: reclassifiedPriority(previous, current),
      details: { previous: { priority: previous.priority }, current: { priority: current.priority } },
    };
  },
  [ProcedureEvents.SlaBreached.type]: (entry) => keep(entry, 'target'),
  // Relations are staff's bookkeeping between tickets (possibly other people's): not shown.
  [ProcedureEvents.TicketLinked.type]: () => null,
  [ProcedureEvents.TicketUnlinked.type]: () => null,
  // That the ticket was merged, and which numbers: not who the other requester is, nor staff's reason.
  [ProcedureEvents.TicketMerged.type]: (entry) => {
    const { duplicate, original } = entry.details as { duplicate: { number: number }; original: { number: number } };
    const isDuplicate = entry.details.status === 'fusionado';
    return {
      ...entry,
      details: {
        status: entry.details.status,
        duplicate: { number: duplicate.number },
        original: { number: original.number },
      },
      summary: isDuplicate
        ? {
            es: `Fusionado en el ticket #${original.number}, donde continúa la atención`,
            en: `Merged into ticket #${original.number}, where the work goes on`,
          }
        : {
            es: `El ticket #${duplicate.number} se fusionó en este`,
            en: `Ticket #${duplicate.number} was merged into this one`,
          },
    };
  },
  [ProcedureEvents.SurveyAnswered.type]: (entry) => keep(entry, 'satisfaction', 'score', 'comment'),
  [ProcedureEvents.SolutionAccepted.type]: (entry) => {
    const comment = text(entry.details.comment);
    const suffix = comment ? `: ${oneLine(comment)}` : '';
    return {
      ...keep(entry, 'status', 'comment'),
      summary: {
        es: `${byName(entry)} confirmó que la solución resolvió el problema${suffix}`,
        en: `${byName(entry)} confirmed the solution solved the problem${suffix}`,
      },
    };
  },
};

/** One step as the audience sees it; null when the audience does not see it. */
export function timelineEntryFor(
  audience: TimelineAudience,
  entry: TicketTimelineEntryV1,
): TicketTimelineEntryV1 | null {
  if (audience === 'staff') return entry;
  const rule = PUBLIC_STEPS[entry.type];
  return rule ? rule(entry) : null;
}

export function timelineFor(audience: TimelineAudience, timeline: TicketTimelineEntryV1[]): TicketTimelineEntryV1[] {
  if (audience === 'staff') return timeline;
  return timeline.flatMap((entry) => {
    const seen = timelineEntryFor(audience, entry);
    return seen ? [seen] : [];
  });
}
