import {
  CHANNEL_LABELS,
  Events,
  ProcedureEvents,
  Role,
  type ByV1,
  type Channel,
  type Impact,
  type Priority,
  type ReviewRejectedV1,
  type SatisfactionLevel,
  type SlaBreachedV1,
  type SlaTarget,
  type SolutionAcceptedV1,
  type SolutionProposedV1,
  type SurveyAnsweredV1,
  type TicketClosedV1,
  type TicketClassificationV1,
  type TicketCommentedV1,
  type TicketDerivedV1,
  type TicketLinkedV1,
  type TicketMergedV1,
  type TicketEstimatedV1,
  type TicketReclassifiedV1,
  type TicketRegisteredV1,
  type TicketReopenedV1,
  type TicketResolvedV1,
  type TicketRoutedV1,
  type TicketTakenV1,
  type TicketTimelineEntryV1,
  type TicketType,
  type Urgency,
  type WaitingOnRequesterV1,
  type WorkLoggedV1,
} from '@cau/contracts';

type Summary = TicketTimelineEntryV1['summary'];

/** The fields every step of a procedure carries (derivations and lifecycle events alike). */
interface Step {
  ticketId: string;
  number: number;
  by: ByV1;
  at: string;
}

/** Resolution's lifecycle events also say where the ticket is after the step. */
interface LifecycleStep extends Step {
  area: string;
}

/** Free text (reasons, observations) may run to thousands of characters over several lines. */
const SUMMARY_TEXT_MAX = 200;

/**
 * Summaries are shown one per line in the ticket's path; the full text stays in the entry's details.
 */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SUMMARY_TEXT_MAX ? `${line.slice(0, SUMMARY_TEXT_MAX - 1)}…` : line;
}

const SLA_TARGET: Record<SlaTarget, Summary> = {
  response: { es: 'respuesta', en: 'response' },
  resolution: { es: 'resolución', en: 'resolution' },
};

/** Codes said in words inside a sentence ("prioridad media", "tipo incidente de seguridad"). */
const PRIORITY_WORDS: Record<Priority, Summary> = {
  ALTA: { es: 'alta', en: 'high' },
  MEDIA: { es: 'media', en: 'medium' },
  BAJA: { es: 'baja', en: 'low' },
};

const TYPE_WORDS: Record<TicketType, Summary> = {
  solicitud: { es: 'solicitud', en: 'service request' },
  incidente: { es: 'incidente', en: 'incident' },
  incidente_seguridad: { es: 'incidente de seguridad', en: 'security incident' },
  reclamo: { es: 'reclamo', en: 'complaint' },
  asesoramiento_compras: { es: 'asesoramiento de compras', en: 'purchasing advice' },
};

const IMPACT_WORDS: Record<Impact, Summary> = {
  alto: { es: 'alto', en: 'high' },
  medio: { es: 'medio', en: 'medium' },
  bajo: { es: 'bajo', en: 'low' },
};

const URGENCY_WORDS: Record<Urgency, Summary> = {
  alta: { es: 'alta', en: 'high' },
  media: { es: 'media', en: 'medium' },
  baja: { es: 'baja', en: 'low' },
};

/** "(canal: Teléfono)": the channel by the name the catalogue gives it. */
function channelWords(channel: Channel): Summary {
  const label = CHANNEL_LABELS[channel];
  return { es: `(canal: ${label.es})`, en: `(channel: ${label.en})` };
}

const SATISFACTION_EN: Record<SatisfactionLevel, string> = {
  satisfecho: 'satisfied',
  regular: 'fair',
  insatisfecho: 'dissatisfied',
};

/**
 * The timeline entry of each event: when, who, where, a one-line summary in Spanish and English, and
 * the event's own details. Pure, so a replayed event always yields the same entry.
 */
