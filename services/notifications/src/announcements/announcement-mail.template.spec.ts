import { renderAnnouncementMail } from './announcement-mail.template.js';

const announcement = {
  kind: 'security-alert' as const,
  title: 'Correos falsos\nque piden la contraseña',
  body: 'No responda a <b>correos</b> que pidan su clave.\r\n- Bórrelos\n- Avísenos',
  language: 'es' as const,
  validFrom: '2026-12-05T13:00:00.000Z',
  validUntil: '2026-12-12T13:00:00.000Z',
};

describe('renderAnnouncementMail', () => {
  it('says the kind and title in the subject, on one line', () => {
    const mail = renderAnnouncementMail(
      announcement,
      'Ana Pérez',
      'https://cau.example.gob',
      'America/Argentina/Buenos_Aires',
    );
    expect(mail.subject).toBe('[CAU] Alerta de seguridad: Correos falsos que piden la contraseña');
    expect(mail.text).toContain('Hola, Ana Pérez:');
    expect(mail.text).toContain('- Bórrelos\n- Avísenos');
    expect(mail.text).toContain('Vigente desde el 5 de dic de 2026, 10:00 ART hasta el 12 de dic de 2026, 10:00 ART.');
    expect(mail.text).toContain('https://cau.example.gob/');
  });

  it('escapes what the author wrote in the HTML part', () => {
    const mail = renderAnnouncementMail(announcement, '<Ana>', 'https://cau.example.gob', 'UTC');
    expect(mail.html).not.toContain('<b>correos</b>');
    expect(mail.html).toContain('&lt;b&gt;correos&lt;/b&gt;');
    expect(mail.html).toContain('Hola, &lt;Ana&gt;:');
  });

  it('speaks English for an announcement written in English, without an end when it has none', () => {
    const mail = renderAnnouncementMail(
      { ...announcement, kind: 'planned-outage', language: 'en', validUntil: null },
      'Ann',
      'https://cau.example.gob',
      'UTC',
    );
    expect(mail.subject).toMatch(/^\[CAU\] Planned outage: /);
    expect(mail.text).toContain('Hello Ann,');
    expect(mail.text).toMatch(/Valid from 5 Dec 2026, 13:00 UTC\./);
  });
});
