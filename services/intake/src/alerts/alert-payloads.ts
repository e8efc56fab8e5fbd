import type { AlertSourceKind, FieldProblem } from '@cau/contracts';
import { ZABBIX_SEVERITIES } from '@cau/contracts';

/** One alert of a notification, whatever tool sent it. */
export interface ParsedAlert {
  /** What identifies the same alert firing again: Alertmanager's fingerprint, Zabbix's trigger id. */
  key: string;
  name: string;
  status: 'firing' | 'resolved';
  severity: string | null;
  labels: Record<string, string>;
  hostGroups: string[];
  summary: string | null;
  description: string | null;
  startsAt: string | null;
  endsAt: string | null;
  url: string | null;
}

export type ParseResult = { ok: true; alerts: ParsedAlert[] } | { ok: false; problems: FieldProblem[] };

/** Alerts one notification may carry (Alertmanager's default `max_alerts` is unlimited; groups are small). */
export const MAX_ALERTS_PER_NOTIFICATION = 1000;
const MAX_TEXT = 4000;
const MAX_KEY = 200;

export function parseAlertPayload(kind: AlertSourceKind, payload: unknown): ParseResult {
  return kind === 'alertmanager' ? parseAlertmanager(payload) : parseZabbix(payload);
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const problem = (field: string, constraint: string, params?: readonly unknown[]): FieldProblem =>
  params ? { field, constraint, params } : { field, constraint };

/**
 * Alertmanager's webhook (`webhook_configs`), payload version "4":
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */
export function parseAlertmanager(payload: unknown): ParseResult {
  if (!isObject(payload)) return { ok: false, problems: [problem('body', 'isObject')] };
  const problems: FieldProblem[] = [];
  if (payload.version !== '4') problems.push(problem('version', 'isIn', [['4']]));
  const alerts = payload.alerts;
  if (!Array.isArray(alerts)) {
    problems.push(problem('alerts', alerts === undefined ? 'isDefined' : 'isArray'));
    return { ok: false, problems };
  }
  if (alerts.length === 0) problems.push(problem('alerts', 'arrayMinSize', [1]));
  if (alerts.length > MAX_ALERTS_PER_NOTIFICATION)
    problems.push(problem('alerts', 'arrayMaxSize', [MAX_ALERTS_PER_NOTIFICATION]));
  const externalUrl = typeof payload.externalURL === 'string' ? payload.externalURL : null;
  const parsed: ParsedAlert[] = [];
  alerts.slice(0, MAX_ALERTS_PER_NOTIFICATION).forEach((alert: unknown, i) => {
    const at = `alerts.${i}`;
    if (!isObject(alert)) {
      problems.push(problem(at, 'isObject'));
      return;
    }
    const status = alert.status;
    if (status !== 'firing' && status !== 'resolved')
      problems.push(problem(`${at}.status`, 'isIn', [['firing', 'resolved']]));
    const labels = stringMap(alert.labels, `${at}.labels`, problems, true);
    const annotations = stringMap(alert.annotations, `${at}.annotations`, problems, false);
    const fingerprint = requiredText(alert.fingerprint, `${at}.fingerprint`, problems, MAX_KEY);
    const startsAt = optionalDate(alert.startsAt, `${at}.startsAt`, problems);
    const endsAt = optionalDate(alert.endsAt, `${at}.endsAt`, problems);
    if (!labels || fingerprint === null || (status !== 'firing' && status !== 'resolved')) return;
    parsed.push({
      key: fingerprint,
      name: clip(labels.alertname ?? 'alerta sin nombre', 200),
      status,
      severity: labels.severity ?? null,
      labels,
      hostGroups: [],
      summary: clipOrNull(annotations?.summary ?? annotations?.message ?? null),
      description: clipOrNull(annotations?.description ?? null),
      startsAt,
      // Alertmanager sends the zero time (0001-01-01) while an alert fires.
      endsAt: endsAt && !endsAt.startsWith('0001-') ? endsAt : null,
      url: typeof alert.generatorURL === 'string' && alert.generatorURL ? alert.generatorURL : externalUrl,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, alerts: parsed };
}

/**
 * The JSON our Zabbix media type's script posts (docs/monitoring.md): the values of Zabbix's macros
 * {EVENT.ID}, {TRIGGER.ID}, {HOST.NAME}, {TRIGGER.HOSTGROUP.NAME}, {EVENT.SEVERITY}, {EVENT.STATUS} or
 * {EVENT.VALUE}, {EVENT.NAME}, {EVENT.DATE} {EVENT.TIME}. A Zabbix macro that does not apply arrives
 * unexpanded (`{EVENT.RECOVERY.ID}`), so such values are treated as absent.
 */
export function parseZabbix(payload: unknown): ParseResult {
  if (!isObject(payload)) return { ok: false, problems: [problem('body', 'isObject')] };
  const problems: FieldProblem[] = [];
  const eventId = requiredText(payload.event_id, 'event_id', problems, MAX_KEY);
  const triggerId = requiredText(payload.trigger_id, 'trigger_id', problems, MAX_KEY);
  const host = requiredText(payload.host, 'host', problems, 255);
  const name = requiredText(payload.event_name, 'event_name', problems, 500);
  const severityText = requiredText(payload.severity, 'severity', problems, 100);
  const severity = severityText
    ? (ZABBIX_SEVERITIES.find((s) => s.toLowerCase() === severityText.toLowerCase()) ?? null)
    : null;
  if (severityText && !severity) problems.push(problem('severity', 'isIn', [[...ZABBIX_SEVERITIES]]));
  const status = zabbixStatus(payload, problems);
  const groups = hostGroups(payload.host_groups, problems);
  const when = [macro(payload.event_date), macro(payload.event_time)].filter(Boolean).join(' ') || null;
  if (problems.length > 0 || !eventId || !triggerId || !host || !name || !severity || !status || !groups)
    return { ok: false, problems };
  const description = macro(payload.trigger_description) ?? macro(payload.event_opdata);
  return {
    ok: true,
    alerts: [
      {
        key: `trigger:${triggerId}`,
        name: clip(name, 200),
        status,
        severity,
        labels: {
          host,
          event_id: eventId,
          trigger_id: triggerId,
          severity,
          ...(groups.length ? { host_groups: groups.join(', ') } : {}),
          ...(macro(payload.recovery_event_id) ? { recovery_event_id: macro(payload.recovery_event_id)! } : {}),
        },
        hostGroups: groups,
        summary: clip(`${name} en ${host}`, MAX_TEXT),
        description: clipOrNull(description),
        startsAt: status === 'firing' ? when : null,
        endsAt: status === 'resolved' ? when : null,
        url: macro(payload.event_url),
      },
    ],
  };
}

function zabbixStatus(payload: Obj, problems: FieldProblem[]): 'firing' | 'resolved' | null {
  const status = macro(payload.status);
  if (status !== null) {
    const upper = status.toUpperCase();
    if (upper === 'PROBLEM') return 'firing';
    if (upper === 'RESOLVED' || upper === 'OK') return 'resolved';
    problems.push(problem('status', 'isIn', [['PROBLEM', 'RESOLVED']]));
    return null;
  }
  const value = payload.value;
  if (value === 1 || value === '1') return 'firing';
  if (value === 0 || value === '0') return 'resolved';
  problems.push(
    problem(
      value === undefined ? 'status' : 'value',
      value === undefined ? 'isDefined' : 'isIn',
      value === undefined ? undefined : [['1', '0']],
    ),
  );
  return null;
}

function hostGroups(value: unknown, problems: FieldProblem[]): string[] | null {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') {
    const expanded = macro(value);
    return expanded
      ? expanded
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean)
      : [];
  }
  if (Array.isArray(value) && value.every((g) => typeof g === 'string')) {
    if (value.length > 100) {
      problems.push(problem('host_groups', 'arrayMaxSize', [100]));
      return null;
    }
    return value.map((g) => g.trim()).filter(Boolean);
  }
  problems.push(problem('host_groups', 'isArray'));
  return null;
}

/** A Zabbix value, or null when empty or an unexpanded macro. */
function macro(value: unknown): string | null {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || /^\{[A-Z0-9_.]+\}$/.test(trimmed)) return null;
  return trimmed;
}

function requiredText(value: unknown, field: string, problems: FieldProblem[], max: number): string | null {
  if (value === undefined || value === null) {
    problems.push(problem(field, 'isDefined'));
    return null;
  }
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string') {
    problems.push(problem(field, 'isString'));
    return null;
  }
  const trimmed = text.trim();
  if (!trimmed || /^\{[A-Z0-9_.]+\}$/.test(trimmed)) {
    problems.push(problem(field, 'isNotEmpty'));
    return null;
  }
  if (trimmed.length > max) {
    problems.push(problem(field, 'maxLength', [max]));
    return null;
  }
  return trimmed;
}

function stringMap(
  value: unknown,
  field: string,
  problems: FieldProblem[],
  required: boolean,
): Record<string, string> | null {
  if (value === undefined || value === null) {
    if (required) problems.push(problem(field, 'isDefined'));
    return required ? null : {};
  }
  if (!isObject(value)) {
    problems.push(problem(field, 'isObject'));
    return null;
  }
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') {
      problems.push(problem(`${field}.${k}`, 'isString'));
      return null;
    }
    out[k] = clip(v, MAX_TEXT);
  }
  return out;
}

function optionalDate(value: unknown, field: string, problems: FieldProblem[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) {
    problems.push(problem(field, 'isDateString'));
    return null;
  }
  return value;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
function clipOrNull(text: string | null): string | null {
  return text ? clip(text, MAX_TEXT) : null;
}
