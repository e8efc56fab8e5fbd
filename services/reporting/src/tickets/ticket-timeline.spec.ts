import { randomUUID } from 'node:crypto';
import type { TicketClassificationV1, TicketRegisteredV1 } from '@cau/contracts';
import { oneLine, TimelineEntries } from './ticket-timeline.js';

const ticket = { ticketId: randomUUID(), number: 42 };
const operator = { accountId: randomUUID(), name: 'Olga Operadora', role: 'operator' };
const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };
const at = '2025-03-10T13:00:00.000Z';
const step = { ...ticket, by: agent, at, area: 'UIT', status: 'en_curso' as const };

describe('timeline entries', () => {
  it('records a registration with who registered it and by which channel', () => {
    const registration: TicketRegisteredV1 = {
      ...ticket,
      registeredAt: '2025-03-10T12:00:00.000Z',
      channel: 'telefono',
      requesterId: randomUUID(),
      requester: { email: 'ana@salud.gob', name: 'Ana' },
      registeredBy: operator,
      jurisdiction: 'SALUD',
      title: 'Sin correo',
      description: 'No llega el correo',
      type: 'incidente',
      category: 'correo',
      impact: 'medio',
      urgency: 'alta',
      attachments: [],
    };
    expect(TimelineEntries.registered(registration)).toEqual({
      at: '2025-03-10T12:00:00.000Z',
      type: 'ticket.registered',
      by: operator,
      area: null,
      summary: {
        es: 'Registrado por Olga Operadora (canal: Teléfono)',
        en: 'Registered by Olga Operadora (channel: Phone)',
      },
      details: {
        channel: 'telefono',
        type: 'incidente',
        category: 'correo',
        impact: 'medio',
        urgency: 'alta',
        jurisdiction: 'SALUD',
      },
    });
  });

  it('records routing as a system step with the area and priority', () => {
    expect(TimelineEntries.routed({ ...ticket, priority: 'ALTA', area: 'L1', routedAt: at })).toEqual({
      at,
      type: 'ticket.routed',
      by: null,
      area: 'L1',
      summary: { es: 'Asignado a L1, prioridad alta', en: 'Assigned to L1, priority high' },
      details: { priority: 'ALTA' },
    });
  });

  it('records a derivation in the area it leads to, keeping from, kind and reason in the details', () => {
    const derivation = {
      ...ticket,
      by: operator,
      at,
      derivationId: randomUUID(),
      from: 'L1',
      to: 'UIT',
      kind: 'escalate' as const,
      reason: 'El servidor de correo no responde',
    };
    expect(TimelineEntries.escalated(derivation)).toEqual({
      at,
      type: 'ticket.escalated',
      by: operator,
      area: 'UIT',
      summary: {
        es: 'Derivado de L1 a UIT: El servidor de correo no responde',
        en: 'Derived from L1 to UIT: El servidor de correo no responde',
      },
      details: {
        derivationId: derivation.derivationId,
        from: 'L1',
        to: 'UIT',
        kind: 'escalate',
        reason: 'El servidor de correo no responde',
      },
    });
    const back = { ...derivation, from: 'UIT', to: 'L1', kind: 'return' as const, reason: 'Servicio restablecido' };
    expect(TimelineEntries.solutionReturned(back)).toMatchObject({
      type: 'ticket.solution-returned',
      area: 'L1',
      summary: {
        es: 'Solución devuelta de UIT a L1: Servicio restablecido',
        en: 'Solution returned from UIT to L1: Servicio restablecido',
      },
    });
  });

  it('says "taken by" when someone takes the ticket, and who assigned it otherwise', () => {
    expect(TimelineEntries.taken({ ...step, assignee: agent })).toEqual({
      at,
      type: 'ticket.taken',
      by: agent,
      area: 'UIT',
      summary: { es: 'Tomado por Andrés Agente', en: 'Taken by Andrés Agente' },
      details: { status: 'en_curso', assignee: agent },
    });
    expect(TimelineEntries.taken({ ...step, by: operator, assignee: agent }).summary).toEqual({
      es: 'Asignado a Andrés Agente por Olga Operadora',
      en: 'Assigned to Andrés Agente by Olga Operadora',
    });
  });

  it.each([
    [
      'an estimate',
      () => TimelineEntries.estimated({ ...step, minutes: 90 }),
      { es: 'Estimación: 90 min', en: 'Estimate: 90 min' },
    ],
    [
      'an estimate with a note',
      () => TimelineEntries.estimated({ ...step, minutes: 90, note: 'Depende del proveedor' }),
      { es: 'Estimación: 90 min — Depende del proveedor', en: 'Estimate: 90 min — Depende del proveedor' },
    ],
    [
      'logged work',
      () => TimelineEntries.workLogged({ ...step, minutes: 30, description: 'Reinicio del servicio SMTP' }),
      {
        es: 'Trabajo registrado: 30 min — Reinicio del servicio SMTP',
        en: 'Work logged: 30 min — Reinicio del servicio SMTP',
      },
    ],
    [
      'a solution',
      () => TimelineEntries.solutionProposed({ ...step, solution: 'Se reinició el servicio' }),
      { es: 'Solución registrada', en: 'Solution registered' },
    ],
    [
      'a submission for review',
      () =>
        TimelineEntries.resolved({ ...step, status: 'resuelto', verifiedWithRequester: true, solution: 'Reinicio' }),
      { es: 'Enviado a revisión del supervisor', en: "Sent for the supervisor's review" },
    ],
    [
      'a rejected review',
      () => TimelineEntries.reviewRejected({ ...step, observations: 'Falta verificar con el usuario' }),
      {
        es: 'Revisión rechazada: Falta verificar con el usuario',
        en: 'Review rejected: Falta verificar con el usuario',
      },
    ],
    [
      'a closure',
      () =>
        TimelineEntries.closed({
          ...step,
          status: 'cerrado',
          resolutionBusinessMinutes: 120,
          resolutionCalendarMinutes: 180,
        }),
      { es: 'Cerrado', en: 'Closed' },
    ],
    [
      'a reopening',
      () => TimelineEntries.reopened({ ...step, reason: 'El problema volvió' }),
      { es: 'Reabierto: El problema volvió', en: 'Reopened: El problema volvió' },
    ],
    [
      'waiting on the requester',
      () => TimelineEntries.waitingOnRequester({ ...step, waiting: true, reason: 'Falta la captura' }),
      { es: 'En espera del solicitante: Falta la captura', en: 'Waiting on the requester: Falta la captura' },
    ],
    [
      'no longer waiting',
      () => TimelineEntries.waitingOnRequester({ ...step, waiting: false }),
      { es: 'Ya no espera al solicitante', en: 'No longer waiting on the requester' },
    ],
  ])('summarises %s', (_what, entry, summary) => {
    expect(entry().summary).toEqual(summary);
  });

  it('keeps a lifecycle step in its area, its status and own fields in the details', () => {
    expect(TimelineEntries.workLogged({ ...step, minutes: 30, description: 'Diagnóstico' })).toEqual({
      at,
      type: 'ticket.work-logged',
      by: agent,
      area: 'UIT',
      summary: expect.any(Object),
      details: { status: 'en_curso', minutes: 30, description: 'Diagnóstico' },
    });
  });

  it.each([
    ['response', 'Con atraso: objetivo de respuesta vencido', 'Overdue: response target missed'],
    ['resolution', 'Con atraso: objetivo de resolución vencido', 'Overdue: resolution target missed'],
  ] as const)('records a missed %s target as a system step when it was detected', (target, es, en) => {
    const breach = { ...ticket, area: 'UIT', target, dueAt: '2025-03-10T12:30:00.000Z', detectedAt: at };
    expect(TimelineEntries.slaBreached(breach)).toEqual({
      at,
      type: 'ticket.sla-breached',
      by: null,
      area: 'UIT',
      summary: { es, en },
      details: { target, dueAt: '2025-03-10T12:30:00.000Z' },
    });
  });

  it('records the survey answer, with the score when there is one', () => {
    const survey = { ...ticket, satisfaction: 'satisfecho' as const, score: 5, comment: 'Muy rápido', at };
    expect(TimelineEntries.surveyAnswered(survey)).toEqual({
      at,
      type: 'survey.answered',
      by: null,
      area: null,
      summary: { es: 'Encuesta: satisfecho (5)', en: 'Survey: satisfied (5)' },
      details: { satisfaction: 'satisfecho', score: 5, comment: 'Muy rápido' },
    });
    expect(TimelineEntries.surveyAnswered({ ...ticket, satisfaction: 'regular', at }).summary).toEqual({
      es: 'Encuesta: regular',
      en: 'Survey: fair',
    });
  });
});

