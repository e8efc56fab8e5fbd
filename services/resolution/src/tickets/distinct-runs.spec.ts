import { distinctRuns } from './distinct-runs.js';

describe('distinctRuns', () => {
  const byTicket = (item: { ticket: string }) => item.ticket;

  it('keeps items whose keys do not repeat in one run', () => {
    const items = [{ ticket: 'a' }, { ticket: 'b' }, { ticket: 'c' }];
    expect(distinctRuns(items, byTicket)).toEqual([items]);
  });

  it('starts a new run at each repeated key, keeping the order', () => {
    const items = ['a1', 'b1', 'a2', 'c1', 'a3', 'b2'].map((name) => ({ ticket: name[0]!, name }));
    expect(distinctRuns(items, byTicket).map((run) => run.map((item) => item.name))).toEqual([
      ['a1', 'b1'],
      ['a2', 'c1'],
      ['a3', 'b2'],
    ]);
  });

  it('has no run for no items', () => {
    expect(distinctRuns([], byTicket)).toEqual([]);
  });
});
