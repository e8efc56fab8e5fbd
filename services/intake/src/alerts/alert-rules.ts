import {
  DEFAULT_ALERT_NOTE_INTERVAL_MINUTES,
  DEFAULT_ALERT_PRIORITY,
  DEFAULT_SEVERITY_PRIORITIES,
  Impact,
  Urgency,
  type AlertAreaRuleV1,
  type AlertSeverityPriorityV1,
  type AlertSourceKind,
  type Priority,
} from '@cau/contracts';
import type { ParsedAlert } from './alert-payloads.js';

export interface IntegrationSettings {
  jurisdiction: string;
  category: string;
  contactEmail: string;
  contactName: string;
  defaultArea: string;
  areaRules: AlertAreaRuleV1[];
  severityPriorities: AlertSeverityPriorityV1[];
  noteIntervalMinutes: number;
}

export interface Integration {
  id: string;
  name: string;
  kind: AlertSourceKind;
  enabled: boolean;
  secretSha256: string;
  secretRotatedAt: Date;
  settings: IntegrationSettings;
  createdAt: Date;
  updatedAt: Date;
}

/** The first rule that matches decides the area; none matching, the integration's default area. */
export function areaFor(settings: IntegrationSettings, alert: ParsedAlert): string {
  for (const rule of settings.areaRules) {
    if (rule.match === 'label' && rule.key && alert.labels[rule.key] === rule.value) return rule.area;
    if (rule.match === 'hostGroup' && alert.hostGroups.some((g) => g.toLowerCase() === rule.value.toLowerCase()))
      return rule.area;
  }
  return settings.defaultArea;
}

/** The integration's mapping first, then the tool's defaults, then MEDIA. Severities compare without case. */
export function priorityFor(kind: AlertSourceKind, settings: IntegrationSettings, severity: string | null): Priority {
  if (severity === null) return DEFAULT_ALERT_PRIORITY;
  const wanted = severity.trim().toLowerCase();
  const own = settings.severityPriorities.find((m) => m.severity.trim().toLowerCase() === wanted);
  return own?.priority ?? DEFAULT_SEVERITY_PRIORITIES[kind][wanted] ?? DEFAULT_ALERT_PRIORITY;
}

/** Impact and urgency recorded on the ticket, consistent with the priority it is routed with. */
export function classificationFor(priority: Priority): { impact: Impact; urgency: Urgency } {
  if (priority === 'ALTA') return { impact: Impact.Alto, urgency: Urgency.Alta };
  if (priority === 'BAJA') return { impact: Impact.Bajo, urgency: Urgency.Baja };
  return { impact: Impact.Medio, urgency: Urgency.Media };
}

/** Whether a repeated firing may add a timeline note now (at most one per interval: storms must not flood it). */
export function noteDue(lastNoteAt: Date, now: Date, intervalMinutes: number): boolean {
  return now.getTime() - lastNoteAt.getTime() >= intervalMinutes * 60_000;
}

export function normalizeSettings(body: {
  jurisdiction: string;
  category: string;
  contactEmail: string;
  contactName: string;
  defaultArea: string;
  areaRules?: AlertAreaRuleV1[];
  severityPriorities?: AlertSeverityPriorityV1[];
  noteIntervalMinutes?: number;
}): IntegrationSettings {
  return {
    jurisdiction: body.jurisdiction,
    category: body.category.trim(),
    contactEmail: body.contactEmail.trim().toLowerCase(),
    contactName: body.contactName.trim(),
    defaultArea: body.defaultArea,
    areaRules: (body.areaRules ?? []).map((r) => ({
      match: r.match,
      ...(r.match === 'label' && r.key ? { key: r.key.trim() } : {}),
      value: r.value.trim(),
      area: r.area,
    })),
    severityPriorities: (body.severityPriorities ?? []).map((m) => ({
      severity: m.severity.trim(),
      priority: m.priority,
    })),
    noteIntervalMinutes: body.noteIntervalMinutes ?? DEFAULT_ALERT_NOTE_INTERVAL_MINUTES,
  };
}

const SOURCE_LABEL: Record<AlertSourceKind, string> = { alertmanager: 'Prometheus Alertmanager', zabbix: 'Zabbix' };

export function ticketTitle(alert: ParsedAlert): string {
  const where = alert.labels.instance ?? alert.labels.host ?? alert.labels.job ?? null;
  return `[Monitoreo] ${alert.name}${where && !alert.name.includes(where) ? ` — ${where}` : ''}`;
}

export function ticketDescription(integration: Integration, alert: ParsedAlert): string {
  const lines = [
    `Alerta recibida de ${SOURCE_LABEL[integration.kind]} (integración «${integration.name}»).`,
    '',
    `Alerta: ${alert.name}`,
    ...(alert.severity ? [`Severidad: ${alert.severity}`] : []),
    ...(alert.summary ? [`Resumen: ${alert.summary}`] : []),
    ...(alert.description ? [`Descripción: ${alert.description}`] : []),
    ...(alert.startsAt ? [`Desde: ${alert.startsAt}`] : []),
    ...(alert.url ? [`Origen: ${alert.url}`] : []),
    '',
    'Etiquetas:',
    ...Object.entries(alert.labels)
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `  ${k}=${v}`),
    '',
    'Las repeticiones de esta alerta se suman a este ticket; su resolución se anota aquí y no cierra el ticket.',
  ];
  return lines.join('\n');
}

export function repeatNote(alertName: string, count: number, lastSeenAt: Date): string {
  return `La alerta «${alertName}» se sigue disparando: ${count} veces en total, la última el ${lastSeenAt.toISOString()}.`;
}

export function resolvedNote(alertName: string, endsAt: string | null, count: number): string {
  return `Alerta resuelta: «${alertName}» dejó de dispararse${endsAt ? ` el ${endsAt}` : ''} (se disparó ${count} ${count === 1 ? 'vez' : 'veces'}). El ticket sigue abierto: lo cierra un supervisor.`;
}