describe('comment entries', () => {
  it('says who commented, through which channel, and keeps the whole text in the details', () => {
    const requester = { accountId: randomUUID(), name: 'Ana Pérez', role: 'requester' };
    const text = 'Sigue sin imprimir.\n\nGracias';
    const entry = TimelineEntries.commented({
      ...step,
      by: requester,
      status: 'resuelto',
      commentId: randomUUID(),
      text,
      channel: 'email',
      reopens: true,
    });
    expect(entry.type).toBe('ticket.commented');
    expect(entry.by).toEqual(requester);
    expect(entry.summary).toEqual({
      es: 'Comentario de Ana Pérez (canal: Correo electrónico): Sigue sin imprimir. Gracias',
      en: 'Comment by Ana Pérez (channel: E-mail): Sigue sin imprimir. Gracias',
    });
    expect(entry.details).toMatchObject({ text, channel: 'email', reopens: true, status: 'resuelto' });
  });
});

describe('comment entries: internal notes, staff replies and requesters’ comments', () => {
  const comment = (by: { accountId: string; name: string; role: string }, internal?: boolean) =>
    TimelineEntries.commented({
      ...step,
      by,
      commentId: randomUUID(),
      text: 'Revisar el relay\nmañana',
      channel: 'portal',
      reopens: false,
      ...(internal === undefined ? {} : { internal }),
    });
  const agent = { accountId: randomUUID(), name: 'Andrés Agente', role: 'agent' };

  it('calls a staff internal note "Nota interna" and keeps the flag in the details', () => {
    const entry = comment(agent, true);
    expect(entry.summary).toEqual({
      es: 'Nota interna de Andrés Agente: Revisar el relay mañana',
      en: 'Internal note by Andrés Agente: Revisar el relay mañana',
    });
    expect(entry.details).toMatchObject({ internal: true });
  });

  it('calls a staff public comment "Respuesta", flagged or not', () => {
    for (const internal of [false, undefined]) {
      expect(comment(agent, internal).summary).toEqual({
        es: 'Respuesta de Andrés Agente (canal: Portal): Revisar el relay mañana',
        en: 'Reply by Andrés Agente (channel: Portal): Revisar el relay mañana',
      });
    }
  });

  it('keeps calling the requester’s and the referente’s "Comentario"', () => {
    for (const role of ['requester', 'referente']) {
      expect(comment({ ...agent, name: 'Ana Pérez', role }).summary.es).toBe(
        'Comentario de Ana Pérez (canal: Portal): Revisar el relay mañana',
      );
    }
  });
});

