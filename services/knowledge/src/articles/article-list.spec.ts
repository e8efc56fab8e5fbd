import { Role, type ActorV1 } from '@cau/contracts';
import { decodeCursor, encodeCursor, listScope } from './article-list.js';

const actor = (role: Role): ActorV1 => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  role,
  email: 'a@cau.gob',
  name: 'A',
});

describe('article list', () => {
  it('reads back the cursors it issues', () => {
    const position = { updatedMicros: '1741608000123456', id: '6b620000-0000-4000-8000-00000000046d' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it('refuses cursors it did not issue', () => {
    for (const cursor of ['', 'abc', Buffer.from("1.x' OR 1=1 --").toString('base64url'), '1.6b620000-0000']) {
      expect(decodeCursor(cursor)).toBeNull();
    }
  });

  it('lets staff list every status and visibility', () => {
    expect(listScope(actor(Role.Operator), {})).toEqual({
      allowed: true,
      statuses: ['draft', 'published', 'archived'],
      visibilities: ['internal', 'public'],
    });
    expect(listScope(actor(Role.Operator), { status: 'draft', visibility: 'internal' })).toEqual({
      allowed: true,
      statuses: ['draft'],
      visibilities: ['internal'],
    });
  });

  it('shows requesters published public articles only and refuses asking for others', () => {
    expect(listScope(actor(Role.Requester), {})).toEqual({
      allowed: true,
      statuses: ['published'],
      visibilities: ['public'],
    });
    expect(listScope(actor(Role.Requester), { status: 'published', visibility: 'public' }).allowed).toBe(true);
    expect(listScope(actor(Role.Requester), { status: 'draft' }).allowed).toBe(false);
    expect(listScope(actor(Role.Requester), { visibility: 'internal' }).allowed).toBe(false);
  });
});