export const TimelineEntries = {
  registered(ticket: TicketRegisteredV1): TicketTimelineEntryV1 {
    const name = ticket.registeredBy.name;
    const channel = channelWords(ticket.channel);
    return {
      at: ticket.registeredAt,
      type: Events.TicketRegistered.type,
      by: actor(ticket.registeredBy),
      area: null,
      summary: {
        es: `Registrado por ${name} ${channel.es}`,
        en: `Registered by ${name} ${channel.en}`,
      },
      // The registration as a whole is the ticket view itself; its step keeps how the ticket was classified.
      details: {
        channel: ticket.channel,
        type: ticket.type,
        category: ticket.category,
        impact: ticket.impact,
        urgency: ticket.urgency,
        jurisdiction: ticket.jurisdiction,
      },
    };
  },

  routed(routing: TicketRoutedV1): TicketTimelineEntryV1 {
    return {
      at: routing.routedAt,
      type: Events.TicketRouted.type,
      by: null,
      area: routing.area,
      summary: {
        es: `Asignado a ${routing.area}, prioridad ${PRIORITY_WORDS[routing.priority].es}`,
        en: `Assigned to ${routing.area}, priority ${PRIORITY_WORDS[routing.priority].en}`,
      },
      details: detailsOf(routing, 'area', 'routedAt'),
    };
  },

  escalated(derivation: TicketDerivedV1): TicketTimelineEntryV1 {
    const { from, to } = derivation;
    const reason = oneLine(derivation.reason);
    return derived(ProcedureEvents.TicketEscalated.type, derivation, {
      es: `Derivado de ${from} a ${to}: ${reason}`,
      en: `Derived from ${from} to ${to}: ${reason}`,
    });
  },

  solutionReturned(derivation: TicketDerivedV1): TicketTimelineEntryV1 {
    const { from, to } = derivation;
    const reason = oneLine(derivation.reason);
    return derived(ProcedureEvents.SolutionReturned.type, derivation, {
      es: `Solución devuelta de ${from} a ${to}: ${reason}`,
      en: `Solution returned from ${from} to ${to}: ${reason}`,
    });
  },

  taken(step: TicketTakenV1): TicketTimelineEntryV1 {
    const { assignee, by } = step;
    // Taking is assigning oneself; a supervisor may also assign someone else.
    const summary =
      assignee.accountId === by.accountId
        ? { es: `Tomado por ${assignee.name}`, en: `Taken by ${assignee.name}` }
        : { es: `Asignado a ${assignee.name} por ${by.name}`, en: `Assigned to ${assignee.name} by ${by.name}` };
    return lifecycle(ProcedureEvents.TicketTaken.type, step, summary);
  },

  estimated(step: TicketEstimatedV1): TicketTimelineEntryV1 {
    const note = step.note ? ` — ${oneLine(step.note)}` : '';
    return lifecycle(ProcedureEvents.TicketEstimated.type, step, {
      es: `Estimación: ${step.minutes} min${note}`,
      en: `Estimate: ${step.minutes} min${note}`,
    });
  },

  workLogged(step: WorkLoggedV1): TicketTimelineEntryV1 {
    const description = oneLine(step.description);
    return lifecycle(ProcedureEvents.WorkLogged.type, step, {
      es: `Trabajo registrado: ${step.minutes} min — ${description}`,
      en: `Work logged: ${step.minutes} min — ${description}`,
    });
  },

  solutionProposed(step: SolutionProposedV1): TicketTimelineEntryV1 {
    return lifecycle(ProcedureEvents.SolutionProposed.type, step, {
      es: 'Solución registrada',
      en: 'Solution registered',
    });
  },

  resolved(step: TicketResolvedV1): TicketTimelineEntryV1 {
    return lifecycle(ProcedureEvents.TicketResolved.type, step, {
      es: 'Enviado a revisión del supervisor',
      en: "Sent for the supervisor's review",
    });
  },

  reviewRejected(step: ReviewRejectedV1): TicketTimelineEntryV1 {
    const observations = oneLine(step.observations);
    return lifecycle(ProcedureEvents.ReviewRejected.type, step, {
      es: `Revisión rechazada: ${observations}`,
      en: `Review rejected: ${observations}`,
    });
  },

  closed(step: TicketClosedV1): TicketTimelineEntryV1 {
    return lifecycle(ProcedureEvents.TicketClosed.type, step, { es: 'Cerrado', en: 'Closed' });
  },

  reopened(step: TicketReopenedV1): TicketTimelineEntryV1 {
    const reason = oneLine(step.reason);
    return lifecycle(ProcedureEvents.TicketReopened.type, step, {
      es: `Reabierto: ${reason}`,
      en: `Reopened: ${reason}`,
    });
  },

  waitingOnRequester(step: WaitingOnRequesterV1): TicketTimelineEntryV1 {
    const reason = step.reason ? `: ${oneLine(step.reason)}` : '';
    const summary = step.waiting
      ? { es: `En espera del solicitante${reason}`, en: `Waiting on the requester${reason}` }
      : { es: `Ya no espera al solicitante${reason}`, en: `No longer waiting on the requester${reason}` };
    return lifecycle(ProcedureEvents.WaitingOnRequester.type, step, summary);
  },

  /**
   * Three kinds of entry: a staff internal note (staff only, see timeline-audience.ts), a staff public
   * reply (mailed to the requester), and a comment of the requester or the referente.
   */
  commented(step: TicketCommentedV1): TicketTimelineEntryV1 {
    const text = oneLine(step.text);
    const name = step.by.name;
    const channel = channelWords(step.channel);
    const summary: Summary = step.internal
      ? { es: `Nota interna de ${name}: ${text}`, en: `Internal note by ${name}: ${text}` }
      : speaksForRequester(step.by)
        ? {
            es: `Comentario de ${name} ${channel.es}: ${text}`,
            en: `Comment by ${name} ${channel.en}: ${text}`,
          }
        : {
            es: `Respuesta de ${name} ${channel.es}: ${text}`,
            en: `Reply by ${name} ${channel.en}: ${text}`,
          };
    return lifecycle(ProcedureEvents.TicketCommented.type, step, summary);
  },

  /** The priority first (what the SLA follows), then the other fields that changed, then why. */
  reclassified(step: TicketReclassifiedV1): TicketTimelineEntryV1 {
    const changes = reclassification(step.previous, step.current);
    const reason = oneLine(step.reason);
    return lifecycle(ProcedureEvents.TicketReclassified.type, step, {
      es: `${changes.es}. Motivo: ${reason}`,
      en: `${changes.en}. Reason: ${reason}`,
    });
  },

  solutionAccepted(step: SolutionAcceptedV1): TicketTimelineEntryV1 {
    const name = step.by.name;
    const comment = step.comment ? `: ${oneLine(step.comment)}` : '';
    return lifecycle(ProcedureEvents.SolutionAccepted.type, step, {
      es: `${name} confirmó que la solución resolvió el problema${comment}`,
      en: `${name} confirmed the solution solved the problem${comment}`,
    });
  },

  linked(step: TicketLinkedV1): TicketTimelineEntryV1 {
    const other = step.related.number;
    return lifecycle(ProcedureEvents.TicketLinked.type, step, {
      es: `Relacionado con el ticket #${other}`,
      en: `Related to ticket #${other}`,
    });
  },

  unlinked(step: TicketLinkedV1): TicketTimelineEntryV1 {
    const other = step.related.number;
    return lifecycle(ProcedureEvents.TicketUnlinked.type, step, {
      es: `Ya no está relacionado con el ticket #${other}`,
      en: `No longer related to ticket #${other}`,
    });
  },

  /** The same event on both tickets' streams: the duplicate says where it went, the original what it received. */
  merged(step: TicketMergedV1): TicketTimelineEntryV1 {
    const reason = step.reason ? `: ${oneLine(step.reason)}` : '';
    const summary =
      step.number === step.duplicate.number
        ? {
            es: `Fusionado en el ticket #${step.original.number} por ${step.by.name}${reason}`,
            en: `Merged into ticket #${step.original.number} by ${step.by.name}${reason}`,
          }
        : {
            es: `El ticket #${step.duplicate.number} se fusionó en este por ${step.by.name}${reason}`,
            en: `Ticket #${step.duplicate.number} was merged into this one by ${step.by.name}${reason}`,
          };
    return lifecycle(ProcedureEvents.TicketMerged.type, step, summary);
  },

  slaBreached(breach: SlaBreachedV1): TicketTimelineEntryV1 {
    const target = SLA_TARGET[breach.target];
    return {
      at: breach.detectedAt,
      type: ProcedureEvents.SlaBreached.type,
      by: null,
      area: breach.area,
      summary: {
        es: `Con atraso: objetivo de ${target.es} vencido`,
        en: `Overdue: ${target.en} target missed`,
      },
      details: detailsOf(breach, 'area', 'detectedAt'),
    };
  },

  surveyAnswered(survey: SurveyAnsweredV1): TicketTimelineEntryV1 {
    const score = survey.score === undefined ? '' : ` (${survey.score})`;
    return {
      at: survey.at,
      type: ProcedureEvents.SurveyAnswered.type,
      // The survey names no account: it is the requester's answer, not a step someone took on the ticket.
      by: null,
      area: null,
      summary: {
        es: `Encuesta: ${survey.satisfaction}${score}`,
        en: `Survey: ${SATISFACTION_EN[survey.satisfaction]}${score}`,
      },
      details: detailsOf(survey, 'at'),
    };
  },
};

