import type { Language, ReportGranularity, ScheduledReportReadyV1 } from '@cau/contracts';
import { escapeHtml } from '../templates/html.js';
import { htmlDocument, signedText, type RenderedMail } from '../templates/mail.js';
import { renderTemplate, type MailTemplate } from '../templates/template-language.js';

type Figures = ScheduledReportReadyV1['figures'];
/** Each line of the summary is a figure, shown as its placeholder of the same name. */
type Figure = keyof Figures;

interface Wording {
  kind: Record<ReportGranularity, string>;
  /** `{{kind}}` (and `{{Kind}}`, capitalized), `{{from}}`, `{{to}}`, `{{zone}}`. */
  subject: string;
  intro: string;
  noData: string;
  lines: Array<[label: string, figure: Figure]>;
  dashboard: string;
  definitions: string;
}

const WORDING: Record<Language, Wording> = {
  es: {
    kind: { day: 'diario', week: 'semanal', month: 'mensual' },
    subject: '[CAU] Resumen {{kind}} {{from}} a {{to}}',
    intro: 'Resumen {{kind}} de la Mesa de Servicios, del {{from}} al {{to}} inclusive (hora de {{zone}}).',
    noData: 'sin datos',
    lines: [
      ['Tickets abiertos en el período', 'opened'],
      ['Tickets cerrados', 'closed'],
      ['Abiertos al cierre del período', 'openAtEnd'],
      ['Con atraso', 'overdue'],
      ['Llamadas atendidas', 'callsHandled'],
      ['Primera respuesta, promedio hábil', 'firstResponseBusinessAverage'],
      ['Resolución, promedio hábil', 'resolutionBusinessAverage'],
      ['Incidentes cerrados en el primer nivel', 'incidentsClosedAtL1Share'],
      ['Consultas atendidas en el primer nivel', 'queriesAnsweredAtL1Share'],
      ['Satisfechos', 'satisfechoShare'],
      ['Respuesta a la encuesta', 'surveyResponseRate'],
      ['Cumplimiento del SLA de respuesta', 'slaResponseCompliance'],
      ['Cumplimiento del SLA de resolución', 'slaResolutionCompliance'],
      ['Problemas abiertos', 'openProblems'],
    ],
    dashboard: 'Véalo con gráficos, su tendencia y por área en el portal:',
    definitions: 'El tablero explica qué mide cada indicador.',
  },
  en: {
    kind: { day: 'daily', week: 'weekly', month: 'monthly' },
    subject: '[CAU] {{Kind}} summary {{from}} to {{to}}',
    intro: "The service desk's {{kind}} summary, from {{from}} to {{to}} inclusive ({{zone}} time).",
    noData: 'no data',
    lines: [
      ['Tickets opened in the period', 'opened'],
      ['Tickets closed', 'closed'],
      ['Open at the end of the period', 'openAtEnd'],
      ['Overdue', 'overdue'],
      ['Calls handled', 'callsHandled'],
      ['First response, business average', 'firstResponseBusinessAverage'],
      ['Resolution, business average', 'resolutionBusinessAverage'],
      ['Incidents closed at level 1', 'incidentsClosedAtL1Share'],
      ['Queries answered at level 1', 'queriesAnsweredAtL1Share'],
      ['Satisfied', 'satisfechoShare'],
      ['Survey response rate', 'surveyResponseRate'],
      ['Response SLA compliance', 'slaResponseCompliance'],
      ['Resolution SLA compliance', 'slaResolutionCompliance'],
      ['Open problems', 'openProblems'],
    ],
    dashboard: 'See it with charts, its trend and by area in the portal:',
    definitions: 'The dashboard explains what each indicator measures.',
  },
};

/** How each figure reads: a count, a share of 1 as a percentage, an average in minutes. */
const FORMS: Record<Figure, 'count' | 'share' | 'minutes'> = {
  opened: 'count',
  closed: 'count',
  openAtEnd: 'count',
  overdue: 'count',
  callsHandled: 'count',
  firstResponseBusinessAverage: 'minutes',
  resolutionBusinessAverage: 'minutes',
  incidentsClosedAtL1Share: 'share',
  queriesAnsweredAtL1Share: 'share',
  satisfechoShare: 'share',
  surveyResponseRate: 'share',
  slaResponseCompliance: 'share',
  slaResolutionCompliance: 'share',
  openProblems: 'count',
};

/** The built-in summary: the same figures as a text list and an HTML table, with the dashboard's link. */
function reportTemplate(language: Language): MailTemplate {
  const w = WORDING[language];
  const text = signedText(language, [
    w.intro,
    '',
    ...w.lines.map(([label, figure]) => `${label}: {{${figure}}}`),
    '',
    w.dashboard,
    '{{dashboardUrl}}',
    w.definitions,
    '',
  ]);
  const e = escapeHtml;
  const cell = 'padding:2px 16px 2px 0;color:#52606d';
  const body = `<p>${e(w.intro)}</p>
<table role="presentation" style="border-collapse:collapse">
${w.lines.map(([label, figure]) => `<tr><td style="${cell}">${e(label)}</td><td style="text-align:right">{{${figure}}}</td></tr>`).join('\n')}
</table>
<p>${e(w.dashboard)} <a href="{{dashboardUrl}}">{{dashboardUrl}}</a><br>${e(w.definitions)}</p>`;
  return { subject: w.subject, text, html: htmlDocument(language, w.subject, body) };
}

const TEMPLATES: Record<Language, MailTemplate> = { es: reportTemplate('es'), en: reportTemplate('en') };
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
export function renderReportMail(report: ScheduledReportReadyV1, portalUrl: string): RenderedMail {
  const w = WORDING[report.language];
  const number = (digits: number) => new Intl.NumberFormat(LOCALE[report.language], { maximumFractionDigits: digits });
  // A figure the report may not carry (counted after it was made) reads as no data, as a null average does.
  const format = (figure: Figure): string => {
    const value = report.figures[figure];
    if (value === null || value === undefined) return w.noData;
    if (FORMS[figure] === 'share') return `${number(1).format(value * 100)} %`;
    if (FORMS[figure] === 'minutes') return `${number(0).format(value)} min`;
    return number(0).format(value);
  };
  const kind = w.kind[report.granularity];
  return renderTemplate(TEMPLATES[report.language], {
    kind,
    Kind: `${kind.charAt(0).toUpperCase()}${kind.slice(1)}`,
    from: report.periodStart,
    // The period's last day, for people: the event carries the exclusive end.
    to: new Date(Date.parse(`${report.periodEnd}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
    zone: report.timeZone,
    dashboardUrl: dashboardUrl(portalUrl, report),
    ...Object.fromEntries(w.lines.map(([, figure]) => [figure, format(figure)])),
  });
}
