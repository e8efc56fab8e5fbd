import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { startService, type RunningService } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type TestSmtpServer } from '@cau/testing';
import { ProcedureEvents, type ReportScheduleV1 } from '@cau/contracts';
import { notificationsService } from '../../notifications/src/notifications.service.js';
import { publish, ticketEvent, ticketRegistered } from '../../notifications/test/helpers.js';
import { startGateway, type ErrorBody, type GatewayFixture } from '../../gateway/test/gateway-fixture.js';
import { reportingService } from '../src/reporting.service.js';

const ZONE = 'America/Argentina/Buenos_Aires';
/** Long enough for every instance to have looked several times (they look every second here). */
const SETTLE_MS = 3_500;
const technician = { accountId: randomUUID(), name: 'Tomás Técnico', role: 'operator' };
const supervisor = { accountId: randomUUID(), name: 'Sara Supervisora', role: 'supervisor' };

describe('scheduled reports: computed by reporting, mailed by notifications, once', () => {
  let f: GatewayFixture;
  let smtp: TestSmtpServer;
  let nc: NatsConnection;
  const services: RunningService[] = [];
  const previousZone = process.env.CAU_TIME_ZONE;
  const yesterday = DateTime.now().setZone(ZONE).startOf('day').minus({ days: 1 });

  beforeAll(async () => {
    process.env.CAU_TIME_ZONE = ZONE;
    smtp = await startTestSmtpServer();
    f = await startGateway('gwschedules');
    const env = { ...f.env, REPORTING_PORT: '0', REPORT_SCHEDULE_INTERVAL_MS: '1000' };
    // Two reporting instances both look for due reports: each period must still be mailed once.
    services.push(await startService(reportingService, env), await startService(reportingService, env));
    services.push(
      await startService(notificationsService, {
        ...f.env,
        NOTIFICATIONS_PORT: '0',
        SMTP_URL: smtp.url,
        MAIL_FROM: '"CAU Mesa de Servicios" <mesa@cau.example.gob>',
        PORTAL_URL: 'https://cau.example.gob/',
        MAIL_TIME_ZONE: ZONE,
      }),
    );
    nc = await connect({ servers: f.env.NATS_URL });
    // Two tickets registered yesterday at noon, local time.
    const events = [1, 2].map((n) => {
      const event = ticketRegistered(n);
      event.data.registeredAt = yesterday.plus({ hours: 12 }).toUTC().toISO()!;
      return event;
    });
    for (const event of events) await publish(nc, f.env as Record<string, string>, event);
    // Tomás takes ticket 1 yesterday, logs 25 minutes, registers the solution; the supervisor closes it.
    const at = (hour: number, minute = 0) => yesterday.plus({ hours: hour, minutes: minute }).toUTC().toISO()!;
    const step = (hour: number, minute: number, status: 'en_curso' | 'resuelto' | 'cerrado', by = technician) => ({
      by,
      at: at(hour, minute),
      area: 'L1',
      status,
    });
    const lifecycle = [
      ticketEvent(ProcedureEvents.TicketTaken, events[0]!, { ...step(12, 30, 'en_curso'), assignee: technician }, 1),
      ticketEvent(
        ProcedureEvents.WorkLogged,
        events[0]!,
        { ...step(13, 0, 'en_curso'), description: 'Drivers', minutes: 25 },
        2,
      ),
      ticketEvent(
        ProcedureEvents.SolutionProposed,
        events[0]!,
        { ...step(13, 10, 'en_curso'), solution: 'Drivers' },
        3,
      ),
      ticketEvent(
        ProcedureEvents.TicketResolved,
        events[0]!,
        { ...step(13, 20, 'resuelto'), verifiedWithRequester: true, solution: 'Drivers' },
        4,
      ),
      ticketEvent(
        ProcedureEvents.TicketClosed,
        events[0]!,
        { ...step(14, 0, 'cerrado', supervisor), resolutionBusinessMinutes: 120, resolutionCalendarMinutes: 120 },
        5,
      ),
    ];
    for (const event of lifecycle) await publish(nc, f.env as Record<string, string>, event, event.id, 'L1');
    await waitFor(
      async () =>
        (
          await f.db.query(
            'SELECT 1 FROM reporting.ticket_facts WHERE number IN (1, 2) AND (number = 2 OR closed_at IS NOT NULL)',
          )
        ).rowCount === 2,
      { what: 'the tickets in the facts, the first closed' },
    );
  });

  afterAll(async () => {
    await nc?.close();
    for (const service of services.reverse()) await service.stop();
    await f?.stop();
    await smtp?.close();
    process.env.CAU_TIME_ZONE = previousZone;
  });

  const api = <T = ErrorBody>(method: string, path: string, json?: unknown, token = f.adminToken) =>
    f.http.send<T>(method, `/api/v1/reports/schedules${path}`, { token, ...(json === undefined ? {} : { json }) });
  const mailsTo = (address: string) => smtp.mails.filter((m) => m.envelopeTo.includes(address));

  it('refuses bad schedules with 400 naming the field, and other roles with 403', async () => {
    const good = { granularity: 'day', recipients: ['jefa@cau.gob'] };
    for (const [body, field] of [
      [{ ...good, granularity: 'hour' }, 'granularity'],
      [{ ...good, recipients: [] }, 'recipients'],
      [{ ...good, recipients: ['no es un correo'] }, 'recipients'],
      [{ ...good, recipients: Array.from({ length: 21 }, (_, i) => `p${i}@cau.gob`) }, 'recipients'],
      [{ ...good, recipients: 'jefa@cau.gob' }, 'recipients'],
      [{ ...good, language: 'fr' }, 'language'],
      [{ ...good, hour: 8 }, 'hour'],
      [{ recipients: ['jefa@cau.gob'] }, 'granularity'],
    ] as const) {
      const answer = await api('POST', '', body);
      expect([body, answer.status, answer.body.code, answer.body.fields?.map((x) => x.field)]).toEqual([
        body,
        400,
        'VALIDATION',
        [field],
      ]);
    }
    expect((await api('DELETE', '/no-es-un-id')).status).toBe(400);
    expect((await api('DELETE', '/6a1f3c1e-1b7e-4d3b-9a55-0c4c1f1e2d3a')).status).toBe(404);
    const supervisor = await f.http.account(f.adminToken, { email: 'supervisora@cau.gob', role: 'supervisor' });
    expect((await api('GET', '', undefined, supervisor)).status).toBe(403);
    expect((await api('POST', '', good, supervisor)).status).toBe(403);
    // The requesters got their registration mails; no summary was sent.
    expect(smtp.mails.filter((m) => m.parsed.subject?.startsWith('[CAU] Resumen'))).toEqual([]);
  });

  it("mails yesterday's summary to each recipient once, however many instances look", async () => {
    const created = await api<ReportScheduleV1>('POST', '', {
      granularity: 'day',
      recipients: ['Jefa@cau.gob', 'jefa@cau.gob', 'director@cau.gob'],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      granularity: 'day',
      recipients: ['jefa@cau.gob', 'director@cau.gob'],
      language: 'es',
      lastPeriodSent: null,
    });
    await waitFor(() => Promise.resolve(mailsTo('jefa@cau.gob').length > 0 && mailsTo('director@cau.gob').length > 0), {
      what: 'the report mails',
      timeoutMs: 20_000,
    });
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    expect(mailsTo('jefa@cau.gob')).toHaveLength(1);
    expect(mailsTo('director@cau.gob')).toHaveLength(1);
    const day = yesterday.toISODate()!;
    const mail = mailsTo('jefa@cau.gob')[0]!.parsed;
    expect(mail.subject).toBe(`[CAU] Resumen diario ${day} a ${day}`);
    expect(mail.text).toContain('Tickets abiertos en el período: 2');
    expect(mail.text).toContain('Llamadas atendidas: 2');
    // The dashboard on the same day, in the portal the platform serves.
    expect(mail.text).toContain(`/informes?period=day&date=${day}`);
    expect(mail.html).toContain('Tickets abiertos en el período');
    // The period's spreadsheet is attached, and opens as XLSX with the period's figures.
    expect(mail.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      [`indicadores-diario-${day}.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(mail.attachments[0]!.content as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Indicadores', 'Técnicos', 'Áreas', 'Tipos', 'Problemas']);
    // No problem recorded: the sheet has its headers only, and the mail says none is open.
    expect(workbook.getWorksheet('Problemas')!.rowCount).toBe(1);
    expect(mail.text).toContain('Problemas abiertos: 0');
    const rowOf = (sheet: string, n: number) => {
      const worksheet = workbook.getWorksheet(sheet)!;
      const headers = worksheet.getRow(1).values as unknown[];
      const values = worksheet.getRow(n).values as unknown[];
      return Object.fromEntries(headers.slice(1).map((h, i) => [h, values[i + 1] ?? null]));
    };
    expect(workbook.getWorksheet('Indicadores')!.rowCount).toBe(2);
    expect(rowOf('Indicadores', 2)).toMatchObject({
      periodo_desde: day,
      abiertos: 2,
      cerrados: 1,
      abiertos_al_cierre: 1,
      llamadas: 2,
      resolucion_habil_prom_min: 120,
    });
    expect(workbook.getWorksheet('Técnicos')!.rowCount).toBe(2);
    expect(rowOf('Técnicos', 2)).toEqual({
      tecnico: 'Tomás Técnico',
      cuenta: technician.accountId,
      tomados: 1,
      resueltos: 1,
      minutos_registrados: 25,
      resolucion_habil_prom_min: 120,
      resolucion_calendario_prom_min: 120,
    });
    expect(rowOf('Áreas', 2)).toEqual({
      area: 'L1',
      resueltos: 1,
      minutos_registrados: 25,
      resolucion_habil_prom_min: 120,
      resolucion_calendario_prom_min: 120,
    });
    expect(rowOf('Tipos', 3)).toEqual({
      tipo: 'incidente',
      abiertos: 2,
      cerrados: 1,
      resolucion_habil_prom_min: 120,
      resolucion_calendario_prom_min: 120,
    });
    // The other recipient's mail carries the same file.
    expect(mailsTo('director@cau.gob')[0]!.parsed.attachments[0]!.content.equals(mail.attachments[0]!.content)).toBe(
      true,
    );
    const listed = await api<ReportScheduleV1[]>('GET', '');
    expect(listed.body.find((s) => s.id === created.body.id)).toMatchObject({ lastPeriodSent: day });
    const runs = await f.db.query('SELECT event_id FROM reporting.report_runs WHERE schedule_id = $1', [
      created.body.id,
    ]);
    expect(runs.rows).toHaveLength(1);
  });

  it('writes the weekly summary in English when asked, and stops once deleted', async () => {
    const created = await api<ReportScheduleV1>('POST', '', {
      granularity: 'week',
      recipients: ['boss@cau.gob'],
      language: 'en',
    });
    expect(created.status).toBe(201);
    await waitFor(() => Promise.resolve(mailsTo('boss@cau.gob').length > 0), {
      what: 'the weekly mail',
      timeoutMs: 20_000,
    });
    expect(mailsTo('boss@cau.gob')[0]!.parsed.subject).toMatch(/^\[CAU\] Weekly summary \d{4}-\d{2}-\d{2} to /);
    expect((await api('DELETE', `/${created.body.id}`)).status).toBe(204);
    const listed = await api<ReportScheduleV1[]>('GET', '');
    expect(listed.body.map((s) => s.id)).not.toContain(created.body.id);
    expect(mailsTo('boss@cau.gob')).toHaveLength(1);
  });
});
