import { randomUUID } from 'node:crypto';
import { Events, ProcedureEvents, Role, type ActorV1, type TicketTimelineEntryV1 } from '@cau/contracts';
import { TimelineEntries } from './ticket-timeline.js';
import { PUBLIC_STEPS, timelineAudienceOf, timelineEntryFor, timelineFor } from './timeline-audience.js';

const ticket = { ticketId: randomUUID(), number: 42 };
const operator = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator', email: 'olga@cau.gob' };
const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent', email: 'andres@cau.gob' };
const supervisor = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor', email: 'sara@cau.gob' };
const requester = { accountId: randomUUID(), name: 'Ana Pérez', role: 'requester', email: 'ana@salud.gob' };
const at = '2025-03-10T13:00:00.000Z';
const step = { ...ticket, by: agent, at, area: 'UIT', status: 'en_curso' as const };

/** One recorded step of every event type the timeline shows, as reporting stores it. */
const ENTRIES: Record<string, TicketTimelineEntryV1> = {
  'ticket.registered': TimelineEntries.registered({
    ...ticket,
    registeredAt: at,
    channel: 'telefono',
    requesterId: randomUUID(),
    requester: { email: 'ana@salud.gob', name: 'Ana Pérez' },
    registeredBy: operator,
    jurisdiction: 'SALUD',
    title: 'Sin correo',
    description: 'No llega el correo',
    type: 'incidente',
    category: 'correo',
    impact: 'medio',
    urgency: 'alta',
    attachments: [],
  }),
  'ticket.routed': TimelineEntries.routed({ ...ticket, priority: 'ALTA', area: 'L1', routedAt: at }),
  'ticket.escalated': TimelineEntries.escalated({
    ...ticket,
    by: operator,
    at,
    derivationId: randomUUID(),
    from: 'L1',
    to: 'UIT',
    kind: 'escalate',
    reason: 'Revisar el relay interno 10.0.0.7',
  }),
  'ticket.solution-returned': TimelineEntries.solutionReturned({
    ...ticket,
    by: agent,
    at,
    derivationId: randomUUID(),
    from: 'UIT',
    to: 'L1',
    kind: 'return',
    reason: 'Reinicié el relay; contraseña en el gestor',
  }),
  'ticket.taken': TimelineEntries.taken({ ...step, assignee: agent }),
  'ticket.estimated': TimelineEntries.estimated({ ...step, minutes: 90, note: 'depende del proveedor X' }),
  'ticket.work-logged': TimelineEntries.workLogged({ ...step, minutes: 30, description: 'Revisé logs del relay' }),
  'ticket.solution-proposed': TimelineEntries.solutionProposed({
    ...step,
    solution: 'Se reinició el servicio de correo',
    elements: 'relay-01',
    downtimeMinutes: 45,
  }),
  'ticket.resolved': TimelineEntries.resolved({
    ...step,
    by: operator,
    area: 'L1',
    status: 'resuelto',
    verifiedWithRequester: true,
    articleRef: 'KB-12',
    note: 'Supervisora: revisar rápido, cliente molesto',
    solution: 'Se reinició el servicio de correo',
  }),
  'ticket.review-rejected': TimelineEntries.reviewRejected({
    ...step,
    by: supervisor,
    area: 'L1',
    observations: 'Falta documentar la causa raíz',
  }),
  'ticket.closed': TimelineEntries.closed({
    ...step,
    by: supervisor,
    area: 'L1',
    status: 'cerrado',
    resolutionBusinessMinutes: 120,
    resolutionCalendarMinutes: 130,
  }),
  'ticket.reopened': TimelineEntries.reopened({ ...step, by: requester, area: 'L1', reason: 'Sigue sin llegar' }),
  'ticket.waiting-on-requester': TimelineEntries.waitingOnRequester({
    ...step,
    waiting: true,
    reason: 'Necesitamos el número de interno',
  }),
  'ticket.commented': TimelineEntries.commented({
    ...step,
    by: requester,
    commentId: randomUUID(),
    text: 'Ya probé reiniciar',
    channel: 'portal',
    reopens: false,
  }),
  'ticket.reclassified': TimelineEntries.reclassified({
    ...ticket,
    by: agent,
    at,
    area: 'ACGII',
    previous: { type: 'incidente', category: 'correo', impact: 'medio', urgency: 'media', priority: 'MEDIA' },
    current: { type: 'incidente_seguridad', category: 'correo', impact: 'alto', urgency: 'media', priority: 'ALTA' },
    reason: 'Phishing dirigido: credenciales expuestas en el relay',
  }),
  'ticket.sla-breached': TimelineEntries.slaBreached({
    ...ticket,
    area: 'UIT',
    target: 'resolution',
    dueAt: at,
    detectedAt: at,
  }),
  'survey.answered': TimelineEntries.surveyAnswered({
    ...ticket,
    satisfaction: 'satisfecho',
    score: 5,
    comment: 'Muy bien',
    at,
  }),
  'ticket.solution-accepted': TimelineEntries.solutionAccepted({
    ...step,
    by: requester,
    area: 'L1',
    status: 'resuelto',
    comment: 'Funciona',
  }),
  'ticket.linked': TimelineEntries.linked({ ...step, related: { ticketId: randomUUID(), number: 40 } }),
  'ticket.unlinked': TimelineEntries.unlinked({ ...step, related: { ticketId: randomUUID(), number: 40 } }),
  'ticket.merged': TimelineEntries.merged({
    ...step,
    status: 'fusionado',
    duplicate: { ticketId: ticket.ticketId, number: 42 },
    original: { ticketId: randomUUID(), number: 40 },
    reason: 'El cliente molesto ya lo reportó',
    duplicateRequester: { email: 'luis@cau.gob', name: 'Luis Gómez' },
  }),
};

