import {
  renderRequesterCommentedMail,
  renderReviewRejectedMail,
  renderReviewRequestedMail,
  renderSlaBreachedMail,
  renderTicketAssignedMail,
  renderTicketDerivedMail,
} from './staff-mails.template.js';

const ticket = {
  number: 1234,
  title: 'El correo no responde',
  jurisdiction: 'SALUD',
  requesterName: 'María Pérez',
  portalUrl: 'https://cau.example.gob',
};
const spanish = { language: 'es', timeZone: 'America/Argentina/Buenos_Aires' } as const;
const english = { language: 'en', timeZone: 'UTC' } as const;

describe('ticket derived mail (area mailbox)', () => {
  const data = {
    ...ticket,
    returned: false,
    from: 'L1',
    to: 'UIT',
    byName: 'Olga Operadora',
    reason: 'Caída del servicio',
  };

  it('tells the area who derived the ticket, from where and why, in Spanish', () => {
    const mail = renderTicketDerivedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Ticket derivado a UIT: El correo no responde');
    expect(mail.text).toContain('Equipo UIT:');
    expect(mail.text).toContain('Olga Operadora derivó este ticket de L1 a UIT.');
    expect(mail.text).toContain('Jurisdicción: SALUD');
    expect(mail.text).toContain('Solicitante: María Pérez');
    expect(mail.text).toContain('Motivo:\nCaída del servicio');
    expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
  });

  it('words a returned solution differently', () => {
    const mail = renderTicketDerivedMail({ ...data, returned: true, from: 'UIT', to: 'L1' }, spanish);
    expect(mail.subject).toBe('[CAU #1234] Solución devuelta a L1: El correo no responde');
    expect(mail.text).toContain('Olga Operadora devolvió la solución de UIT a L1.');
  });

  it('has an English variant', () => {
    const mail = renderTicketDerivedMail(data, english);
    expect(mail.subject).toBe('[CAU #1234] Ticket derived to UIT: El correo no responde');
    expect(mail.text).toContain('UIT team:');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes user text', () => {
    const mail = renderTicketDerivedMail({ ...data, reason: '<img src=x onerror=alert(1)>', byName: '<b>' }, spanish);
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('review requested mail (supervisors)', () => {
  const data = {
    ...ticket,
    area: 'L1',
    byName: 'Olga Operadora',
    solution: 'Se reinició el servidor',
    verifiedWithRequester: true,
  };

  it('gives the solution to review in Spanish', () => {
    const mail = renderReviewRequestedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Solución para revisar: El correo no responde');
    expect(mail.text).toContain('Olga Operadora (L1) presentó una solución para su revisión.');
    expect(mail.text).toContain('Verificada con el solicitante: Sí');
    expect(mail.text).toContain('Solución:\nSe reinició el servidor');
  });

  it('has an English variant', () => {
    const mail = renderReviewRequestedMail({ ...data, verifiedWithRequester: false }, english);
    expect(mail.subject).toBe('[CAU #1234] Solution to review: El correo no responde');
    expect(mail.text).toContain('Verified with the requester: No');
  });

  it('escapes the solution', () => {
    const mail = renderReviewRequestedMail({ ...data, solution: '<script>x</script>' }, spanish);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;x&lt;/script&gt;');
  });
});

describe('review rejected mail (operators)', () => {
  const data = { ...ticket, area: 'L1', byName: 'Susana Supervisora', observations: 'Falta verificar con el usuario' };

  it('gives the supervisor observations in Spanish', () => {
    const mail = renderReviewRejectedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Solución devuelta por la supervisión: El correo no responde');
    expect(mail.text).toContain('Equipo L1:');
    expect(mail.text).toContain('Susana Supervisora revisó la solución y la devolvió con observaciones.');
    expect(mail.text).toContain('Observaciones:\nFalta verificar con el usuario');
  });

  it('has an English variant', () => {
    const mail = renderReviewRejectedMail(data, english);
    expect(mail.subject).toBe('[CAU #1234] Solution returned by the supervisor: El correo no responde');
    expect(mail.text).toContain('Observations:\nFalta verificar');
  });

  it('escapes the observations', () => {
    const mail = renderReviewRejectedMail({ ...data, observations: 'a < b & "c"' }, spanish);
    expect(mail.html).toContain('a &lt; b &amp; &quot;c&quot;');
  });
});

describe('SLA breached mail (supervisors)', () => {
  const data = { ...ticket, area: 'UIT', target: 'resolution', dueAt: '2025-11-22T14:02:30.000Z' } as const;

  it('names the target missed and when it was due, in the configured zone, in Spanish', () => {
    const mail = renderSlaBreachedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Venció el plazo de resolución: El correo no responde');
    expect(mail.text).toContain('superó su plazo de resolución y figura con atraso');
    expect(mail.text).toContain('Área: UIT');
    expect(mail.text).toContain('Vencía: 22 de noviembre de 2025 a las 11:02 GMT-3');
    expect(renderSlaBreachedMail({ ...data, target: 'response' }, spanish).subject).toBe(
      '[CAU #1234] Venció el plazo de respuesta: El correo no responde',
    );
  });

  it('has an English variant', () => {
    const mail = renderSlaBreachedMail({ ...data, target: 'response' }, english);
    expect(mail.subject).toBe('[CAU #1234] Response deadline missed: El correo no responde');
    expect(mail.text).toContain('Was due: November 22, 2025 at 14:02 UTC');
  });

  it('escapes user text', () => {
    const mail = renderSlaBreachedMail({ ...data, title: '<script>' }, spanish);
    expect(mail.html).not.toContain('<script>');
    expect(mail.subject).toBe('[CAU #1234] Venció el plazo de resolución: <script>');
  });
});

describe('requester commented mail (area mailbox)', () => {
  const data = {
    ...ticket,
    area: 'L1',
    channel: 'email',
    text: 'Sigue sin funcionar.\nProbé dos veces.',
    reopens: false,
  };

  it('gives the area the requester’s words, in Spanish', () => {
    const mail = renderRequesterCommentedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Respuesta del solicitante: El correo no responde');
    expect(mail.text).toContain('Equipo L1:');
    expect(mail.text).toContain('María Pérez escribió en el ticket (canal email).');
    expect(mail.text).toContain('Comentario:\nSigue sin funcionar.\nProbé dos veces.');
    expect(mail.text).not.toContain('reabrió');
  });

  it('says when the comment reopened the ticket, in English too', () => {
    expect(renderRequesterCommentedMail({ ...data, reopens: true }, spanish).text).toContain(
      'El ticket estaba resuelto y se reabrió',
    );
    const mail = renderRequesterCommentedMail({ ...data, reopens: true }, english);
    expect(mail.subject).toBe('[CAU #1234] The requester answered: El correo no responde');
    expect(mail.text).toContain('The ticket was resolved and has been reopened');
  });
});

describe('ticket assigned mail (assignee)', () => {
  const data = { ...ticket, area: 'UIT', assigneeName: 'Úrsula UIT', byName: 'Susana Supervisora' };

  it('tells the assignee who gave them the ticket, with the link, in Spanish', () => {
    const mail = renderTicketAssignedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Le asignaron un ticket: El correo no responde');
    expect(mail.text).toContain('Hola, Úrsula UIT:');
    expect(mail.text).toContain('Susana Supervisora le asignó este ticket de UIT: ahora lo atiende usted.');
    expect(mail.text).toContain('Área: UIT');
    expect(mail.text).toContain('Solicitante: María Pérez');
    expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
  });

  it('has an English variant, and escapes names', () => {
    const mail = renderTicketAssignedMail({ ...data, byName: '<b>Sara</b>' }, english);
    expect(mail.subject).toBe('[CAU #1234] A ticket was assigned to you: El correo no responde');
    expect(mail.text).toContain('<b>Sara</b> assigned you this UIT ticket: you are now handling it.');
    expect(mail.html).not.toContain('<b>Sara');
  });
});
