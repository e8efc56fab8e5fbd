import {
  renderTicketClosedMail,
  renderTicketReopenedMail,
  renderTicketResolvedMail,
  renderStaffRepliedMail,
  surveyUrl,
} from './requester-mails.template.js';

const ticket = {
  requesterName: 'María Pérez',
  number: 1234,
  title: 'La impresora no imprime',
  portalUrl: 'https://cau.example.gob',
};
const spanish = { language: 'es', timeZone: 'UTC' } as const;
const english = { language: 'en', timeZone: 'UTC' } as const;
const hostile = { requesterName: '<script>alert(1)</script>', title: 'a & b "c" <img src=x>' };

describe('ticket resolved mail (requester)', () => {
  const data = { ...ticket, solution: 'Se reinstaló el controlador.\nReinicie el equipo.' };

  it('asks the requester to verify the solution, which it shows as written, in Spanish', () => {
    const mail = renderTicketResolvedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Verifique la solución de su solicitud: La impresora no imprime');
    expect(mail.text).toContain('Hola, María Pérez:');
    expect(mail.text).toContain('Por favor, verifique que funciona.');
    expect(mail.text).toContain('Solución:\nSe reinstaló el controlador.\nReinicie el equipo.');
    expect(mail.text).toContain('Si el problema persiste, responda a este correo conservando [CAU #1234]');
    expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
    expect(mail.html).toContain('<html lang="es">');
  });

  it('has an English variant with the same tag', () => {
    const mail = renderTicketResolvedMail(data, english);
    expect(mail.subject).toBe('[CAU #1234] Please check the solution to your request: La impresora no imprime');
    expect(mail.text).toContain('Please check that it works.');
    expect(mail.text).toContain('Solution:\nSe reinstaló');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes user text, the solution included, in the HTML part', () => {
    const mail = renderTicketResolvedMail({ ...data, ...hostile, solution: '</div><b>x</b>' }, spanish);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>x</b>');
    expect(mail.html).toContain('&lt;/div&gt;&lt;b&gt;x&lt;/b&gt;');
    expect(mail.html).toContain('a &amp; b &quot;c&quot; &lt;img src=x&gt;');
    expect(mail.text).toContain('Título: a & b "c" <img src=x>');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const mail = renderTicketResolvedMail({ ...data, title: 'uno\r\nBcc: otro@example.gob' }, spanish);
    expect(mail.subject).toBe('[CAU #1234] Verifique la solución de su solicitud: uno Bcc: otro@example.gob');
  });
});

describe('ticket closed mail (requester)', () => {
  it('gives the survey link in Spanish', () => {
    const mail = renderTicketClosedMail(ticket, spanish);
    expect(mail.subject).toBe('[CAU #1234] Cerramos su solicitud: La impresora no imprime');
    expect(mail.text).toContain(
      'Responda la encuesta de satisfacción en:\nhttps://cau.example.gob/tickets/1234/encuesta',
    );
    expect(mail.html).toContain('<a href="https://cau.example.gob/tickets/1234/encuesta">');
    expect(surveyUrl('https://x.gob', 7)).toBe('https://x.gob/tickets/7/encuesta');
  });

  it('has an English variant', () => {
    const mail = renderTicketClosedMail(ticket, english);
    expect(mail.subject).toBe('[CAU #1234] Your request is closed: La impresora no imprime');
    expect(mail.text).toContain('Please answer the satisfaction survey at:');
  });

  it('escapes user text', () => {
    const mail = renderTicketClosedMail({ ...ticket, ...hostile }, spanish);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('ticket reopened mail (requester)', () => {
  const data = { ...ticket, reason: 'Sigue sin imprimir' };

  it('gives the reason in Spanish', () => {
    const mail = renderTicketReopenedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Reabrimos su solicitud: La impresora no imprime');
    expect(mail.text).toContain('Motivo:\nSigue sin imprimir');
    expect(mail.text).toContain('conservando [CAU #1234] en el asunto');
  });

  it('has an English variant', () => {
    const mail = renderTicketReopenedMail(data, english);
    expect(mail.subject).toBe('[CAU #1234] Your request is open again: La impresora no imprime');
    expect(mail.text).toContain('Reason:\nSigue sin imprimir');
  });

  it('escapes the reason', () => {
    const mail = renderTicketReopenedMail({ ...data, reason: '<script>x</script>' }, spanish);
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('<script>x</script>');
  });
});

describe('staff replied mail (requester)', () => {
  const data = { ...ticket, byName: 'Olga Operadora', reply: 'Reinicie la impresora.\nLuego pruebe de nuevo.' };

  it('gives the reply as written, who wrote it, the link and how to answer, in Spanish', () => {
    const mail = renderStaffRepliedMail(data, spanish);
    expect(mail.subject).toBe('[CAU #1234] Respuesta a su solicitud: La impresora no imprime');
    expect(mail.text).toContain('Hola, María Pérez:');
    expect(mail.text).toContain('Olga Operadora, de la Mesa de Servicios, respondió en su solicitud.');
    expect(mail.text).toContain('Respuesta:\nReinicie la impresora.\nLuego pruebe de nuevo.');
    expect(mail.text).toContain('https://cau.example.gob/tickets/1234');
    expect(mail.text).toContain('conservando [CAU #1234] en el asunto');
  });

  it('has an English variant', () => {
    const mail = renderStaffRepliedMail(data, english);
    expect(mail.subject).toBe('[CAU #1234] Reply to your request: La impresora no imprime');
    expect(mail.text).toContain('Olga Operadora, of the service desk, replied on your request.');
    expect(mail.text).toContain('Reply:\nReinicie la impresora.');
  });

  it('escapes the reply and the names', () => {
    const mail = renderStaffRepliedMail(
      { ...data, ...hostile, byName: '<b>x</b>', reply: '<img src=x onerror=y>' },
      spanish,
    );
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b>x');
    expect(mail.html).toContain('&lt;img src=x onerror=y&gt;');
  });
});
