import { Role, type ActorV1 } from '@cau/contracts';
import {
  PUBLIC_LIVE_TYPES,
  announcementReach,
  audienceData,
  followsTicket,
  hearsAnnouncement,
  isPublicEvent,
  resumePlan,
  sseMessage,
  toStreamItem,
  type LiveEvent,
} from './live-events.js';

const REPLAY = 'cau.events._replay.';
const envelope = (type: string, data: Record<string, unknown>) => ({
  id: '4b0c1c2e-0000-4000-8000-000000000001',
  type,
  version: 1,
  occurredAt: '2026-03-02T13:00:00.000Z',
  ticketId: '4b0c1c2e-0000-4000-8000-000000000002',
  source: 'resolution',
  sequence: 3,
  correlationId: 'c',
  causationId: null,
  data,
});
const by = { accountId: 'a1', name: 'Ana Agente', role: 'agent', email: 'ana@cau.gob' };
const actor = (role: ActorV1['role'], extra: Partial<ActorV1> = {}): ActorV1 => ({
  accountId: 'x',
  role,
  email: 'Vecina@Salud.gob',
  name: 'Vecina',
  ...extra,
});

describe('toStreamItem', () => {
  it('keeps the type, number, area, status, time and who — nothing of the payload', () => {
    const item = toStreamItem(
      7,
      'cau.events.ticket.taken.UIT',
      envelope('ticket.taken', { number: 42, area: 'UIT', status: 'en_curso', by, assignee: by, at: 'x' }),
      REPLAY,
    );
    expect(item).toEqual({
      seq: 7,
      event: {
        seq: 7,
        data: {
          type: 'ticket.taken',
          number: 42,
          area: 'UIT',
          status: 'en_curso',
          at: '2026-03-02T13:00:00.000Z',
          by: { accountId: 'a1', name: 'Ana Agente' },
        },
        internal: false,
        facts: null,
      },
    });
  });

  it("gives a derivation's target as the area, and a registration's facts and registering person", () => {
    const derived = toStreamItem(
      1,
      's',
      envelope('ticket.escalated', { number: 5, from: 'L1', to: 'UIT', by, reason: 'r' }),
      REPLAY,
    );
    expect(derived.event?.data).toMatchObject({ area: 'UIT' });
    const registered = toStreamItem(
      2,
      's',
      envelope('ticket.registered', {
        number: 6,
        requester: { email: 'vecina@salud.gob', name: 'V' },
        jurisdiction: 'SALUD',
        registeredBy: { accountId: 'op', name: 'Operadora', role: 'operator' },
        description: 'secreto',
      }),
      REPLAY,
    );
    expect(registered.event).toMatchObject({
      data: { type: 'ticket.registered', number: 6, by: { accountId: 'op', name: 'Operadora' } },
      facts: { requesterEmail: 'vecina@salud.gob', jurisdiction: 'SALUD' },
    });
    expect(JSON.stringify(registered.event?.data)).not.toContain('secreto');
  });

  it("tells of inventory's field work on a ticket by its ticket number, the bare fact to requesters", () => {
    const item = toStreamItem(
      11,
      'cau.events.field-visit.recorded',
      envelope('field-visit.recorded', { ticketNumber: 42, visitId: 'v', workDone: 'Cambio de fuente' }),
      REPLAY,
    );
    expect(item.event).toEqual({
      seq: 11,
      data: { type: 'field-visit.recorded', number: 42, at: '2026-03-02T13:00:00.000Z' },
      internal: false,
      facts: null,
    });
    expect(isPublicEvent(item.event!)).toBe(true);
    const withBy = toStreamItem(
      13,
      's',
      envelope('field-visit.recorded', { ticketNumber: 42, by, area: 'L2' }),
      REPLAY,
    );
    expect(audienceData(actor('requester'), withBy.event!)).toEqual({
      type: 'field-visit.recorded',
      number: 42,
      at: '2026-03-02T13:00:00.000Z',
    });
    expect(audienceData(actor('agent'), withBy.event!)).toMatchObject({
      by: { accountId: 'a1', name: 'Ana Agente' },
      area: 'L2',
    });
    for (const type of ['equipment.ticket-linked', 'equipment.repair-out', 'field.signed-off']) {
      expect(toStreamItem(12, 's', envelope(type, { ticketNumber: 7 }), REPLAY).event?.data.number).toBe(7);
    }
  });

  it('marks internal notes, and has no event for what is not a ticket event', () => {
    const note = toStreamItem(3, 's', envelope('ticket.commented', { number: 9, internal: true, by }), REPLAY);
    expect(note.event?.internal).toBe(true);
    expect(toStreamItem(4, 's', envelope('article.published', { articleId: 'a' }), REPLAY)).toEqual({
      seq: 4,
      event: null,
    });
    expect(toStreamItem(5, 's', null, REPLAY).event).toBeNull();
    // Equipment events that are not about a ticket carry no ticket number.
    expect(toStreamItem(9, 's', envelope('equipment.changed', { id: 'e', ticketNumber: 3 }), REPLAY).event).toBeNull();
    expect(toStreamItem(6, 's', envelope('ticket.taken', { number: -1 }), REPLAY).event).toBeNull();
    expect(toStreamItem(8, `${REPLAY}notifications`, envelope('ticket.taken', { number: 3 }), REPLAY).event).toBeNull();
  });
});

