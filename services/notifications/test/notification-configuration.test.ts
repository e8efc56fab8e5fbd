import { randomUUID } from 'node:crypto';
import {
  CatalogueEvents,
  ErrorCode,
  NotificationsRpc,
  ProcedureEvents,
  type ActorV1,
  type AnyRpcDefinition,
  type ByV1,
  type EventEnvelope,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { startTestSmtpServer, waitFor, type ServiceBench, type TestSmtpServer } from '@cau/testing';
import { notificationsService } from '../src/notifications.service.js';
import { RULE_MAILS } from '../src/ticket-mails/ticket-mail-plans.js';
import { publish, startNotifications, ticketEvent, ticketRegistered } from './helpers.js';

const DOMAIN = 'cau.example.gob';
const SEEDED = 'UIT=uit@agetic.gob.bo,L1=mesa@agetic.gob.bo';
const agent = { accountId: randomUUID(), name: 'Agente UIT', role: 'agent' } satisfies ByV1;
const at = '2026-11-24T15:00:00.000Z';
const actor = (role: ActorV1['role']): ActorV1 => ({
  accountId: randomUUID(),
  role,
  email: `${role}@agetic.gob.bo`,
  name: `Persona ${role}`,
});
const admin = actor('admin');

describe('notifications: the rules and the areas’ mailboxes as administered data', () => {
  let smtp: TestSmtpServer;
  let bench: ServiceBench;
  let nextNumber = 900;

  const refusal = async (definition: AnyRpcDefinition, data: unknown) => {
    try {
      await bench.rpc.send(definition.subject, data);
    } catch (error) {
      if (error instanceof ServiceError) return error.payload;
      throw error;
    }
    throw new Error(`expected ${definition.subject} to be refused`);
  };
  const mailboxes = () => bench.rpc.request(NotificationsRpc.ListAreaMailboxes, { actor: actor('agent') });
  const rules = () => bench.rpc.request(NotificationsRpc.ListRules, { actor: actor('operator') });
  const recipientsOf = async (event: EventEnvelope<object>) =>
    (
      await bench.db.query<{ recipient: string }>(
        'SELECT recipient FROM notifications.deliveries WHERE event_id = $1',
        [event.id],
      )
    ).rows.map((row) => row.recipient);

  /** Registers a ticket, escalates it to UIT and waits until the escalation has been handled. */
  const escalateToUit = async (): Promise<EventEnvelope<object>> => {
    const registered = ticketRegistered(++nextNumber);
    const escalated = ticketEvent(
      ProcedureEvents.TicketEscalated,
      registered,
      { derivationId: randomUUID(), from: 'L1', to: 'UIT', kind: 'escalate', reason: 'Servidor caído', by: agent, at },
      1,
    );
    await publish(bench.nc, bench.env, registered, registered.id);
    await publish(bench.nc, bench.env, escalated, escalated.id, 'UIT');
    await waitFor(
      async () =>
        (await bench.db.query('SELECT 1 FROM notifications.inbox WHERE event_id = $1', [escalated.id])).rowCount === 1,
      { what: 'the escalation to be handled' },
    );
    return escalated;
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    bench = await startNotifications('notifconfig', {
      SMTP_URL: smtp.url,
      MAIL_FROM: `"CAU Mesa de Servicios" <mesa@${DOMAIN}>`,
      PORTAL_URL: `https://${DOMAIN}`,
      AREA_MAILBOXES: SEEDED,
    });
  });

  afterAll(async () => {
    await bench?.stop();
    await smtp?.close();
  });

  it('starts with the mailboxes of AREA_MAILBOXES and every rule the service has a mail for', async () => {
    expect(await mailboxes()).toEqual({
      mailboxes: [
        { area: 'L1', email: 'mesa@agetic.gob.bo' },
        { area: 'UIT', email: 'uit@agetic.gob.bo' },
      ],
    });
    const listed = (await rules()).rules;
    expect(listed.map((r) => [r.eventType, r.recipientKind])).toEqual(
      RULE_MAILS.map((r) => [r.eventType, r.recipientKind]),
    );
    expect(listed.find((r) => r.eventType === 'ticket.registered' && r.recipientKind === 'requester')).toEqual({
      eventType: 'ticket.registered',
      recipientKind: 'requester',
      mailKind: 'ticket-registered',
      enabled: true,
      essential: true,
    });
    for (const outsider of [actor('requester'), actor('referente')]) {
      expect((await refusal(NotificationsRpc.ListRules, { actor: outsider })).code).toBe(ErrorCode.Forbidden);
      expect((await refusal(NotificationsRpc.ListAreaMailboxes, { actor: outsider })).code).toBe(ErrorCode.Forbidden);
    }
  });

  it('mails a derivation to the mailbox an administrator set, from the next event on', async () => {
    expect(await recipientsOf(await escalateToUit())).toEqual(['uit@agetic.gob.bo']);
    const edited = [
      { area: 'L1', email: 'mesa@agetic.gob.bo' },
      { area: 'UIT', email: 'Infraestructura@Agetic.gob.bo' },
    ];
    for (const role of ['supervisor', 'operator', 'agent'] as const) {
      const refused = await refusal(NotificationsRpc.ReplaceAreaMailboxes, {
        actor: actor(role),
        mailboxes: edited,
      });
      expect(refused.code).toBe(ErrorCode.Forbidden);
    }
    const stored = await bench.rpc.request(NotificationsRpc.ReplaceAreaMailboxes, {
      actor: admin,
      mailboxes: edited,
    });
    expect(stored.mailboxes).toEqual([
      { area: 'L1', email: 'mesa@agetic.gob.bo' },
      { area: 'UIT', email: 'infraestructura@agetic.gob.bo' },
    ]);
    expect(await recipientsOf(await escalateToUit())).toEqual(['infraestructura@agetic.gob.bo']);
  });

  it('refuses a repeated area or a bad address naming the field, and keeps what was stored', async () => {
    const before = await mailboxes();
    const repeated = await refusal(NotificationsRpc.ReplaceAreaMailboxes, {
      actor: admin,
      mailboxes: [
        { area: 'UIT', email: 'a@agetic.gob.bo' },
        { area: 'UIT', email: 'b@agetic.gob.bo' },
      ],
    });
    expect(repeated).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'mailboxes.1.area', constraint: 'duplicateArea', params: ['UIT'] }],
    });
    const badAddress = await refusal(NotificationsRpc.ReplaceAreaMailboxes, {
      actor: admin,
      mailboxes: [{ area: 'UIT', email: 'no es un correo' }],
    });
    expect(badAddress.fields).toEqual([expect.objectContaining({ field: 'mailboxes.0.email', constraint: 'isEmail' })]);
    expect(await mailboxes()).toEqual(before);
  });

  it('stops a mail when its rule is turned off, and refuses rules without a mail', async () => {
    const current = (await rules()).rules;
    const withoutEscalationMail = current
      .filter((r) => r.enabled)
      .filter((r) => !(r.eventType === 'ticket.escalated' && r.recipientKind === 'area-mailbox'))
      .map(({ eventType, recipientKind, enabled, essential }) => ({ eventType, recipientKind, enabled, essential }));
    const refused = await refusal(NotificationsRpc.ReplaceRules, {
      actor: actor('supervisor'),
      rules: withoutEscalationMail,
    });
    expect(refused.code).toBe(ErrorCode.Forbidden);
    const noMail = await refusal(NotificationsRpc.ReplaceRules, {
      actor: admin,
      rules: [
        ...withoutEscalationMail,
        { eventType: 'ticket.closed', recipientKind: 'supervisors', enabled: true, essential: false },
      ],
    });
    expect(noMail.fields).toEqual([
      {
        field: `rules.${withoutEscalationMail.length}`,
        constraint: 'noSuchMail',
        params: ['ticket.closed', 'supervisors'],
      },
    ]);
    expect((await rules()).rules).toEqual(current);

    const saved = await bench.rpc.request(NotificationsRpc.ReplaceRules, {
      actor: admin,
      rules: withoutEscalationMail,
    });
    expect(
      saved.rules.find((r) => r.eventType === 'ticket.escalated' && r.recipientKind === 'area-mailbox')?.enabled,
    ).toBe(false);
    expect(await recipientsOf(await escalateToUit())).toEqual([]);
  });

  it('mails the referentes and supervisors the catalogue names for a jurisdiction', async () => {
    const changed: EventEnvelope<object> = {
      id: randomUUID(),
      type: CatalogueEvents.Changed.type,
      version: CatalogueEvents.Changed.version,
      occurredAt: new Date().toISOString(),
      ticketId: null,
      source: 'intake',
      sequence: 1,
      correlationId: randomUUID(),
      causationId: null,
      data: {
        kind: 'jurisdiction',
        code: 'MINSAL',
        retired: false,
        referenteEmails: ['Ref.Uno@minsal.gob.bo', 'ref.dos@minsal.gob.bo'],
        supervisorEmails: ['supervision@minsal.gob.bo'],
      },
    };
    await publish(bench.nc, bench.env, changed, changed.id);
    const registered = ticketRegistered(++nextNumber);
    registered.data.jurisdiction = 'MINSAL';
    const resolved = ticketEvent(
      ProcedureEvents.TicketResolved,
      registered,
      { area: 'L1', status: 'resuelto', by: agent, at, verifiedWithRequester: true, solution: 'Se cambió el tóner.' },
      1,
    );
    await publish(bench.nc, bench.env, registered, registered.id);
    await publish(bench.nc, bench.env, resolved, resolved.id);
    await waitFor(async () => (await recipientsOf(resolved)).length > 0, { what: 'the resolution mails' });
    expect((await recipientsOf(registered)).sort()).toEqual([
      registered.data.requester.email,
      'ref.dos@minsal.gob.bo',
      'ref.uno@minsal.gob.bo',
    ]);
    expect(await recipientsOf(resolved)).toContain('supervision@minsal.gob.bo');
  });

  it('keeps the administrator’s mailboxes across a restart: AREA_MAILBOXES is only a seed', async () => {
    const before = await mailboxes();
    expect(before.mailboxes.find((m) => m.area === 'UIT')?.email).toBe('infraestructura@agetic.gob.bo');
    await bench.stopService(bench.services[0]!);
    await bench.start(notificationsService);
    expect(await mailboxes()).toEqual(before);
  });
});
