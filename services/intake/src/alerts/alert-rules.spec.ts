import { parseAlertmanager, parseZabbix } from './alert-payloads.js';
import { areaFor, noteDue, priorityFor, type IntegrationSettings } from './alert-rules.js';
import { secretMatches } from './receive-alerts.use-case.js';
import { createHash } from 'node:crypto';

const settings = (over: Partial<IntegrationSettings> = {}): IntegrationSettings => ({
  jurisdiction: 'CAU',
  category: 'sistemas-y-aplicaciones',
  contactEmail: 'monitoreo@cau.test',
  contactName: 'Monitoreo',
  defaultArea: 'UIT',
  areaRules: [],
  severityPriorities: [],
  noteIntervalMinutes: 30,
  ...over,
});

const amAlert = (over: Record<string, unknown> = {}) => ({
  status: 'firing',
  labels: { alertname: 'InstanceDown', severity: 'critical', instance: 'a:9100' },
  annotations: { summary: 's' },
  startsAt: '2026-12-05T10:00:00Z',
  endsAt: '0001-01-01T00:00:00Z',
  fingerprint: 'abc',
  ...over,
});

describe('monitoring alert payloads and rules', () => {
  it('reads Alertmanager version 4, the zero endsAt meaning "still firing"', () => {
    const parsed = parseAlertmanager({ version: '4', status: 'firing', alerts: [amAlert()] });
    expect(parsed).toMatchObject({
      ok: true,
      alerts: [{ key: 'abc', name: 'InstanceDown', endsAt: null, severity: 'critical' }],
    });
  });

  it('names each bad Alertmanager field', () => {
    const parsed = parseAlertmanager({
      version: '4',
      alerts: [amAlert({ status: 'pending' }), amAlert({ labels: { a: 1 } }), amAlert({ startsAt: 'ayer' })],
    });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.problems.map((p) => p.field)).toEqual([
        'alerts.0.status',
        'alerts.1.labels.a',
        'alerts.2.startsAt',
      ]);
    expect(parseAlertmanager([])).toEqual({ ok: false, problems: [{ field: 'body', constraint: 'isObject' }] });
    const empty = parseAlertmanager({ version: '4', alerts: [] });
    expect(!empty.ok && empty.problems[0]).toMatchObject({ field: 'alerts', constraint: 'arrayMinSize' });
  });

  it('reads Zabbix by trigger id; status or value; host groups as the macro writes them; unexpanded macros are absent', () => {
    const base = {
      event_id: '1',
      trigger_id: '77',
      host: 'srv',
      host_groups: 'Linux servers, Bases de datos',
      severity: 'disaster',
      event_name: 'Down',
      recovery_event_id: '{EVENT.RECOVERY.ID}',
    };
    const problem = parseZabbix({ ...base, value: '1' });
    expect(problem).toMatchObject({
      ok: true,
      alerts: [
        { key: 'trigger:77', status: 'firing', severity: 'Disaster', hostGroups: ['Linux servers', 'Bases de datos'] },
      ],
    });
    if (problem.ok) expect(problem.alerts[0]!.labels.recovery_event_id).toBeUndefined();
    expect(parseZabbix({ ...base, status: 'RESOLVED' })).toMatchObject({ ok: true, alerts: [{ status: 'resolved' }] });
    const noStatus = parseZabbix(base);
    expect(!noStatus.ok && noStatus.problems).toEqual([{ field: 'status', constraint: 'isDefined' }]);
    const macro = parseZabbix({ ...base, trigger_id: '{TRIGGER.ID}', value: 1 });
    expect(!macro.ok && macro.problems).toEqual([{ field: 'trigger_id', constraint: 'isNotEmpty' }]);
  });

  it('routes by the first matching rule, else the default area; maps severities case-insensitively', () => {
    const s = settings({
      areaRules: [
        { match: 'label', key: 'team', value: 'redes', area: 'UPAT' },
        { match: 'hostGroup', value: 'bases de datos', area: 'ACGII' },
      ],
      severityPriorities: [{ severity: 'Warning', priority: 'ALTA' }],
    });
    const alert = { labels: { team: 'redes' }, hostGroups: ['Bases de datos'] } as never;
    expect(areaFor(s, alert)).toBe('UPAT');
    expect(areaFor(s, { labels: {}, hostGroups: ['Bases de Datos'] } as never)).toBe('ACGII');
    expect(areaFor(s, { labels: {}, hostGroups: [] } as never)).toBe('UIT');
    expect(priorityFor('alertmanager', s, 'warning')).toBe('ALTA');
    expect(priorityFor('alertmanager', s, 'critical')).toBe('ALTA');
    expect(priorityFor('alertmanager', s, 'info')).toBe('BAJA');
    expect(priorityFor('zabbix', s, 'Average')).toBe('MEDIA');
    expect(priorityFor('zabbix', s, 'Not classified')).toBe('BAJA');
    expect(priorityFor('alertmanager', s, 'desconocida')).toBe('MEDIA');
    expect(priorityFor('alertmanager', s, null)).toBe('MEDIA');
  });

  it('adds a repeat note at most once per interval', () => {
    const last = new Date('2026-12-05T10:00:00Z');
    expect(noteDue(last, new Date('2026-12-05T10:29:59Z'), 30)).toBe(false);
    expect(noteDue(last, new Date('2026-12-05T10:30:00Z'), 30)).toBe(true);
  });

  it('compares secrets by their hashes, refusing a missing or short one', () => {
    const stored = createHash('sha256').update('s3creto').digest('hex');
    expect(secretMatches(stored, stored)).toBe(true);
    expect(secretMatches(stored, createHash('sha256').update('otro').digest('hex'))).toBe(false);
    expect(secretMatches(stored, undefined)).toBe(false);
    expect(secretMatches(stored, 'ab')).toBe(false);
  });
});