describe('who hears what', () => {
  const event = (type: string, internal = false): LiveEvent => ({
    seq: 1,
    data: { type, number: 1, at: 'x' },
    internal,
    facts: null,
  });

  it('tells requesters and referentes the public steps only: no work logs, reclassifications or notes', () => {
    expect(isPublicEvent(event('ticket.taken'))).toBe(true);
    expect(isPublicEvent(event('ticket.commented'))).toBe(true);
    expect(isPublicEvent(event('ticket.commented', true))).toBe(false);
    expect(isPublicEvent(event('ticket.work-logged'))).toBe(false);
    expect(isPublicEvent(event('ticket.reclassified'))).toBe(false);
    expect(isPublicEvent(event('ticket.something-new'))).toBe(false);
    expect(PUBLIC_LIVE_TYPES.size).toBe(16);
  });

  it("follows reporting's rule: own e-mail for requesters, own jurisdiction for referentes, all for staff", () => {
    const facts = { requesterEmail: 'vecina@salud.gob', jurisdiction: 'SALUD' };
    expect(followsTicket(actor(Role.Requester), facts)).toBe(true);
    expect(followsTicket(actor(Role.Requester, { email: 'otra@salud.gob' }), facts)).toBe(false);
    expect(followsTicket(actor(Role.Referente, { jurisdiction: 'SALUD' }), facts)).toBe(true);
    expect(followsTicket(actor(Role.Referente, { jurisdiction: 'EDUCACION' }), facts)).toBe(false);
    expect(followsTicket(actor(Role.Referente), facts)).toBe(false);
    expect(followsTicket(actor(Role.Agent, { area: 'UIT' }), facts)).toBe(true);
  });
});

describe('resumePlan', () => {
  const stream = { firstSeq: 100, lastSeq: 500 };

  it('starts at the end without an id, or with the last id', () => {
    expect(resumePlan(null, stream, 1000)).toEqual({ kind: 'live' });
    expect(resumePlan(500, stream, 1000)).toEqual({ kind: 'live' });
  });

  it('replays what followed the id', () => {
    expect(resumePlan(450, stream, 1000)).toEqual({ kind: 'replay', from: 451, to: 500 });
    expect(resumePlan(99, stream, 1000)).toEqual({ kind: 'replay', from: 100, to: 500 });
  });

  it('asks for a refetch when events were dropped, too many followed, or the id is unknown', () => {
    expect(resumePlan(50, stream, 1000)).toEqual({ kind: 'reset', reason: 'too-old' });
    expect(resumePlan(200, stream, 100)).toEqual({ kind: 'reset', reason: 'too-old' });
    expect(resumePlan(501, stream, 1000)).toEqual({ kind: 'reset', reason: 'unknown-id' });
    expect(resumePlan(0, { firstSeq: 1, lastSeq: 0 }, 1000)).toEqual({ kind: 'live' });
    expect(resumePlan(0, { firstSeq: 1, lastSeq: 3 }, 1000)).toEqual({ kind: 'replay', from: 1, to: 3 });
  });
});

