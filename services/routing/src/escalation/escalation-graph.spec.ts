import { DEFAULT_ESCALATION_GRAPH as G, allowedTargets, checkDerivation, validateGraph } from './escalation-graph.js';

describe('escalation graph (docs/domain.md § Escalation graph)', () => {
  it.each([
    ['L1', 'UIT', 'escalate'],
    ['L1', 'ADT', 'escalate'],
    ['UIT', 'UPAT', 'escalate'],
    ['UIT', 'ACGII', 'escalate'],
    ['ADT', 'UPAT', 'escalate'],
    ['UPAT', 'UIT', 'coordinate'],
    ['ACGII', 'UIT', 'coordinate'],
    ['UIT', 'L1', 'return'],
    ['ADT', 'L1', 'return'],
  ] as const)('allows %s → %s (%s)', (from, to, kind) => {
    expect(checkDerivation(G, from, to)).toMatchObject({ allowed: true, edge: { kind } });
    expect(checkDerivation(G, from, to, kind).allowed).toBe(true);
  });

  it.each([
    ['L1', 'UPAT', ['UIT', 'ADT']],
    ['L1', 'ACGII', ['UIT', 'ADT']],
    ['UPAT', 'L1', ['UIT']],
    ['ACGII', 'L1', ['UIT']],
    ['ADT', 'UIT', ['UPAT', 'L1']],
    ['UPAT', 'ACGII', ['UIT']],
  ])('refuses %s → %s and names the allowed targets', (from, to, allowed) => {
    expect(checkDerivation(G, from, to)).toEqual({ allowed: false, reason: 'no-edge', allowedTargets: allowed });
  });

  it('refuses an edge used as the wrong kind', () => {
    expect(checkDerivation(G, 'UIT', 'L1', 'escalate')).toMatchObject({ allowed: false, reason: 'wrong-kind' });
  });

  it('refuses unknown areas', () => {
    expect(checkDerivation(G, 'L1', 'DGSI')).toMatchObject({
      allowed: false,
      reason: 'unknown-area',
      allowedTargets: ['UIT', 'ADT'],
    });
  });

  it('lists targets by kind', () => {
    expect(allowedTargets(G, 'UIT', 'escalate')).toEqual(['UPAT', 'ACGII']);
    expect(allowedTargets(G, 'UIT', 'return')).toEqual(['L1']);
  });

  it('accepts the default graph and catches broken edits', () => {
    expect(validateGraph(G)).toEqual([]);
    const stuck = { ...G, edges: G.edges.filter((e) => !(e.from === 'ADT' && e.to === 'L1')) };
    // ADT still reaches L1 through UPAT → UIT → L1
    expect(validateGraph(stuck)).toEqual([]);
    const deadEnd = { ...G, edges: G.edges.filter((e) => e.from !== 'ACGII') };
    expect(validateGraph(deadEnd)).toEqual([{ field: 'edges', constraint: 'noWayBack', params: ['ACGII', 'L1'] }]);
    expect(validateGraph({ ...G, edges: [...G.edges, { from: 'L1', to: 'L1', kind: 'escalate' }] })).toContainEqual({
      field: 'edges.9',
      constraint: 'selfDerivation',
      params: ['L1'],
    });
  });

  it('names unknown areas, duplicates and a missing entry area by field', () => {
    const edges = [...G.edges, { from: 'L1', to: 'DGSI', kind: 'escalate' as const }, G.edges[0]!];
    expect(validateGraph({ ...G, edges })).toEqual([
      { field: 'edges.9.to', constraint: 'unknownArea', params: ['DGSI'] },
      { field: 'edges.10', constraint: 'duplicateEdge', params: ['L1', 'UIT'] },
    ]);
    expect(validateGraph({ ...G, areas: [...G.areas, 'UIT'] })).toEqual([
      { field: 'areas.5', constraint: 'duplicateArea', params: ['UIT'] },
    ]);
    const withoutEntry = { ...G, areas: G.areas.filter((a) => a !== 'L1'), edges: [] };
    expect(validateGraph(withoutEntry)).toContainEqual({
      field: 'areas',
      constraint: 'entryAreaMissing',
      params: ['L1'],
    });
  });

  it('keeps areas that hold tickets, with a way back to the entry area', () => {
    const withoutAdt = {
      ...G,
      areas: G.areas.filter((a) => a !== 'ADT'),
      edges: G.edges.filter((e) => e.from !== 'ADT' && e.to !== 'ADT'),
    };
    expect(validateGraph(withoutAdt)).toEqual([]);
    expect(validateGraph(withoutAdt, ['L1', 'ADT'])).toEqual([
      { field: 'areas', constraint: 'areaHoldsTickets', params: ['ADT'] },
    ]);
    // Nothing leads to ADT any more, but the tickets already there must still be able to leave.
    const unreachable = { ...G, edges: G.edges.filter((e) => e.to !== 'ADT' && e.from !== 'ADT') };
    expect(validateGraph(unreachable)).toEqual([]);
    expect(validateGraph(unreachable, ['ADT'])).toEqual([
      { field: 'edges', constraint: 'noWayBack', params: ['ADT', 'L1'] },
    ]);
  });
});