/** Requesters and referentes comment on their tickets; everyone else who comments is staff. */
function speaksForRequester(by: ByV1): boolean {
  return by.role === Role.Requester || by.role === Role.Referente;
}

/** Each reclassifiable field: its name, and its values in words (categories are the installation's codes). */
const CLASSIFICATION_FIELDS: Array<[keyof TicketClassificationV1, Summary, (value: string) => Summary]> = [
  ['type', { es: 'tipo', en: 'type' }, (value) => TYPE_WORDS[value as TicketType] ?? { es: value, en: value }],
  ['category', { es: 'categoría', en: 'category' }, (value) => ({ es: value, en: value })],
  ['impact', { es: 'impacto', en: 'impact' }, (value) => IMPACT_WORDS[value as Impact] ?? { es: value, en: value }],
  [
    'urgency',
    { es: 'urgencia', en: 'urgency' },
    (value) => URGENCY_WORDS[value as Urgency] ?? { es: value, en: value },
  ],
];

/** "Reclasificado: prioridad media → alta" (unchanged: "prioridad media, sin cambios"). */
export function reclassifiedPriority(previous: TicketClassificationV1, current: TicketClassificationV1): Summary {
  const before = PRIORITY_WORDS[previous.priority];
  const after = PRIORITY_WORDS[current.priority];
  return previous.priority === current.priority
    ? {
        es: `Reclasificado: prioridad ${after.es}, sin cambios`,
        en: `Reclassified: priority ${after.en}, unchanged`,
      }
    : {
        es: `Reclasificado: prioridad ${before.es} → ${after.es}`,
        en: `Reclassified: priority ${before.en} → ${after.en}`,
      };
}

