import { renderTicketRegisteredMail, ticketTag } from './ticket-registered.template.js';

const data = {
  requesterName: 'María Pérez',
  number: 1234,
  title: 'La impresora no imprime',
  registeredAt: '2025-11-22T14:02:30.000Z',
  portalUrl: 'https://cau.example.gob',
};
const spanish = { language: 'es', timeZone: 'America/Argentina/Buenos_Aires' } as const;

describe('ticket registered mail', () => {
  it('puts the ticket tag and the title in the subject', () => {
    expect(renderTicketRegisteredMail(data, spanish).subject).toBe(
      '[CAU #1234] Registramos su solicitud: La impresora no imprime',
    );
    expect(ticketTag(7)).toBe('[CAU #7]');
  });

  it('greets the requester and gives the number, title, time, link and reply rule in Spanish', () => {
    const { text } = renderTicketRegisteredMail(data, spanish);
    expect(text).toContain('Hola, María Pérez:');
    expect(text).toContain('Número de ticket: #1234');
    expect(text).toContain('Título: La impresora no imprime');
    expect(text).toContain('Fecha y hora de registro: 22 de noviembre de 2025 a las 11:02 GMT-3');
    expect(text).toContain('https://cau.example.gob/tickets/1234');
    expect(text).toContain('responda a este correo conservando [CAU #1234] en el asunto');
  });

  it('shows the registration time in the configured zone', () => {
    const { text } = renderTicketRegisteredMail(data, { language: 'es', timeZone: 'UTC' });
    expect(text).toContain('22 de noviembre de 2025 a las 14:02 UTC');
  });

  it('has an English variant with the same tag', () => {
    const mail = renderTicketRegisteredMail(data, { language: 'en', timeZone: 'UTC' });
    expect(mail.subject).toBe('[CAU #1234] We registered your request: La impresora no imprime');
    expect(mail.text).toContain('Hello, María Pérez:');
    expect(mail.text).toContain('Ticket number: #1234');
    expect(mail.text).toContain('keeping [CAU #1234] in the subject');
    expect(mail.html).toContain('<html lang="en">');
  });

  it('escapes user text in the HTML part and keeps it readable in the text part', () => {
    const hostile = { ...data, requesterName: '<script>alert(1)</script>', title: 'a & b "c" <img src=x>' };
    const mail = renderTicketRegisteredMail(hostile, spanish);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(mail.html).toContain('a &amp; b &quot;c&quot; &lt;img src=x&gt;');
    expect(mail.text).toContain('Título: a & b "c" <img src=x>');
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const mail = renderTicketRegisteredMail({ ...data, title: 'primera línea\r\nBcc: otro@example.gob\tfin' }, spanish);
    expect(mail.subject).toBe('[CAU #1234] Registramos su solicitud: primera línea Bcc: otro@example.gob fin');
  });

  it('links to the ticket from the HTML part', () => {
    const { html } = renderTicketRegisteredMail(data, spanish);
    expect(html).toContain('<a href="https://cau.example.gob/tickets/1234">');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('Número de ticket: #1234');
  });
});
