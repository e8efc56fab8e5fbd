import { ErrorCode, RoutingRpc, type GraphEdgeInputV1, type GraphAreaInputV1 } from '@cau/contracts';
import { DEFAULT_ESCALATION_GRAPH } from '../src/escalation/escalation-graph.js';
import { RoutingHarness, actor } from './support.js';

const admin = actor('admin');
const operator = actor('operator');
const supervisor = actor('supervisor');
const DEFAULT_EDGES = DEFAULT_ESCALATION_GRAPH.edges.map((e) => ({ ...e }));

describe('routing: areas and the escalation graph as configuration', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-graph');
  });

  afterAll(async () => {
    await h?.stop();
  });

  const graph = () => h.request(RoutingRpc.GetGraph, { actor: operator });
  const replace = (edges: GraphEdgeInputV1[], areas?: GraphAreaInputV1[]) =>
    h.request(RoutingRpc.ReplaceGraph, { actor: admin, edges, ...(areas ? { areas } : {}) });
  const derive = (number: number, to: string) =>
    h.request(RoutingRpc.Derive, {
      actor: supervisor,
      number,
      body: { to, reason: `a ${to}` },
    });

  it('lists the seeded areas to staff, with the entry area marked', async () => {
    const areas = await h.request(RoutingRpc.ListAreas, { actor: actor('agent', { area: 'UIT' }) });
    expect(areas).toEqual([
      { code: 'L1', name: 'Mesa de Servicios / Área de Implementación Tecnológica', isEntry: true },
      { code: 'UIT', name: 'Unidad de Infraestructura Tecnológica', isEntry: false },
      { code: 'UPAT', name: 'Unidad de Producción y Actualización Tecnológica', isEntry: false },
      { code: 'ACGII', name: 'Área Centro de Gestión de Incidentes Informáticos', isEntry: false },
      { code: 'ADT', name: 'Área de Diseño Tecnológico', isEntry: false },
    ]);
    for (const outsider of [actor('requester'), actor('referente', { jurisdiction: 'SALUD' })]) {
      const refusal = await h.refusal(RoutingRpc.ListAreas, { actor: outsider });
      expect(refusal.payload.code).toBe(ErrorCode.Forbidden);
    }
  });

  it('serves the seeded AGETIC graph', async () => {
    const seeded = await graph();
    expect(seeded.entryArea).toBe('L1');
    expect(seeded.edges).toEqual(DEFAULT_EDGES);
    expect(seeded.areas.map((a) => a.code)).toEqual(['L1', 'UIT', 'UPAT', 'ACGII', 'ADT']);
  });

  it('lets only an administrator rename an area; an unknown code is NOT_FOUND', async () => {
    for (const notAdmin of [supervisor, operator, actor('agent', { area: 'ADT' })]) {
      const refusal = await h.refusal(RoutingRpc.RenameArea, {
        actor: notAdmin,
        code: 'ADT',
        name: 'Dirección de Sistemas',
      });
      expect(refusal.payload).toEqual({
        code: ErrorCode.Forbidden,
        refusal: { code: 'routing.graph-admins-only' },
      });
    }
    const renamed = await h.request(RoutingRpc.RenameArea, {
      actor: admin,
      code: 'ADT',
      name: '  Dirección de Sistemas  ',
    });
    expect(renamed).toEqual({ code: 'ADT', name: 'Dirección de Sistemas', isEntry: false });
    const areas = await h.request(RoutingRpc.ListAreas, { actor: operator });
    expect(areas.find((a) => a.code === 'ADT')?.name).toBe('Dirección de Sistemas');
    const unknown = await h.refusal(RoutingRpc.RenameArea, { actor: admin, code: 'DGSI', name: 'Otra' });
    expect(unknown.payload).toEqual({ code: ErrorCode.NotFound, params: { resource: 'area', id: 'DGSI' } });
    const blank = await h.refusal(RoutingRpc.RenameArea, { actor: admin, code: 'ADT', name: '   ' });
    expect(blank.payload.fields).toEqual([{ field: 'name', constraint: 'isNotEmpty' }]);
  });

  it('refuses a graph with a dead-end area, naming the problem, and keeps the stored one', async () => {
    const deadEnd = DEFAULT_EDGES.filter((e) => e.from !== 'ACGII');
    const refusal = await h.refusal(RoutingRpc.ReplaceGraph, { actor: admin, edges: deadEnd });
    expect(refusal.payload).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'edges', constraint: 'noWayBack', params: ['ACGII', 'L1'] }],
    });
    const broken = await h.refusal(RoutingRpc.ReplaceGraph, {
      actor: admin,
      edges: [
        ...DEFAULT_EDGES,
        { from: 'L1', to: 'DGSI', kind: 'escalate' },
        { from: 'UIT', to: 'UIT', kind: 'escalate' },
      ],
    });
    expect(broken.payload.fields).toEqual([
      { field: 'edges.9.to', constraint: 'unknownArea', params: ['DGSI'] },
      { field: 'edges.10', constraint: 'selfDerivation', params: ['UIT'] },
    ]);
    expect((await graph()).edges).toEqual(DEFAULT_EDGES);
  });

  it('lets only an administrator replace the graph', async () => {
    const refusal = await h.refusal(RoutingRpc.ReplaceGraph, { actor: supervisor, edges: DEFAULT_EDGES });
    expect(refusal.payload.code).toBe(ErrorCode.Forbidden);
  });

  it('applies a valid edit at once, and Derive follows it', async () => {
    const ticket = await h.register();
    // L1 may now send straight to UPAT, and no longer to ADT.
    const edited = [
      { from: 'L1', to: 'UPAT', kind: 'escalate' as const },
      ...DEFAULT_EDGES.filter((e) => !(e.from === 'L1' && e.to === 'ADT')),
    ];
    const stored = await replace(edited);
    expect(stored.edges).toEqual(edited);
    expect((await graph()).edges).toEqual(edited);

    const refusal = await h.refusal(RoutingRpc.Derive, {
      actor: supervisor,
      number: ticket.number,
      body: { to: 'ADT', reason: 'diseño' },
    });
    expect(refusal.payload.refusal).toEqual({
      code: 'routing.no-edge',
      params: { from: 'L1', to: 'ADT', allowed: ['UPAT', 'UIT'] },
    });
    expect(await derive(ticket.number, 'UPAT')).toMatchObject({ from: 'L1', to: 'UPAT', kind: 'escalate' });
    await replace(DEFAULT_EDGES);
  });

  it('adds, renames and removes areas with the edges, but never removes an area that holds tickets', async () => {
    const areas = (await graph()).areas.map(({ code, name }) => ({ code, name }));
    const withDgsi = [...areas, { code: 'DGSI', name: 'Dirección General de Sistemas' }];
    const edges = [
      ...DEFAULT_EDGES,
      { from: 'L1', to: 'DGSI', kind: 'escalate' as const },
      { from: 'DGSI', to: 'L1', kind: 'return' as const },
    ];
    const stored = await replace(edges, withDgsi);
    expect(stored.areas.at(-1)).toEqual({ code: 'DGSI', name: 'Dirección General de Sistemas', isEntry: false });

    const ticket = await h.register();
    await derive(ticket.number, 'DGSI');
    const refusal = await h.refusal(RoutingRpc.ReplaceGraph, { actor: admin, edges: DEFAULT_EDGES, areas });
    expect(refusal.payload).toEqual({
      code: ErrorCode.Validation,
      fields: [{ field: 'areas', constraint: 'areaHoldsTickets', params: ['DGSI'] }],
    });
    const stranded = await h.refusal(RoutingRpc.ReplaceGraph, {
      actor: admin,
      edges: DEFAULT_EDGES,
      areas: withDgsi,
    });
    expect(stranded.payload.fields).toEqual([{ field: 'edges', constraint: 'noWayBack', params: ['DGSI', 'L1'] }]);

    await derive(ticket.number, 'L1');
    const restored = await replace(DEFAULT_EDGES, areas);
    expect(restored.areas.map((a) => a.code)).toEqual(['L1', 'UIT', 'UPAT', 'ACGII', 'ADT']);
    expect(restored.edges).toEqual(DEFAULT_EDGES);
  });

  it('keeps the entry area in every edit', async () => {
    const refusal = await h.refusal(RoutingRpc.ReplaceGraph, {
      actor: admin,
      edges: [],
      areas: [{ code: 'UIT', name: 'Infraestructura' }],
    });
    expect(refusal.payload.fields).toContainEqual({ field: 'areas', constraint: 'entryAreaMissing', params: ['L1'] });
  });
});
