import type { ScheduledReportReadyV1 } from '@cau/contracts';
import { dashboardUrl, renderReportMail } from './report-mail.template.js';

const PORTAL = 'http://127.0.0.1:3000';

const report: ScheduledReportReadyV1 = {
  scheduleId: '6a1f3c1e-1b7e-4d3b-9a55-0c4c1f1e2d3a',
  granularity: 'week',
  periodStart: '2025-03-03',
  periodEnd: '2025-03-10',
  timeZone: 'America/Argentina/Buenos_Aires',
  language: 'es',
  recipients: ['jefa@cau.gob'],
  figures: {
    opened: 1234,
    closed: 1100,
    openAtEnd: 321,
    overdue: 12,
    callsHandled: 500,
    firstResponseBusinessAverage: 42.4,
    resolutionBusinessAverage: null,
    incidentsClosedAtL1Share: 0.6666,
    queriesAnsweredAtL1Share: 1,
    satisfechoShare: 0.5,
    surveyResponseRate: 0.25,
    slaResponseCompliance: 0.9,
    slaResolutionCompliance: null,
  },
};

describe('renderReportMail', () => {
  it('writes the Spanish summary with the period as people read it (last day included)', () => {
    const mail = renderReportMail(report, PORTAL);
    expect(mail.subject).toBe('[CAU] Resumen semanal 2025-03-03 a 2025-03-09');
    expect(mail.text).toContain('del 2025-03-03 al 2025-03-09 inclusive (hora de America/Argentina/Buenos_Aires)');
    expect(mail.text).toContain('Tickets abiertos en el período: 1.234');
    expect(mail.text).toContain('Primera respuesta, promedio hábil: 42 min');
    expect(mail.text).toContain('Resolución, promedio hábil: sin datos');
    expect(mail.text).toContain('Incidentes cerrados en el primer nivel: 66,7 %');
    expect(mail.html).toContain('<td style="text-align:right">66,7 %</td>');
  });

  it("links to the portal's dashboard on the same period", () => {
    const link = 'https://cau.gob.ar/informes?period=week&date=2025-03-03';
    const mail = renderReportMail(report, 'https://cau.gob.ar/');
    expect(mail.text).toContain(`en el portal:\n${link}\n`);
    expect(mail.html).toContain(`<a href="${link.replace('&', '&amp;')}">`);
    expect(dashboardUrl(PORTAL, { granularity: 'day', periodStart: '2025-03-09' })).toBe(
      `${PORTAL}/informes?period=day&date=2025-03-09`,
    );
  });

  it('writes it in English when the schedule asks for English', () => {
    const mail = renderReportMail(
      { ...report, language: 'en', granularity: 'month', periodStart: '2025-02-01', periodEnd: '2025-03-01' },
      PORTAL,
    );
    expect(mail.subject).toBe('[CAU] Monthly summary 2025-02-01 to 2025-02-28');
    expect(mail.text).toContain('Incidents closed at level 1: 66.7 %');
    expect(mail.text).toContain('Resolution, business average: no data');
  });

  it('escapes what goes into the HTML', () => {
    const mail = renderReportMail({ ...report, timeZone: 'Zona<script>' }, PORTAL);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Zona&lt;script&gt;');
  });
});