/** What requesters and referentes see of each step: its details, and the summary when it is rewritten. */
const PUBLIC: Record<string, { details: Record<string, unknown>; summary?: { es: string; en: string } } | null> = {
  'ticket.registered': {
    details: { channel: 'telefono', type: 'incidente', category: 'correo', jurisdiction: 'SALUD' },
  },
  'ticket.routed': { details: { priority: 'ALTA' } },
  'ticket.escalated': {
    details: { from: 'L1', to: 'UIT' },
    summary: { es: 'Derivado de L1 a UIT', en: 'Derived from L1 to UIT' },
  },
  'ticket.solution-returned': {
    details: { from: 'UIT', to: 'L1' },
    summary: { es: 'Solución devuelta de UIT a L1', en: 'Solution returned from UIT to L1' },
  },
  'ticket.taken': { details: { status: 'en_curso', assignee: { name: 'Andrés Agente' } } },
  'ticket.estimated': {
    details: { status: 'en_curso', minutes: 90 },
    summary: { es: 'Estimación: 90 min', en: 'Estimate: 90 min' },
  },
  'ticket.work-logged': null,
  'ticket.solution-proposed': { details: { status: 'en_curso', solution: 'Se reinició el servicio de correo' } },
  'ticket.resolved': {
    details: { status: 'resuelto', solution: 'Se reinició el servicio de correo' },
    summary: { es: 'Solución propuesta: ticket resuelto', en: 'Solution proposed: ticket resolved' },
  },
  'ticket.review-rejected': {
    details: { status: 'en_curso' },
    summary: { es: 'El ticket vuelve a estar en curso', en: 'The ticket is in progress again' },
  },
  'ticket.closed': { details: { status: 'cerrado' } },
  'ticket.reopened': { details: { status: 'en_curso', reason: 'Sigue sin llegar' } },
  'ticket.waiting-on-requester': {
    details: { status: 'en_curso', waiting: true, reason: 'Necesitamos el número de interno' },
  },
  'ticket.commented': {
    details: {
      status: 'en_curso',
      commentId: expect.any(String),
      text: 'Ya probé reiniciar',
      channel: 'portal',
      reopens: false,
    },
  },
  'ticket.reclassified': {
    details: { previous: { priority: 'MEDIA' }, current: { priority: 'ALTA' } },
    summary: { es: 'Reclasificado: prioridad media → alta', en: 'Reclassified: priority medium → high' },
  },
  'ticket.sla-breached': { details: { target: 'resolution' } },
  'survey.answered': { details: { satisfaction: 'satisfecho', score: 5, comment: 'Muy bien' } },
  'ticket.solution-accepted': {
    details: { status: 'resuelto', comment: 'Funciona' },
    summary: {
      es: 'Ana Pérez confirmó que la solución resolvió el problema: Funciona',
      en: 'Ana Pérez confirmed the solution solved the problem: Funciona',
    },
  },
  'ticket.linked': null,
  'ticket.unlinked': null,
  'ticket.merged': {
    details: { status: 'fusionado', duplicate: { number: 42 }, original: { number: 40 } },
    summary: {
      es: 'Fusionado en el ticket #40, donde continúa la atención',
      en: 'Merged into ticket #40, where the work goes on',
    },
  },
};

