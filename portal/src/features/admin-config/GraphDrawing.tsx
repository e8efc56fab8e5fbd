import { useTranslation } from 'react-i18next';
import type { DerivationKind, GraphEdge } from './admin-config-api';
import { arrowPath, layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout';

/** Each kind of derivation has its own colour AND line pattern, so it is not told by colour alone. */
export const KIND_STYLE: Record<DerivationKind, { color: string; dash?: string }> = {
  escalate: { color: '#1c5f8c' },
  coordinate: { color: '#8a4b00', dash: '8 5' },
  return: { color: '#2b6b2f', dash: '2 4' },
};

/**
 * The escalation graph drawn: areas as boxes, derivations as arrows. It is a picture (`role="img"` with a
 * summary); the list of derivations beside it is the same information for keyboards and screen readers.
 */
export function GraphDrawing({
  areas,
  entryArea,
  edges,
}: {
  areas: ReadonlyArray<{ code: string; name: string }>;
  entryArea: string;
  edges: readonly GraphEdge[];
}) {
  const { t } = useTranslation();
  const layout = layoutGraph(
    areas.map((area) => area.code),
    entryArea,
    edges,
  );
  const position = new Map(layout.nodes.map((node) => [node.code, node]));
  const summary = t('adminConfig.areas.drawingSummary', { areas: areas.length, edges: edges.length });
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        // On a phone the drawing keeps a readable size and scrolls sideways.
        style={{ maxWidth: '100%', minWidth: Math.min(layout.width, 520), height: 'auto', display: 'block' }}
        data-testid="graph-drawing"
      >
        <defs>
          {Object.entries(KIND_STYLE).map(([kind, style]) => (
            <marker
              key={kind}
              id={`arrow-${kind}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={style.color} />
            </marker>
          ))}
        </defs>
        {edges.map((edge) => {
          const from = position.get(edge.from);
          const to = position.get(edge.to);
          if (!from || !to) return null;
          const paired = edges.some((other) => other.from === edge.to && other.to === edge.from);
          const style = KIND_STYLE[edge.kind];
          return (
            <path
              key={`${edge.from}-${edge.to}`}
              data-edge={`${edge.from}-${edge.to}`}
              d={arrowPath(from, to, paired ? 18 : 0)}
              fill="none"
              stroke={style.color}
              strokeWidth={2}
              strokeDasharray={style.dash}
              markerEnd={`url(#arrow-${edge.kind})`}
            />
          );
        })}
        {areas.map((area) => {
          const node = position.get(area.code);
          if (!node) return null;
          const entry = area.code === entryArea;
          return (
            <g key={area.code} data-area={area.code}>
              <title>{area.name}</title>
              <rect
                x={node.x}
                y={node.y}
                width={NODE_WIDTH}
                height={NODE_HEIGHT}
                rx={8}
                fill={entry ? '#e3eef7' : '#ffffff'}
                stroke="#1f2937"
                strokeWidth={entry ? 2.5 : 1.5}
              />
              <text
                x={node.x + NODE_WIDTH / 2}
                y={node.y + NODE_HEIGHT / 2}
                textAnchor="middle"
                dominantBaseline="central"
                fontSize={15}
                fontWeight={700}
                fill="#1f2937"
              >
                {area.code}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/** What each line pattern means, beside the drawing. */
export function GraphLegend() {
  const { t } = useTranslation();
  return (
    <ul
      style={{ display: 'flex', flexWrap: 'wrap', gap: '1rem', listStyle: 'none', padding: 0, margin: 0 }}
      aria-label={t('adminConfig.areas.legend')}
    >
      {(Object.keys(KIND_STYLE) as DerivationKind[]).map((kind) => (
        <li key={kind} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 14 }}>
          <svg width="36" height="10" aria-hidden="true">
            <line
              x1="0"
              y1="5"
              x2="36"
              y2="5"
              stroke={KIND_STYLE[kind].color}
              strokeWidth="2.5"
              strokeDasharray={KIND_STYLE[kind].dash}
            />
          </svg>
          {t(`adminConfig.kind.${kind}`)}
        </li>
      ))}
    </ul>
  );
}
