import { describe, expect, it } from 'vitest';
import { addedFilters, listQuery, parseQueueSearch } from './queue-search';

describe('parseQueueSearch', () => {
  it('reads every filter the queue puts in its URL', () => {
    expect(
      parseQueueSearch({
        view: 'dueSoon',
        status: 'abierto,en_curso',
        area: 'UIT',
        priority: 'ALTA',
        type: 'incidente',
        category: 'redes',
        jurisdiction: 'SALUD',
        channel: 'telefono',
        assignee: 'me',
        hours: 8,
        from: '2026-11-01',
        to: '2026-11-30',
        text: 'impresora',
        sort: 'due',
      }),
    ).toEqual({
      view: 'dueSoon',
      status: ['abierto', 'en_curso'],
      area: 'UIT',
      priority: 'ALTA',
      type: 'incidente',
      category: 'redes',
      jurisdiction: 'SALUD',
      channel: 'telefono',
      assignee: 'me',
      hours: 8,
      from: '2026-11-01',
      to: '2026-11-30',
      text: 'impresora',
      sort: 'due',
    });
  });

  it('drops what is malformed instead of failing, so an old or mangled link still opens the queue', () => {
    const read = parseQueueSearch({
      view: 'todo',
      status: 'abierto,perdido',
      area: 'uit; drop table',
      priority: 'URGENTE',
      assignee: 'alguien',
      hours: '9999',
      from: '1/11/2026',
      text: 'x'.repeat(201),
      sort: 'random',
    });
    expect(Object.fromEntries(Object.entries(read).filter(([, value]) => value !== undefined))).toEqual({
      status: ['abierto'],
    });
  });
});

describe('listQuery', () => {
  it("turns each view into the list API's filters", () => {
    expect(listQuery({}, 'UIT')).toEqual({ area: 'UIT', status: ['abierto', 'en_curso'], sort: 'priority' });
    expect(listQuery({}, null)).toEqual({ sort: 'newest' });
    expect(listQuery({ view: 'mine' }, 'UIT')).toEqual({
      assignee: 'me',
      status: ['abierto', 'en_curso'],
      sort: 'due',
    });
    expect(listQuery({ view: 'unassigned' }, 'L1')).toMatchObject({ area: 'L1', assignee: 'none' });
    expect(listQuery({ view: 'overdue' }, 'L1')).toMatchObject({ overdue: true });
    expect(listQuery({ view: 'dueSoon' }, 'L1')).toEqual({ dueWithinHours: 4, sort: 'due' });
    expect(listQuery({ view: 'dueSoon', hours: 24 }, 'L1')).toMatchObject({ dueWithinHours: 24 });
    expect(listQuery({ view: 'waiting' }, 'L1')).toMatchObject({ waitingOnRequester: true });
    expect(listQuery({ view: 'review' }, 'L1')).toEqual({ status: ['resuelto'], sort: 'oldest' });
    expect(listQuery({ view: 'closed' }, 'L1')).toEqual({ status: ['cerrado'], sort: 'updated' });
  });

  it("lets the filters the person set win over the view's", () => {
    expect(
      listQuery(
        { view: 'area', area: 'UPAT', status: ['resuelto'], sort: 'newest', text: 'red', from: '2026-01-01' },
        'UIT',
      ),
    ).toEqual({ area: 'UPAT', status: ['resuelto'], sort: 'newest', text: 'red', registeredFrom: '2026-01-01' });
  });
});

describe('addedFilters', () => {
  it('counts the filters beyond the view and its order', () => {
    expect(addedFilters({ view: 'mine', sort: 'due' })).toBe(0);
    expect(addedFilters({ area: 'UIT', text: 'x', status: ['abierto'] })).toBe(3);
  });
});
