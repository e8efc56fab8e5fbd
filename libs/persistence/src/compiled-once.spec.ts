import { sql } from 'kysely';
import { compiledOnce, rowQueries } from './rows.js';

interface DB {
  tickets: { id: string; area: string; status: string; number: number };
}

describe('compiledOnce', () => {
  const db = rowQueries<DB>();

  it('sends the SQL built once with each call’s values in their places, fixed values kept', () => {
    let builds = 0;
    const byArea = compiledOnce(({ area, number }: { area: string; number: number }) => {
      builds++;
      return db
        .selectFrom('tickets')
        .select(['id', 'status'])
        .where('area', '=', area)
        .where('status', '=', 'abierto')
        .where((eb) => eb.or([eb('number', '=', number), eb('number', '>', sql<number>`${number} * 2`)]));
    });
    const first = byArea({ area: 'UIT', number: 7 }).compile();
    const second = byArea({ area: 'UPAT', number: 9 }).compile();
    const direct = db
      .selectFrom('tickets')
      .select(['id', 'status'])
      .where('area', '=', 'UPAT')
      .where('status', '=', 'abierto')
      .where((eb) => eb.or([eb('number', '=', 9), eb('number', '>', sql<number>`${9} * 2`)]))
      .compile();
    expect(builds).toBe(1);
    expect(first.parameters).toEqual(['UIT', 'abierto', 7, 7]);
    expect(second.sql).toBe(direct.sql);
    expect(second.parameters).toEqual(direct.parameters);
    expect(second.query.kind).toBe('SelectQueryNode');
  });

  it('refuses a build that does not send a value it reads as given', () => {
    const lowered = compiledOnce((v: { area: string }) =>
      db.selectFrom('tickets').select('id').where('area', '=', String(v.area)),
    );
    expect(() => lowered({ area: 'UIT' }).compile()).toThrow(/area not sent as given/);
  });
});