describe('reclassification entries', () => {
  const previous: TicketClassificationV1 = {
    type: 'incidente',
    category: 'correo',
    impact: 'medio',
    urgency: 'media',
    priority: 'MEDIA',
  };
  const reclassified = (current: TicketClassificationV1) =>
    TimelineEntries.reclassified({
      ...ticket,
      by: { accountId: randomUUID(), name: 'Agente ACGII', role: 'agent' },
      at,
      area: 'ACGII',
      previous,
      current,
      reason: 'Es un incidente de seguridad:\ncredenciales expuestas',
    });

  it('gives the priority change, the other fields changed and the reason; the details keep both classifications', () => {
    const current = {
      ...previous,
      type: 'incidente_seguridad' as const,
      impact: 'alto' as const,
      priority: 'ALTA' as const,
    };
    const entry = reclassified(current);
    expect(entry).toMatchObject({ type: 'ticket.reclassified', area: 'ACGII', at });
    expect(entry.summary).toEqual({
      es: 'Reclasificado: prioridad media → alta; tipo incidente → incidente de seguridad, impacto medio → alto. Motivo: Es un incidente de seguridad: credenciales expuestas',
      en: 'Reclassified: priority medium → high; type incident → security incident, impact medium → high. Reason: Es un incidente de seguridad: credenciales expuestas',
    });
    expect(entry.details).toEqual({
      previous,
      current,
      reason: 'Es un incidente de seguridad:\ncredenciales expuestas',
    });
  });

  it('says when the priority stayed the same', () => {
    expect(reclassified({ ...previous, category: 'correo-institucional' }).summary.es).toBe(
      'Reclasificado: prioridad media, sin cambios; categoría correo → correo-institucional. Motivo: Es un incidente de seguridad: credenciales expuestas',
    );
  });
});

describe('oneLine', () => {
  it('joins lines and collapses spaces', () => {
    expect(oneLine('  No responde\n\ndesde   las 9\t')).toBe('No responde desde las 9');
  });

  it('cuts long text to 200 characters, marking the cut', () => {
    const line = oneLine('a'.repeat(500));
    expect(line).toHaveLength(200);
    expect(line.endsWith('…')).toBe(true);
    expect(oneLine('a'.repeat(200))).toBe('a'.repeat(200));
  });

  it('keeps the whole text in the details', () => {
    const reason = 'b'.repeat(500);
    const entry = TimelineEntries.reopened({ ...step, reason });
    expect(entry.details.reason).toBe(reason);
    expect(entry.summary.es.length).toBeLessThan(220);
  });
});