/** The priority line and every other field that changed, from → to. */
function reclassification(previous: TicketClassificationV1, current: TicketClassificationV1): Summary {
  const changed = CLASSIFICATION_FIELDS.filter(([field]) => previous[field] !== current[field]);
  const list = (language: 'es' | 'en') =>
    changed
      .map(
        ([field, label, words]) =>
          `${label[language]} ${words(String(previous[field]))[language]} → ${words(String(current[field]))[language]}`,
      )
      .join(', ');
  const priority = reclassifiedPriority(previous, current);
  if (changed.length === 0) return priority;
  return { es: `${priority.es}; ${list('es')}`, en: `${priority.en}; ${list('en')}` };
}

/** A derivation leaves the ticket in the area it was derived to. */
function derived(type: string, derivation: TicketDerivedV1, summary: Summary): TicketTimelineEntryV1 {
  return step(type, derivation, derivation.to, summary);
}

function lifecycle<T extends LifecycleStep>(type: string, data: T, summary: Summary): TicketTimelineEntryV1 {
  return step(type, data, data.area, summary, 'area');
}

function step<T extends Step>(
  type: string,
  data: T,
  area: string,
  summary: Summary,
  ...lifted: Array<keyof T>
): TicketTimelineEntryV1 {
  return { at: data.at, type, by: actor(data.by), area, summary, details: detailsOf(data, 'by', 'at', ...lifted) };
}

/** Copies only the fields the contract promises, whatever else the payload object carries. */
function actor(by: ByV1): NonNullable<TicketTimelineEntryV1['by']> {
  return { accountId: by.accountId, name: by.name, role: by.role };
}

/** The payload without the ticket's identity, which the view has, nor the fields the entry lifted out. */
function detailsOf<T extends { ticketId: string; number: number }>(
  data: T,
  ...lifted: Array<keyof T>
): Record<string, unknown> {
  const details: Record<string, unknown> = { ...data };
  for (const key of ['ticketId', 'number', ...lifted]) delete details[key as string];
  return details;
}
