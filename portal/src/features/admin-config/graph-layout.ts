/** Where each area is drawn: columns by how many derivations away from the entry area it is. */
export interface LaidOutNode {
  code: string;
  x: number;
  y: number;
}

export interface GraphLayout {
  nodes: LaidOutNode[];
  width: number;
  height: number;
}

export const NODE_WIDTH = 120;
export const NODE_HEIGHT = 44;
const COLUMN_GAP = 90;
const ROW_GAP = 36;
const MARGIN = 16;

/**
 * Lays the areas out left to right: the entry area first, then each area in the column of its shortest
 * distance from the entry (following any derivation), areas no derivation reaches in a last column.
 * Within a column, areas keep the order they are listed in. Pure, so it is tested without a browser.
 */
export function layoutGraph(
  areas: readonly string[],
  entryArea: string,
  edges: ReadonlyArray<{ from: string; to: string }>,
): GraphLayout {
  const depth = new Map<string, number>();
  if (areas.includes(entryArea)) depth.set(entryArea, 0);
  const queue = areas.includes(entryArea) ? [entryArea] : [];
  while (queue.length > 0) {
    const area = queue.shift()!;
    for (const edge of edges) {
      if (edge.from !== area || depth.has(edge.to) || !areas.includes(edge.to)) continue;
      depth.set(edge.to, depth.get(area)! + 1);
      queue.push(edge.to);
    }
  }
  const reached = depth.size === 0 ? 0 : Math.max(...depth.values()) + 1;
  const columns: string[][] = [];
  for (const area of areas) {
    const column = depth.get(area) ?? reached;
    (columns[column] ??= []).push(area);
  }
  const used = columns.filter((column) => column !== undefined);
  const tallest = Math.max(1, ...used.map((column) => column.length));
  const height = MARGIN * 2 + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const nodes: LaidOutNode[] = [];
  used.forEach((column, index) => {
    const columnHeight = column.length * NODE_HEIGHT + (column.length - 1) * ROW_GAP;
    const top = (height - columnHeight) / 2;
    column.forEach((code, row) => {
      nodes.push({
        code,
        x: MARGIN + index * (NODE_WIDTH + COLUMN_GAP),
        y: top + row * (NODE_HEIGHT + ROW_GAP),
      });
    });
  });
  const width = MARGIN * 2 + Math.max(1, used.length) * NODE_WIDTH + Math.max(0, used.length - 1) * COLUMN_GAP;
  return { nodes, width, height };
}

/**
 * The path of an arrow from one box to another: from the edge of one box to the edge of the other, bent to
 * one side so that the two directions of a pair of areas do not overlap.
 */
export function arrowPath(from: LaidOutNode, to: LaidOutNode, bend: number): string {
  const a = { x: from.x + NODE_WIDTH / 2, y: from.y + NODE_HEIGHT / 2 };
  const b = { x: to.x + NODE_WIDTH / 2, y: to.y + NODE_HEIGHT / 2 };
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // Leave each box where the straight line crosses its border.
  const clip = (sx: number, sy: number) => {
    const tx = sx === 0 ? Infinity : NODE_WIDTH / 2 / Math.abs(sx);
    const ty = sy === 0 ? Infinity : NODE_HEIGHT / 2 / Math.abs(sy);
    return Math.min(tx, ty);
  };
  const ux = dx / length;
  const uy = dy / length;
  const start = { x: a.x + ux * clip(ux, uy), y: a.y + uy * clip(ux, uy) };
  const end = { x: b.x - ux * (clip(ux, uy) + 4), y: b.y - uy * (clip(ux, uy) + 4) };
  const mid = { x: (start.x + end.x) / 2 - uy * bend, y: (start.y + end.y) / 2 + ux * bend };
  const round = (n: number) => Math.round(n * 10) / 10;
  return `M ${round(start.x)} ${round(start.y)} Q ${round(mid.x)} ${round(mid.y)} ${round(end.x)} ${round(end.y)}`;
}
