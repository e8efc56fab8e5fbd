import type { Language, ReportGranularity, ScheduledReportReadyV1 } from '@cau/contracts';
import { escapeHtml } from '../templates/html.js';

export interface RenderedReportMail {
  subject: string;
  text: string;
  html: string;
}

type Figures = ScheduledReportReadyV1['figures'];

interface Wording {
  kind: Record<ReportGranularity, string>;
  subject: (kind: string, from: string, to: string) => string;
  intro: (kind: string, from: string, to: string, zone: string) => string;
  noData: string;
  lines: Array<[label: string, value: (f: Figures, n: Formats) => string]>;
  dashboard: string;
  definitions: string;
  signature: string;
  automatic: string;
}

interface Formats {
  count: (n: number) => string;
  share: (n: number | null) => string;
  minutes: (n: number | null) => string;
  /** A count the report may not carry (made before it was counted). */
  maybeCount: (n: number | undefined) => string;
}

const WORDING: Record<Language, Wording> = {
  es: {
    kind: { day: 'diario', week: 'semanal', month: 'mensual' },
    subject: (kind, from, to) => `[CAU] Resumen ${kind} ${from} a ${to}`,
    intro: (kind, from, to, zone) =>
      `Resumen ${kind} de la Mesa de Servicios, del ${from} al ${to} inclusive (hora de ${zone}).`,
    noData: 'sin datos',
    lines: [
      ['Tickets abiertos en el período', (f, n) => n.count(f.opened)],
      ['Tickets cerrados', (f, n) => n.count(f.closed)],
      ['Abiertos al cierre del período', (f, n) => n.count(f.openAtEnd)],
      ['Con atraso', (f, n) => n.count(f.overdue)],
      ['Llamadas atendidas', (f, n) => n.count(f.callsHandled)],
      ['Primera respuesta, promedio hábil', (f, n) => n.minutes(f.firstResponseBusinessAverage)],
      ['Resolución, promedio hábil', (f, n) => n.minutes(f.resolutionBusinessAverage)],
      ['Incidentes cerrados en el primer nivel', (f, n) => n.share(f.incidentsClosedAtL1Share)],
      ['Consultas atendidas en el primer nivel', (f, n) => n.share(f.queriesAnsweredAtL1Share)],
      ['Satisfechos', (f, n) => n.share(f.satisfechoShare)],
      ['Respuesta a la encuesta', (f, n) => n.share(f.surveyResponseRate)],
      ['Cumplimiento del SLA de respuesta', (f, n) => n.share(f.slaResponseCompliance)],
      ['Cumplimiento del SLA de resolución', (f, n) => n.share(f.slaResolutionCompliance)],
      ['Problemas abiertos', (f, n) => n.maybeCount(f.openProblems)],
    ],
    dashboard: 'Véalo con gráficos, su tendencia y por área en el portal:',
    definitions: 'El tablero explica qué mide cada indicador.',
    signature: 'Mesa de Servicios del CAU',
    automatic: 'Este mensaje se envió automáticamente.',
  },
  en: {
    kind: { day: 'daily', week: 'weekly', month: 'monthly' },
    subject: (kind, from, to) => `[CAU] ${kind[0]!.toUpperCase()}${kind.slice(1)} summary ${from} to ${to}`,
    intro: (kind, from, to, zone) =>
      `The service desk's ${kind} summary, from ${from} to ${to} inclusive (${zone} time).`,
    noData: 'no data',
    lines: [
      ['Tickets opened in the period', (f, n) => n.count(f.opened)],
      ['Tickets closed', (f, n) => n.count(f.closed)],
      ['Open at the end of the period', (f, n) => n.count(f.openAtEnd)],
      ['Overdue', (f, n) => n.count(f.overdue)],
      ['Calls handled', (f, n) => n.count(f.callsHandled)],
      ['First response, business average', (f, n) => n.minutes(f.firstResponseBusinessAverage)],
      ['Resolution, business average', (f, n) => n.minutes(f.resolutionBusinessAverage)],
      ['Incidents closed at level 1', (f, n) => n.share(f.incidentsClosedAtL1Share)],
      ['Queries answered at level 1', (f, n) => n.share(f.queriesAnsweredAtL1Share)],
      ['Satisfied', (f, n) => n.share(f.satisfechoShare)],
      ['Survey response rate', (f, n) => n.share(f.surveyResponseRate)],
      ['Response SLA compliance', (f, n) => n.share(f.slaResponseCompliance)],
      ['Resolution SLA compliance', (f, n) => n.share(f.slaResolutionCompliance)],
      ['Open problems', (f, n) => n.maybeCount(f.openProblems)],
    ],
    dashboard: 'See it with charts, its trend and by area in the portal:',
    definitions: 'The dashboard explains what each indicator measures.',
    signature: 'CAU service desk',
    automatic: 'This message was sent automatically.',
  },
};

const LOCALE: Record<Language, string> = { es: 'es-AR', en: 'en-GB' };

/** The portal's dashboard on the same period: a day, the week or the month that `periodStart` opens. */
export function dashboardUrl(portalUrl: string, report: Pick<ScheduledReportReadyV1, 'granularity' | 'periodStart'>) {
  const query = new URLSearchParams({ period: report.granularity, date: report.periodStart });
  return `${portalUrl.replace(/\/+$/, '')}/informes?${query.toString()}`;
}

/**
 * The scheduled report's mail, in the schedule's language, as text and HTML with the same figures, and a
 * link to the portal's dashboard on the same period.
 */
export function renderReportMail(report: ScheduledReportReadyV1, portalUrl: string): RenderedReportMail {
  const w = WORDING[report.language];
  const locale = LOCALE[report.language];
  const number = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  const formats: Formats = {
    count: (n) => number(0).format(n),
    share: (n) => (n === null ? w.noData : `${number(1).format(n * 100)} %`),
    minutes: (n) => (n === null ? w.noData : `${number(0).format(n)} min`),
    maybeCount: (n) => (n === undefined ? w.noData : number(0).format(n)),
  };
  // The period's last day, for people: the event carries the exclusive end.
  const lastDay = new Date(Date.parse(`${report.periodEnd}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const kind = w.kind[report.granularity];
  const subject = w.subject(kind, report.periodStart, lastDay);
  const intro = w.intro(kind, report.periodStart, lastDay, report.timeZone);
  const lines = w.lines.map(([label, value]) => [label, value(report.figures, formats)] as const);
  const link = dashboardUrl(portalUrl, report);

  const text = [
    intro,
    '',
    ...lines.map(([label, value]) => `${label}: ${value}`),
    '',
    w.dashboard,
    link,
    w.definitions,
    '',
    '-- ',
    w.signature,
    w.automatic,
    '',
  ].join('\n');
  const e = escapeHtml;
  const cell = 'padding:2px 16px 2px 0;color:#52606d';
  const html = `<!DOCTYPE html>
<html lang="${e(report.language)}">
<head><meta charset="utf-8"><title>${e(subject)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<p>${e(intro)}</p>
<table role="presentation" style="border-collapse:collapse">
${lines.map(([label, value]) => `<tr><td style="${cell}">${e(label)}</td><td style="text-align:right">${e(value)}</td></tr>`).join('\n')}
</table>
<p>${e(w.dashboard)} <a href="${e(link)}">${e(link)}</a><br>${e(w.definitions)}</p>
<p style="color:#52606d;font-size:12px">${e(w.signature)}<br>${e(w.automatic)}</p>
</body>
</html>
`;
  return { subject, text, html };
}
