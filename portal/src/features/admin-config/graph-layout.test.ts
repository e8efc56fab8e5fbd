import { describe, expect, it } from 'vitest';
import { arrowPath, layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';

const AGETIC = {
  areas: ['L1', 'UIT', 'UPAT', 'ACGII', 'ADT'],
  edges: [
    { from: 'L1', to: 'UIT' },
    { from: 'L1', to: 'ADT' },
    { from: 'UIT', to: 'UPAT' },
    { from: 'UIT', to: 'ACGII' },
    { from: 'UPAT', to: 'UIT' },
    { from: 'UIT', to: 'L1' },
  ],
};

describe('layoutGraph', () => {
  it('puts the entry area first and each area in the column of its distance from it', () => {
    const { nodes } = layoutGraph(AGETIC.areas, 'L1', AGETIC.edges);
    const column = (code: string) => nodes.find((node) => node.code === code)!.x;
    expect(column('L1')).toBeLessThan(column('UIT'));
    expect(column('UIT')).toBe(column('ADT'));
    expect(column('UPAT')).toBe(column('ACGII'));
    expect(column('UIT')).toBeLessThan(column('UPAT'));
  });

  it('draws areas no derivation reaches in a last column, without overlapping boxes', () => {
    const layout = layoutGraph([...AGETIC.areas, 'NUEVA', 'OTRA'], 'L1', AGETIC.edges);
    const nueva = layout.nodes.find((node) => node.code === 'NUEVA')!;
    const otra = layout.nodes.find((node) => node.code === 'OTRA')!;
    expect(nueva.x).toBe(otra.x);
    expect(Math.max(...layout.nodes.map((node) => node.x))).toBe(nueva.x);
    expect(Math.abs(nueva.y - otra.y)).toBeGreaterThanOrEqual(NODE_HEIGHT);
    for (const node of layout.nodes) {
      expect(node.x + NODE_WIDTH).toBeLessThanOrEqual(layout.width);
      expect(node.y + NODE_HEIGHT).toBeLessThanOrEqual(layout.height);
    }
  });

  it('bends the two directions of a pair to opposite sides', () => {
    const from = { code: 'A', x: 0, y: 0 };
    const to = { code: 'B', x: 300, y: 0 };
    expect(arrowPath(from, to, 20)).not.toBe(arrowPath(from, to, -20));
    expect(arrowPath(from, to, 0)).toBe('M 120 22 Q 208 22 296 22');
  });
});