describe('sseMessage', () => {
  it('writes the fields, one data line, and a blank line', () => {
    expect(sseMessage({ id: 3, event: 'ticket.taken', data: { a: 'b\nc' } })).toBe(
      'id: 3\nevent: ticket.taken\ndata: {"a":"b\\nc"}\n\n',
    );
    expect(sseMessage({ comment: 'heartbeat' })).toBe(': heartbeat\n\n');
    expect(sseMessage({ comment: 'heartbeat', id: 9 })).toBe(': heartbeat\nid: 9\n\n');
  });
});

describe('announcements on the stream', () => {
  const ANNOUNCEMENT = '4b0c1c2e-0000-4000-8000-0000000000aa';
  const published = (audience: string, jurisdictions: string[]) =>
    envelope('announcement.published', {
      id: ANNOUNCEMENT,
      kind: 'security-alert',
      title: 'Secreto',
      body: 'Texto secreto',
      language: 'es',
      audience,
      jurisdictions,
      validFrom: '2026-03-02T13:00:00.000Z',
      validUntil: null,
      sendMail: true,
    });

  it('tells which announcement changed and for whom, nothing of its text', () => {
    const item = toStreamItem(9, 'cau.events.announcement.published', published('jurisdictions', ['SALUD']), REPLAY);
    expect(item).toEqual({
      seq: 9,
      event: null,
      announcement: {
        data: { type: 'announcement.published', id: ANNOUNCEMENT, at: '2026-03-02T13:00:00.000Z' },
        jurisdictions: ['SALUD'],
      },
    });
    expect(toStreamItem(9, 'x', published('everyone', []), REPLAY).announcement?.jurisdictions).toBeNull();
    const withdrawn = toStreamItem(10, 'x', envelope('announcement.withdrawn', { id: ANNOUNCEMENT }), REPLAY);
    expect(withdrawn.announcement?.jurisdictions).toBeUndefined();
  });

  it('reaches everyone, or staff and the people of the jurisdictions it is for', () => {
    const salud = ['SALUD'];
    expect(hearsAnnouncement(actor(Role.Requester), null, null)).toBe(true);
    expect(hearsAnnouncement(actor(Role.Requester), undefined, null)).toBe(true);
    expect(hearsAnnouncement(actor(Role.Agent), salud, null)).toBe(true);
    expect(hearsAnnouncement(actor(Role.Referente, { jurisdiction: 'SALUD' }), salud, null)).toBe(true);
    expect(hearsAnnouncement(actor(Role.Referente, { jurisdiction: 'EDUCACION' }), salud, 'SALUD')).toBe(false);
    expect(hearsAnnouncement(actor(Role.Requester), salud, 'SALUD')).toBe(true);
    expect(hearsAnnouncement(actor(Role.Requester), salud, 'EDUCACION')).toBe(false);
    expect(hearsAnnouncement(actor(Role.Requester), salud, null)).toBe(false);
  });

  it('takes an edit or a withdrawal also to those the announcement was for until then', () => {
    expect(announcementReach('announcement.published', ['A'], ['B'])).toEqual(['A']);
    expect(announcementReach('announcement.updated', ['A'], ['B'])).toEqual(['B', 'A']);
    expect(announcementReach('announcement.withdrawn', undefined, ['B'])).toEqual(['B']);
    expect(announcementReach('announcement.updated', ['A'], null)).toBeNull();
    expect(announcementReach('announcement.updated', null, ['B'])).toBeNull();
    // Published before the hub started: whom it was for is unknown, so everyone hears of it.
    expect(announcementReach('announcement.withdrawn', undefined, undefined)).toBeNull();
  });
});
