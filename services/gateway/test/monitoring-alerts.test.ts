import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startService, type RunningService } from '@cau/messaging';
import { waitFor } from '@cau/testing';
import pg from 'pg';
import { alertLane } from '../../intake/src/alerts/receive-alerts.use-case.js';
import { intakeService } from '../../intake/src/intake.service.js';
import { createResolutionService } from '../../resolution/src/resolution.service.js';
import { routingService } from '../../routing/src/routing.service.js';
import { startGateway, type ErrorBody, type GatewayFixture } from './gateway-fixture.js';

/**
 * Monitoring alerts become incidents (issue 18): the webhooks of Prometheus Alertmanager and Zabbix, with
 * payloads recorded from the tools' documented formats (test/fixtures/monitoring), through the real
 * gateway, intake, routing and resolution.
 */
const FIXTURES = path.join(__dirname, 'fixtures', 'monitoring');
const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>;

interface Created {
  integration: { id: string; webhookPath: string; secretRotatedAt: string };
  secret: string;
}
interface AlertList {
  alerts: Array<{
    alertKey: string;
    ticketNumber: number;
    firingCount: number;
    status: string;
    area: string;
    priority: string;
    labels: Record<string, string>;
  }>;
}

describe('gateway + intake: monitoring alerts become incidents', () => {
  let f: GatewayFixture;
  let routing: RunningService;
  let resolution: RunningService;
  /** A second intake instance: identical alerts arriving at once are split between the two. */
  let secondIntake: RunningService;
  let alertmanager: Created;
  let zabbix: Created;

  const counts = async () => {
    const tickets = await f.db.query<{ n: string }>(`SELECT count(*) AS n FROM intake.tickets`);
    const records = await f.db.query<{ n: string }>(`SELECT count(*) AS n FROM intake.alert_records`);
    const notes = await f.db.query<{ n: string }>(`SELECT count(*) AS n FROM intake.alert_notes`);
    return {
      tickets: Number(tickets.rows[0]!.n),
      records: Number(records.rows[0]!.n),
      notes: Number(notes.rows[0]!.n),
    };
  };
  const post = (created: Created, body: unknown, headers: Record<string, string> = {}) =>
    f.http.send<{ alerts: Array<{ alertKey: string; ticketNumber: number; outcome: string }> } & Partial<ErrorBody>>(
      'POST',
      created.integration.webhookPath,
      { json: body, headers: { authorization: `Bearer ${created.secret}`, ...headers } },
    );
  const firingCount = async (alertKey: string) =>
    (
      await f.db.query<{ firing_count: number }>(
        `SELECT firing_count FROM intake.alert_records WHERE alert_key = $1 AND finished_at IS NULL`,
        [alertKey],
      )
    ).rows[0]?.firing_count;
  const comments = async (number: number) =>
    (
      await f.db.query<{ text: string; internal: boolean; channel: string }>(
        `SELECT c.text, c.internal, c.channel FROM resolution.ticket_comments c
           JOIN resolution.tickets t ON t.ticket_id = c.ticket_id WHERE t.number = $1 ORDER BY c.at`,
        [number],
      )
    ).rows;

  beforeAll(async () => {
    f = await startGateway('gwalerts', { intake: true, env: { ROUTING_PORT: '0', RESOLUTION_PORT: '0' } });
    routing = await startService(routingService, f.env);
    secondIntake = await startService(intakeService, f.env);
    resolution = await startService(createResolutionService({ env: f.env }), f.env);
    const create = async (body: Record<string, unknown>) => {
      const answer = await f.http.send<Created>('POST', '/api/v1/monitoring/integrations', {
        token: f.adminToken,
        json: body,
      });
      expect(answer.status).toBe(201);
      return answer.body;
    };
    alertmanager = await create({
      name: 'Prometheus producción',
      kind: 'alertmanager',
      jurisdiction: 'CAU',
      category: 'sistemas-y-aplicaciones',
      contactEmail: 'monitoreo@cau.test',
      contactName: 'Equipo de monitoreo',
      defaultArea: 'UIT',
      areaRules: [{ match: 'label', key: 'team', value: 'redes', area: 'UPAT' }],
      severityPriorities: [{ severity: 'warning', priority: 'BAJA' }],
      noteIntervalMinutes: 30,
    });
    zabbix = await create({
      name: 'Zabbix central',
      kind: 'zabbix',
      jurisdiction: 'CAU',
      category: 'sistemas-y-aplicaciones',
      contactEmail: 'monitoreo@cau.test',
      contactName: 'Equipo de monitoreo',
      defaultArea: 'UIT',
      areaRules: [{ match: 'hostGroup', value: 'bases de datos', area: 'ACGII' }],
    });
  }, 120_000);

  afterAll(async () => {
    await resolution?.stop();
    await routing?.stop();
    await secondIntake?.stop();
    await f?.stop();
  });

  it('refuses a wrong or missing secret (401), an unknown integration (404) and a malformed payload (400 naming the field), storing nothing', async () => {
    const before = await counts();
    const wrong = await post(alertmanager, fixture('alertmanager-firing.json'), {
      authorization: 'Bearer no-es-el-secreto',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('UNAUTHORIZED');
    const missing = await f.http.send('POST', alertmanager.integration.webhookPath, {
      json: fixture('alertmanager-firing.json'),
    });
    expect(missing.status).toBe(401);
    // Another integration's secret does not open this one.
    const crossed = await post(alertmanager, fixture('alertmanager-firing.json'), {
      authorization: `Bearer ${zabbix.secret}`,
    });
    expect(crossed.status).toBe(401);
    const unknown = await f.http.send('POST', '/api/v1/webhooks/monitoring/1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', {
      json: fixture('alertmanager-firing.json'),
      headers: { authorization: `Bearer ${alertmanager.secret}` },
    });
    expect(unknown.status).toBe(404);
    const notUuid = await f.http.send('POST', '/api/v1/webhooks/monitoring/prometheus', {
      json: fixture('alertmanager-firing.json'),
    });
    expect(notUuid.status).toBe(400);

    const noFingerprint = fixture('alertmanager-firing.json');
    delete (noFingerprint.alerts as Array<Record<string, unknown>>)[1]!.fingerprint;
    const malformed = await post(alertmanager, noFingerprint);
    expect(malformed.status).toBe(400);
    expect(malformed.body.fields?.map((p) => p.field)).toEqual(['alerts.1.fingerprint']);
    const badVersion = await post(alertmanager, { ...fixture('alertmanager-firing.json'), version: '3' });
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.fields?.map((p) => p.field)).toEqual(['version']);
    const badSeverity = await post(zabbix, { ...fixture('zabbix-problem.json'), severity: 'Catastrophic' });
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.fields?.[0]?.field).toBe('severity');
    expect(badSeverity.body.fields?.[0]?.message).toContain('Disaster');
    const noTrigger = fixture('zabbix-problem.json');
    delete noTrigger.trigger_id;
    const zabbixMalformed = await post(zabbix, noTrigger);
    expect(zabbixMalformed.status).toBe(400);
    expect(zabbixMalformed.body.fields?.map((p) => p.field)).toEqual(['trigger_id']);
    const notJson = await f.http.send('POST', zabbix.integration.webhookPath, {
      raw: '{"event_id": ',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${zabbix.secret}` },
    });
    expect(notJson.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('opens one incidente per alert on channel monitoreo, in the area of its rules, with the priority of its severity', async () => {
    const answer = await post(alertmanager, fixture('alertmanager-firing.json'));
    expect(answer.status).toBe(200);
    expect(answer.body.alerts.map((a) => a.outcome)).toEqual(['opened', 'opened']);
    const [down, disk] = answer.body.alerts;
    const tickets = await f.db.query<{
      number: string;
      channel: string;
      type: string;
      title: string;
      category: string;
    }>(
      `SELECT number, channel, type, title, category FROM intake.tickets WHERE number = ANY($1::bigint[]) ORDER BY number`,
      [[down!.ticketNumber, disk!.ticketNumber]],
    );
    expect(tickets.rows.map((t) => [t.channel, t.type, t.category])).toEqual([
      ['monitoreo', 'incidente', 'sistemas-y-aplicaciones'],
      ['monitoreo', 'incidente', 'sistemas-y-aplicaciones'],
    ]);
    // Alerts of one notification may be applied in different lanes: their numbers need not follow their order.
    expect(tickets.rows.find((t) => Number(t.number) === down!.ticketNumber)!.title).toBe(
      '[Monitoreo] InstanceDown — srv-sigep-01:9100',
    );
    // Routing starts each where the integration said: critical → ALTA in UIT; team=redes → UPAT, warning → BAJA.
    const routed = await waitFor(
      async () => {
        const rows = (
          await f.db.query<{ number: string; area: string; priority: string }>(
            `SELECT number, area, priority FROM routing.tickets WHERE number = ANY($1::bigint[])
              ORDER BY array_position($1::bigint[], number)`,
            [[down!.ticketNumber, disk!.ticketNumber]],
          )
        ).rows;
        return rows.length === 2 ? rows : undefined;
      },
      { what: 'both tickets routed' },
    );
    expect(routed.map((r) => [r.area, r.priority])).toEqual([
      ['UIT', 'ALTA'],
      ['UPAT', 'BAJA'],
    ]);
  });

  it('folds repeated firings into the open ticket with a count and last-seen time, without flooding the timeline', async () => {
    const before = await counts();
    for (let i = 0; i < 5; i++) {
      const again = await post(alertmanager, fixture('alertmanager-firing.json'));
      expect(again.body.alerts.map((a) => a.outcome)).toEqual(['folded', 'folded']);
    }
    const after = await counts();
    expect(after.tickets).toBe(before.tickets);
    // Within the 30-minute interval nothing is added to the timeline.
    expect(after.notes).toBe(before.notes);
    const list = await f.http.send<AlertList>('GET', '/api/v1/monitoring/alerts', { token: f.adminToken });
    const down = list.body.alerts.find((a) => a.alertKey === 'b4c1f6a1d2e3f405')!;
    expect(down.firingCount).toBe(6);
    expect(down.labels.instance).toBe('srv-sigep-01:9100');
    const ofTicket = await f.http.send<AlertList>('GET', `/api/v1/tickets/${down.ticketNumber}/alerts`, {
      token: f.adminToken,
    });
    expect(ofTicket.body.alerts).toHaveLength(1);
    expect(ofTicket.body.alerts[0]).toMatchObject({ firingCount: 6, status: 'firing', area: 'UIT', priority: 'ALTA' });
  });

  it('adds "alerta resuelta" to the ticket when the alert resolves, and never closes it', async () => {
    const resolved = await post(alertmanager, fixture('alertmanager-resolved.json'));
    expect(resolved.status).toBe(200);
    expect(resolved.body.alerts).toEqual([
      expect.objectContaining({ alertKey: 'b4c1f6a1d2e3f405', outcome: 'resolved' }),
    ]);
    const number = resolved.body.alerts[0]!.ticketNumber;
    const notes = await waitFor(
      async () => {
        const rows = await comments(number);
        return rows.length > 0 ? rows : undefined;
      },
      { what: 'the resolved note on the ticket' },
    );
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ internal: true, channel: 'monitoreo' });
    expect(notes[0]!.text).toContain('Alerta resuelta');
    // Alertmanager repeats resolved notifications: one note only.
    await post(alertmanager, fixture('alertmanager-resolved.json'));
    const status = await f.db.query<{ status: string }>(`SELECT status FROM resolution.tickets WHERE number = $1`, [
      number,
    ]);
    expect(status.rows[0]!.status).toBe('abierto');
    expect(await counts()).toMatchObject({ notes: 1 });
  });

  it('takes Zabbix problems and recoveries by trigger id, routed by host group', async () => {
    const problem = await post(zabbix, fixture('zabbix-problem.json'), {
      authorization: '',
      'x-cau-webhook-token': zabbix.secret,
    });
    expect(problem.status).toBe(200);
    expect(problem.body.alerts).toEqual([expect.objectContaining({ alertKey: 'trigger:23771', outcome: 'opened' })]);
    const number = problem.body.alerts[0]!.ticketNumber;
    const again = await post(zabbix, { ...fixture('zabbix-problem.json'), event_id: '48301' });
    expect(again.body.alerts[0]).toMatchObject({ outcome: 'folded', ticketNumber: number });
    const routed = await waitFor(
      async () => {
        const rows = (
          await f.db.query<{ area: string; priority: string }>(
            `SELECT area, priority FROM routing.tickets WHERE number = $1`,
            [number],
          )
        ).rows;
        return rows[0];
      },
      { what: 'the Zabbix ticket routed' },
    );
    expect(routed).toEqual({ area: 'ACGII', priority: 'ALTA' });
    const recovered = await post(zabbix, fixture('zabbix-resolved.json'));
    expect(recovered.body.alerts[0]).toMatchObject({ outcome: 'resolved', ticketNumber: number });
    await waitFor(async () => ((await comments(number)).length === 1 ? true : undefined), {
      what: 'the Zabbix recovery note',
    });
  });

  it('makes one ticket of identical alerts arriving at once at two intake instances', async () => {
    const body = fixture('alertmanager-firing.json');
    const alerts = body.alerts as Array<Record<string, unknown>>;
    alerts.splice(1, 1);
    alerts[0]!.fingerprint = 'concurrent-0001';
    const before = await counts();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(alertmanager, body)));
    expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200));
    // Those that arrived while the ticket was being opened were queued (answered at once, counted right after).
    const numbered = answers.filter((a) => a.body.alerts[0]!.outcome !== 'queued');
    expect(new Set(numbered.map((a) => a.body.alerts[0]!.ticketNumber)).size).toBe(1);
    expect(answers.filter((a) => a.body.alerts[0]!.outcome === 'opened')).toHaveLength(1);
    expect(await counts()).toMatchObject({ tickets: before.tickets + 1, records: before.records + 1 });
    await waitFor(async () => (await firingCount('concurrent-0001')) === 8);
  });

  it('counts every firing of an alert that arrives at both intake instances at once, resolutions among them', async () => {
    const firing = fixture('alertmanager-firing.json');
    (firing.alerts as unknown[]).splice(1, 1);
    (firing.alerts as Array<Record<string, unknown>>)[0]!.fingerprint = 'concurrent-count-0001';
    const resolved = fixture('alertmanager-resolved.json');
    (resolved.alerts as Array<Record<string, unknown>>)[0]!.fingerprint = 'concurrent-count-0001';
    const opened = await post(alertmanager, firing);
    expect(opened.body.alerts[0]).toMatchObject({ outcome: 'opened' });
    const number = opened.body.alerts[0]!.ticketNumber;
    const record = async () =>
      (
        await f.db.query<{ firing_count: number; last_note_at: Date }>(
          `SELECT firing_count, last_note_at FROM intake.alert_records WHERE alert_key = 'concurrent-count-0001'`,
        )
      ).rows;

    // Repeated firings are counted in one statement, resolutions the full way, at either instance: none is lost.
    const answers = await Promise.all(
      Array.from({ length: 48 }, (_, i) => post(alertmanager, i % 8 === 7 ? resolved : firing)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(48).fill(200));
    // Firings that arrived while a resolution was being written were queued and are counted right after it.
    const outcomes = answers.map((a) => a.body.alerts[0]!);
    expect(new Set(outcomes.filter((a) => a.outcome !== 'queued').map((a) => a.ticketNumber))).toEqual(
      new Set([number]),
    );
    expect(outcomes.filter((a) => a.outcome === 'folded' || a.outcome === 'queued')).toHaveLength(42);
    expect(outcomes.filter((a) => a.outcome === 'resolved')).toHaveLength(6);
    await waitFor(async () => (await firingCount('concurrent-count-0001')) === 43);
    expect(await f.db.query(`SELECT 1 FROM intake.alert_parked_firings`)).toMatchObject({ rowCount: 0 });

    // Once the interval has passed, the next firing is noted on the ticket (and still counted).
    await f.db.query(
      `UPDATE intake.alert_records SET last_note_at = now() - interval '31 minutes' WHERE alert_key = 'concurrent-count-0001'`,
    );
    const notesBefore = (await counts()).notes;
    const due = await post(alertmanager, firing);
    expect(due.body.alerts[0]).toMatchObject({ outcome: 'folded', ticketNumber: number });
    expect((await counts()).notes).toBe(notesBefore + 1);
    const [after] = await record();
    expect(after!.firing_count).toBe(44);
    expect(Date.now() - after!.last_note_at.getTime()).toBeLessThan(60_000);
    // Within the interval again: counted, not noted.
    await post(alertmanager, firing);
    expect((await counts()).notes).toBe(notesBefore + 1);
    expect((await record()).map((r) => r.firing_count)).toEqual([45]);
  });

  it("folds the repeats of open alerts while another alert's ticket is still being opened (even one of the same lane)", async () => {
    const firingOf = (fingerprint: string) => {
      const body = fixture('alertmanager-firing.json');
      (body.alerts as unknown[]).splice(1, 1);
      (body.alerts as Array<Record<string, unknown>>)[0]!.fingerprint = fingerprint;
      return body;
    };
    const id = alertmanager.integration.id;
    const opening = 'slow-opening-0001';
    // An open alert whose firings are taken in the same lane as the new one's.
    const open = Array.from({ length: 64 }, (_, i) => `same-lane-${i}`).find(
      (key) => alertLane(id, key) === alertLane(id, opening),
    )!;
    const first = await post(alertmanager, firingOf(open));
    expect(first.body.alerts[0]).toMatchObject({ outcome: 'opened' });

    // The new alert's registration waits on the ticket-number row, held here, as it would behind a slow batch.
    const holder = new pg.Client({ connectionString: f.infra.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT last_number FROM intake.ticket_number WHERE id = 1 FOR UPDATE');
      let openingSettled = false;
      const slow = post(alertmanager, firingOf(opening)).finally(() => (openingSettled = true));
      await waitFor(async () => {
        const waiting = await f.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%ticket_number%'`,
        );
        return Number(waiting.rows[0]!.n) === 1;
      });
      // Six calls, so that both intake instances (and the one whose lane holds the opening) take some.
      const repeats = await Promise.all(Array.from({ length: 6 }, () => post(alertmanager, firingOf(open))));
      expect(repeats.map((r) => [r.status, r.body.alerts[0]!.outcome])).toEqual(Array(6).fill([200, 'folded']));
      expect(openingSettled).toBe(false);
      await holder.query('ROLLBACK');
      const opened = await slow;
      expect(opened.status).toBe(200);
      expect(opened.body.alerts[0]).toMatchObject({ outcome: 'opened' });
    } finally {
      await holder.end();
    }
    const counted = await f.db.query<{ firing_count: number }>(
      `SELECT firing_count FROM intake.alert_records WHERE alert_key = $1`,
      [open],
    );
    expect(counted.rows.map((r) => r.firing_count)).toEqual([7]);
  });

  describe('with one intake instance (the one opening the ticket takes every call)', () => {
    const firingOf = (fingerprint: string) => {
      const body = fixture('alertmanager-firing.json');
      (body.alerts as unknown[]).splice(1, 1);
      (body.alerts as Array<Record<string, unknown>>)[0]!.fingerprint = fingerprint;
      return body;
    };
    /** Holds the ticket-number row, as a slow batch would: an opening waits on it. */
    const holdTicketNumbers = async () => {
      const holder = new pg.Client({ connectionString: f.infra.database.url });
      await holder.connect();
      await holder.query('BEGIN');
      await holder.query('SELECT last_number FROM intake.ticket_number WHERE id = 1 FOR UPDATE');
      return holder;
    };
    const openingsWaiting = async () =>
      Number(
        (
          await f.db.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity
              WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%ticket_number%'`,
          )
        ).rows[0]!.n,
      );

    beforeAll(async () => {
      await secondIntake.stop();
    });
    afterAll(async () => {
      secondIntake = await startService(intakeService, f.env);
    });

    it('answers the repeats of an alert whose ticket is still being opened at once (queued), and counts them once it is open', async () => {
      const key = 'parked-repeats-0001';
      const holder = await holdTicketNumbers();
      try {
        let openingSettled = false;
        const opening = post(alertmanager, firingOf(key)).finally(() => (openingSettled = true));
        await waitFor(async () => (await openingsWaiting()) === 1);
        const repeats = await Promise.all(Array.from({ length: 6 }, () => post(alertmanager, firingOf(key))));
        expect(repeats.map((r) => [r.status, r.body.alerts[0]])).toEqual(
          Array(6).fill([200, { alertKey: key, ticketNumber: 0, outcome: 'queued' }]),
        );
        expect(openingSettled).toBe(false);
        const parked = await f.db.query(`SELECT 1 FROM intake.alert_parked_firings WHERE alert_key = $1`, [key]);
        expect(parked.rowCount).toBe(6);
        await holder.query('ROLLBACK');
        expect((await opening).body.alerts[0]).toMatchObject({ outcome: 'opened' });
      } finally {
        await holder.end();
      }
      await waitFor(async () => (await firingCount(key)) === 7);
      const left = await f.db.query(`SELECT 1 FROM intake.alert_parked_firings WHERE alert_key = $1`, [key]);
      expect(left.rowCount).toBe(0);
      // The next firing folds into the same ticket.
      const next = await post(alertmanager, firingOf(key));
      expect(next.body.alerts[0]).toMatchObject({ outcome: 'folded' });
      expect(await firingCount(key)).toBe(8);
    });

    it('applies a resolution after the repeats queued before it', async () => {
      const key = 'parked-then-resolved-0001';
      const resolved = fixture('alertmanager-resolved.json');
      (resolved.alerts as Array<Record<string, unknown>>)[0]!.fingerprint = key;
      const holder = await holdTicketNumbers();
      let number = 0;
      try {
        const opening = post(alertmanager, firingOf(key));
        await waitFor(async () => (await openingsWaiting()) === 1);
        const repeats = await Promise.all(Array.from({ length: 3 }, () => post(alertmanager, firingOf(key))));
        expect(repeats.map((r) => r.body.alerts[0]!.outcome)).toEqual(['queued', 'queued', 'queued']);
        // The resolution waits behind the opening (it is not parked), and so does a firing after it.
        const resolving = post(alertmanager, resolved);
        const after = post(alertmanager, firingOf(key));
        await holder.query('ROLLBACK');
        number = (await opening).body.alerts[0]!.ticketNumber;
        expect((await resolving).body.alerts[0]).toMatchObject({ outcome: 'resolved', ticketNumber: number });
        expect((await after).body.alerts[0]).toMatchObject({ outcome: 'folded', ticketNumber: number });
      } finally {
        await holder.end();
      }
      const record = await f.db.query<{ firing_count: number; status: string }>(
        `SELECT firing_count, status FROM intake.alert_records WHERE alert_key = $1`,
        [key],
      );
      // 1 + 3 queued, resolved, then fired again: the resolution came after the queued repeats.
      expect(record.rows).toEqual([{ firing_count: 5, status: 'firing' }]);
      // Its note counts the firings before it: the opening and the three queued.
      await waitFor(async () => (await comments(number)).some((c) => c.text.includes('se disparó 4 veces')));
    });

    it('counts firings an instance left parked when it stopped (any instance sweeps them after 30 s)', async () => {
      const key = 'parked-left-behind-0001';
      const opened = await post(alertmanager, firingOf(key));
      expect(opened.body.alerts[0]).toMatchObject({ outcome: 'opened' });
      const alert = {
        ...(
          await f.db.query<{ labels: unknown }>(`SELECT labels FROM intake.alert_records WHERE alert_key = $1`, [key])
        ).rows[0],
        key,
        name: 'left behind',
        status: 'firing',
        severity: null,
        hostGroups: [],
        summary: null,
        description: null,
        startsAt: null,
        endsAt: null,
        url: null,
      };
      // As an instance that stopped between parking them and sweeping them would have left them.
      await f.db.query(
        `INSERT INTO intake.alert_parked_firings (integration_id, alert_key, alert, arrival, parked_at)
         SELECT $1, $2, $3, extract(epoch FROM now()) * 1000 - 60000 + g, now() - interval '1 minute'
           FROM generate_series(1, 2) g`,
        [alertmanager.integration.id, key, JSON.stringify(alert)],
      );
      await waitFor(async () => (await firingCount(key)) === 3, { timeoutMs: 45_000 });
      const left = await f.db.query(`SELECT 1 FROM intake.alert_parked_firings WHERE alert_key = $1`, [key]);
      expect(left.rowCount).toBe(0);
    });

    it('opens the ticket with the queued repeats when its opening failed', async () => {
      const key = 'parked-failed-opening-0001';
      const before = await counts();
      const holder = await holdTicketNumbers();
      try {
        const opening = post(alertmanager, firingOf(key));
        await waitFor(async () => (await openingsWaiting()) === 1);
        const repeats = await Promise.all(Array.from({ length: 4 }, () => post(alertmanager, firingOf(key))));
        expect(repeats.map((r) => r.body.alerts[0]!.outcome)).toEqual(Array(4).fill('queued'));
        // The opening's connection dies, twice (its batch, then its own attempt): its call fails, the tool
        // would send it again. The queued repeats are stored: they open the ticket.
        // (A terminated backend may still be listed for a moment: each time, wait for a new one.)
        const waitingPids = async () =>
          (
            await f.db.query<{ pid: number }>(
              `SELECT pid FROM pg_stat_activity
                WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%ticket_number%'`,
            )
          ).rows.map((r) => r.pid);
        const terminated = new Set<number>();
        const nextWaiting = async () => {
          let pid: number | undefined;
          await waitFor(async () => (pid = (await waitingPids()).find((p) => !terminated.has(p))) !== undefined);
          return pid!;
        };
        for (let attempt = 0; attempt < 2; attempt++) {
          const pid = await nextWaiting();
          terminated.add(pid);
          await f.db.query(`SELECT pg_terminate_backend($1)`, [pid]);
        }
        expect((await opening).status).toBeGreaterThanOrEqual(500);
        // The sweep opens the ticket with the first queued repeat: it waits on the row too.
        await nextWaiting();
        await holder.query('ROLLBACK');
      } finally {
        await holder.end();
      }
      await waitFor(async () => (await firingCount(key)) === 4);
      expect(await counts()).toMatchObject({ tickets: before.tickets + 1, records: before.records + 1 });
    });
  });

  it('opens a new ticket when an alert fires again after its ticket was closed, never folding into the closed one', async () => {
    const body = fixture('alertmanager-firing.json');
    const alerts = body.alerts as Array<Record<string, unknown>>;
    alerts.splice(1, 1);
    alerts[0]!.fingerprint = 'closed-then-again-0001';
    const first = await post(alertmanager, body);
    expect(first.body.alerts[0]).toMatchObject({ outcome: 'opened' });
    const closedNumber = first.body.alerts[0]!.ticketNumber;

    // Closed through the real lifecycle: taken, solved, submitted and approved (an administrator may do all).
    const act = (action: string, json: Record<string, unknown> = {}) =>
      f.http.send('POST', `/api/v1/tickets/${closedNumber}/${action}`, { token: f.adminToken, json });
    await waitFor(async () => ((await act('take')).status === 200 ? true : undefined), {
      what: 'resolution to let the alert ticket be taken',
    });
    expect((await act('solution', { solution: 'Se reinició el servidor.' })).status).toBe(200);
    // UIT returns the solution to the service desk, which submits it to review once resolution has it back.
    const returned = await act('derivations', { to: 'L1', reason: 'Solución lista.' });
    expect(returned.status).toBe(201);
    await waitFor(
      async () => ((await act('submit', { verifiedWithRequester: true })).status === 200 ? true : undefined),
      { what: 'the service desk to submit the solution' },
    );
    expect((await act('review', { decision: 'approve' })).status).toBe(200);
    const status = await f.db.query<{ status: string }>(`SELECT status FROM resolution.tickets WHERE number = $1`, [
      closedNumber,
    ]);
    expect(status.rows[0]!.status).toBe('cerrado');
    // Intake learns of the closure from resolution's ticket.closed.
    await waitFor(
      async () =>
        (
          await f.db.query(
            `SELECT 1 FROM intake.alert_records WHERE alert_key = 'closed-then-again-0001' AND finished_at IS NOT NULL`,
          )
        ).rows.length === 1 || undefined,
      { what: 'intake to learn that the ticket was closed' },
    );

    const before = await counts();
    const again = await post(alertmanager, body);
    expect(again.body.alerts[0]).toMatchObject({ alertKey: 'closed-then-again-0001', outcome: 'opened' });
    const newNumber = again.body.alerts[0]!.ticketNumber;
    expect(newNumber).not.toBe(closedNumber);
    expect(await counts()).toMatchObject({ tickets: before.tickets + 1, records: before.records + 1 });
    // The closed ticket keeps what it had; the new one counts from one and takes the next firings.
    const ofTicket = async (number: number) =>
      (await f.http.send<AlertList>('GET', `/api/v1/tickets/${number}/alerts`, { token: f.adminToken })).body.alerts;
    expect((await ofTicket(closedNumber)).map((a) => a.firingCount)).toEqual([1]);
    expect((await ofTicket(newNumber)).map((a) => a.firingCount)).toEqual([1]);
    const third = await post(alertmanager, body);
    expect(third.body.alerts[0]).toMatchObject({ outcome: 'folded', ticketNumber: newNumber });
    expect((await ofTicket(newNumber)).map((a) => a.firingCount)).toEqual([2]);
  });

  it('lets administrators rotate the secret (the old one stops working) and disable an integration (404)', async () => {
    // Both intake instances accept the current secret first (and remember the integration they accepted).
    const accepted = await Promise.all(Array.from({ length: 6 }, () => post(zabbix, fixture('zabbix-problem.json'))));
    expect(accepted.map((a) => a.status)).toEqual(Array(6).fill(200));
    const rotated = await f.http.send<Created>(
      'POST',
      `/api/v1/monitoring/integrations/${zabbix.integration.id}/secret`,
      {
        token: f.adminToken,
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(zabbix.secret);
    // At whichever instance each call lands.
    const withOld = await Promise.all(Array.from({ length: 6 }, () => post(zabbix, fixture('zabbix-problem.json'))));
    expect(withOld.map((a) => a.status)).toEqual(Array(6).fill(401));
    zabbix = rotated.body;
    expect((await post(zabbix, fixture('zabbix-problem.json'))).status).toBe(200);
    const disabled = await f.http.send('PUT', `/api/v1/monitoring/integrations/${zabbix.integration.id}`, {
      token: f.adminToken,
      json: {
        name: 'Zabbix central',
        kind: 'zabbix',
        enabled: false,
        jurisdiction: 'CAU',
        category: 'sistemas-y-aplicaciones',
        contactEmail: 'monitoreo@cau.test',
        contactName: 'Equipo de monitoreo',
        defaultArea: 'UIT',
      },
    });
    expect(disabled.status).toBe(200);
    const afterDisabling = await Promise.all(
      Array.from({ length: 6 }, () => post(zabbix, fixture('zabbix-problem.json'))),
    );
    expect(afterDisabling.map((a) => a.status)).toEqual(Array(6).fill(404));
    const audit = await f.db.query<{ action: string }>(
      `SELECT action FROM gateway.audit_log WHERE target_type = 'monitoring-integration' ORDER BY seq`,
    );
    expect(audit.rows.map((r) => r.action)).toEqual([
      'monitoring-integration.create',
      'monitoring-integration.create',
      'monitoring-integration.rotate-secret',
      'monitoring-integration.update',
    ]);
  });

  it('refuses an integration whose area or category does not exist, naming the field; non-administrators get 403', async () => {
    const bad = await f.http.send('POST', '/api/v1/monitoring/integrations', {
      token: f.adminToken,
      json: {
        name: 'Otra',
        kind: 'alertmanager',
        jurisdiction: 'CAU',
        category: 'no-existe',
        contactEmail: 'monitoreo@cau.test',
        contactName: 'Equipo',
        defaultArea: 'NOPE',
        areaRules: [{ match: 'label', value: 'x', area: 'UIT' }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields?.map((p) => p.field).sort()).toEqual(['areaRules.0.key', 'category', 'defaultArea']);
    const operator = await f.http.account(f.adminToken, { email: 'operador@cau.test', role: 'operator', area: 'L1' });
    expect((await f.http.send('GET', '/api/v1/monitoring/integrations', { token: operator })).status).toBe(403);
  });
});
