import { ErrorCode, RoutingRpc, type PriorityMatrixCellV1 } from '@cau/contracts';
import { DEFAULT_PRIORITY_MATRIX, cellsOf } from '../src/priority/priority-matrix.js';
import { RoutingHarness, actor } from './support.js';

const admin = actor('admin');
/** CAU_PRIORITY_MATRIX as an existing installation sets it: the default with alto/alta lowered to MEDIA. */
const SEEDED = { ...DEFAULT_PRIORITY_MATRIX, alto: { ...DEFAULT_PRIORITY_MATRIX.alto, alta: 'MEDIA' as const } };

describe('routing: the priority matrix as configuration', () => {
  let h: RoutingHarness;

  beforeAll(async () => {
    h = await RoutingHarness.start('routing-matrix', { CAU_PRIORITY_MATRIX: JSON.stringify(SEEDED) });
  });

  afterAll(async () => {
    await h?.stop();
  });

  const matrix = () => h.request(RoutingRpc.GetPriorityMatrix, { actor: actor('operator') });
  const replace = (cells: PriorityMatrixCellV1[]) =>
    h.request(RoutingRpc.ReplacePriorityMatrix, { actor: admin, cells });
  const priorityOf = async (number: number) => (await h.request(RoutingRpc.Locate, { actor: admin, number })).priority;

  it('starts from CAU_PRIORITY_MATRIX and shows it to staff only', async () => {
    expect(await matrix()).toEqual({ cells: cellsOf(SEEDED) });
    const refusal = await h.refusal(RoutingRpc.GetPriorityMatrix, { actor: actor('requester') });
    expect(refusal.payload.code).toBe(ErrorCode.Forbidden);
  });

  it('lets only an administrator replace it, and routes the next ticket with the edit at once', async () => {
    const edited = cellsOf({ ...SEEDED, bajo: { ...SEEDED.bajo, baja: 'MEDIA' } });
    for (const role of ['supervisor', 'operator', 'agent'] as const) {
      const refusal = await h.refusal(RoutingRpc.ReplacePriorityMatrix, { actor: actor(role), cells: edited });
      expect(refusal.payload).toEqual({
        code: ErrorCode.Forbidden,
        refusal: { code: 'routing.matrix-admins-only' },
      });
    }
    // Routing caches the matrix; an edit must not wait for the cache to expire.
    const before = await h.register({ impact: 'bajo', urgency: 'baja' });
    expect(await priorityOf(before.number)).toBe('BAJA');
    expect(await replace(edited)).toEqual({ cells: edited });
    expect(await matrix()).toEqual({ cells: edited });
    const after = await h.register({ impact: 'bajo', urgency: 'baja' });
    expect(await priorityOf(after.number)).toBe('MEDIA');
    expect(await priorityOf(before.number)).toBe('BAJA');
  });

  it('refuses an incomplete or repeated matrix naming the cells, and keeps the stored one', async () => {
    const stored = await matrix();
    const missing = await h.refusal(RoutingRpc.ReplacePriorityMatrix, {
      actor: admin,
      cells: [...stored.cells.slice(0, 8), { ...stored.cells[0], priority: 'BAJA' }],
    });
    expect(missing.payload).toEqual({
      code: ErrorCode.Validation,
      fields: [
        { field: 'cells.8', constraint: 'duplicateMatrixCell', params: ['alto', 'alta'] },
        { field: 'cells', constraint: 'missingMatrixCell', params: ['bajo', 'baja'] },
      ],
    });
    const short = await h.refusal(RoutingRpc.ReplacePriorityMatrix, {
      actor: admin,
      cells: stored.cells.slice(1),
    });
    expect(short.payload.fields).toEqual([expect.objectContaining({ field: 'cells', constraint: 'arrayMinSize' })]);
    const unknown = await h.refusal(RoutingRpc.ReplacePriorityMatrix, {
      actor: admin,
      cells: stored.cells.map((cell, i) => (i === 4 ? { ...cell, priority: 'URGENTE' } : cell)),
    });
    expect(unknown.payload.fields).toEqual([
      expect.objectContaining({ field: 'cells.4.priority', constraint: 'isIn' }),
    ]);
    expect(await matrix()).toEqual(stored);
  });

  it('keeps the administrator’s edit across a restart: CAU_PRIORITY_MATRIX is only a seed', async () => {
    const stored = await matrix();
    expect(stored).not.toEqual({ cells: cellsOf(SEEDED) });
    await h.restart();
    expect(await matrix()).toEqual(stored);
  });
});