/** Text only staff may read, from the payloads above. */
const INTERNAL = [
  '@cau.gob',
  '10.0.0.7',
  'contraseña',
  'proveedor X',
  'Revisé logs',
  'relay-01',
  'KB-12',
  'cliente molesto',
  'causa raíz',
  'Phishing',
  'incidente_seguridad',
];

const TIMELINE_TYPES = [...Object.values(Events), ...Object.values(ProcedureEvents)].map((event) => event.type);
const actor = (role: ActorV1['role']): ActorV1 => ({ accountId: randomUUID(), role, email: 'x@y.gob', name: 'X' });

describe('timeline audiences', () => {
  it('has an entry and a decided public rule for every ticket event type', () => {
    expect(Object.keys(ENTRIES).sort()).toEqual([...TIMELINE_TYPES].sort());
    expect(Object.keys(PUBLIC).sort()).toEqual([...TIMELINE_TYPES].sort());
    expect(Object.keys(PUBLIC_STEPS).sort()).toEqual([...TIMELINE_TYPES].sort());
  });

  it('counts requesters and referentes as the requester audience, every other role as staff', () => {
    expect(timelineAudienceOf(actor(Role.Requester))).toBe('requester');
    expect(timelineAudienceOf(actor(Role.Referente))).toBe('requester');
    for (const role of [Role.Operator, Role.Agent, Role.Supervisor, Role.Admin]) {
      expect(timelineAudienceOf(actor(role))).toBe('staff');
    }
  });

  describe.each(Object.keys(ENTRIES))('%s', (type) => {
    const entry = ENTRIES[type]!;

    it('is shown to staff exactly as recorded', () => {
      expect(timelineEntryFor('staff', entry)).toBe(entry);
    });

    it('is shown to requesters without internal details', () => {
      const expected = PUBLIC[type];
      const seen = timelineEntryFor('requester', entry);
      if (expected === undefined) throw new Error(`no public form declared for ${type}`);
      if (expected === null) {
        expect(seen).toBeNull();
        return;
      }
      expect(seen).toEqual({
        at: entry.at,
        type: entry.type,
        by: entry.by,
        area: entry.area,
        summary: expected.summary ?? entry.summary,
        details: expected.details,
      });
      const shown = JSON.stringify(seen);
      for (const secret of INTERNAL) expect(shown).not.toContain(secret);
    });
  });

  it('hides steps of event types it has no rule for from requesters, never from staff', () => {
    const future = { ...ENTRIES['ticket.closed']!, type: 'ticket.something-new' };
    expect(timelineFor('requester', [future, ENTRIES['ticket.closed']!])).toHaveLength(1);
    expect(timelineFor('staff', [future])).toEqual([future]);
  });

  it('keeps the order of the steps it shows', () => {
    const all = Object.values(ENTRIES);
    const shown = timelineFor('requester', all).map((entry) => entry.type);
    const hidden = ['ticket.work-logged', 'ticket.linked', 'ticket.unlinked'];
    expect(shown).toEqual(all.map((entry) => entry.type).filter((t) => !hidden.includes(t)));
  });

  describe('comments', () => {
    const comment = (by: typeof agent, text: string, internal?: boolean) =>
      TimelineEntries.commented({
        ...step,
        by,
        commentId: randomUUID(),
        text,
        channel: 'portal',
        reopens: false,
        ...(internal === undefined ? {} : { internal }),
      });
    const note = comment(agent, 'El usuario ya llamó tres veces', true);
    const reply = comment(agent, 'Estamos reiniciando el servidor', false);
    const question = comment(requester, '¿Hay novedades?');

    it('never shows an internal note to requesters or referentes; staff see it as recorded', () => {
      expect(timelineEntryFor('requester', note)).toBeNull();
      expect(timelineEntryFor('staff', note)).toBe(note);
      for (const role of [Role.Requester, Role.Referente]) {
        const shown = timelineFor(timelineAudienceOf(actor(role)), [note, reply, question]);
        expect(shown.map((entry) => entry.details.text)).toEqual([reply.details.text, question.details.text]);
        expect(JSON.stringify(shown)).not.toContain('tres veces');
      }
    });

    it('shows staff replies and requesters’ comments to requesters, without the internal flag', () => {
      expect(timelineEntryFor('requester', reply)).toEqual({
        ...reply,
        details: {
          status: 'en_curso',
          commentId: reply.details.commentId,
          text: 'Estamos reiniciando el servidor',
          channel: 'portal',
          reopens: false,
        },
      });
      expect(timelineEntryFor('requester', question)?.summary).toEqual(question.summary);
    });
  });
});
