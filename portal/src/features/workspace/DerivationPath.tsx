import { Card, List, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { QueryError } from '../../app/ErrorPages';
import { formatDateTime } from '../../app/format';
import { pathQuery } from './workspace-api';

type PathStep = Schemas['PathStepV1'];

const KIND_COLORS: Record<PathStep['kind'], string> = {
  routed: '#495057',
  escalate: '#1c4f9c',
  coordinate: '#5f3dc4',
  return: '#1e6b34',
};

const NODE_W = 64;
const NODE_H = 30;
const GAP = 34;
const WIDTH = 320;
const NAME_MAX = 30;

const capitalised = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);

const shortName = (name: string): string =>
  name.length > NAME_MAX ? `${name.slice(0, NAME_MAX - 1).trimEnd()}…` : name;

/**
 * The areas the ticket went through, top to bottom, as a small drawing: each area a box (the current one
 * filled), each derivation an arrow coloured and named by its kind. The drawing is one image for screen
 * readers; the list under it says the same with who, when and why.
 */
function PathDrawing({ steps, areaName }: { steps: PathStep[]; areaName: (code: string) => string }) {
  const { t } = useTranslation();
  const height = steps.length * NODE_H + (steps.length - 1) * GAP + 2;
  const label = t('workspace.path.drawing', { areas: steps.map((step) => step.to).join(' → ') });
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH, display: 'block' }}
    >
      <defs>
        {Object.entries(KIND_COLORS).map(([kind, color]) => (
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
            <path d="M 0 0 L 10 5 L 0 10 z" fill={color} />
          </marker>
        ))}
      </defs>
      {steps.map((step, index) => {
        const y = index * (NODE_H + GAP) + 1;
        const current = index === steps.length - 1;
        return (
          <g key={step.derivationId ?? `routed-${index}`}>
            {index > 0 && (
              <>
                <line
                  x1={NODE_W / 2 + 1}
                  y1={y - GAP}
                  x2={NODE_W / 2 + 1}
                  y2={y - 2}
                  stroke={KIND_COLORS[step.kind]}
                  strokeWidth={2}
                  strokeDasharray={step.kind === 'coordinate' ? '5 3' : undefined}
                  markerEnd={`url(#arrow-${step.kind})`}
                />
                <text x={NODE_W + 14} y={y - GAP / 2 + 4} fontSize={12} fill={KIND_COLORS[step.kind]} fontWeight={600}>
                  {t(`workspace.kind.${step.kind}`)}
                </text>
              </>
            )}
            <rect
              x={1}
              y={y}
              width={NODE_W}
              height={NODE_H}
              rx={6}
              fill={current ? '#064d9c' : '#ffffff'}
              stroke={current ? '#064d9c' : '#495057'}
              strokeWidth={1.5}
            />
            <text
              x={NODE_W / 2 + 1}
              y={y + NODE_H / 2 + 5}
              textAnchor="middle"
              fontSize={13}
              fontWeight={700}
              fill={current ? '#ffffff' : '#212529'}
            >
              {step.to}
            </text>
            <text x={NODE_W + 14} y={y + NODE_H / 2 + 4} fontSize={12} fill="#495057">
              {shortName(areaName(step.to))}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function DerivationPath({ number, areaName }: { number: number; areaName: (code: string) => string }) {
  const { t, i18n } = useTranslation();
  const path = useQuery(pathQuery(number));
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="path-title">
      <Title order={2} size="h4" id="path-title" mb="sm">
        {t('workspace.path.title')}
      </Title>
      {path.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {path.isError && <QueryError error={path.error} />}
      {path.data && path.data.steps.length === 0 && <Text size="sm">{t('workspace.path.notRouted')}</Text>}
      {path.data && path.data.steps.length > 0 && (
        <>
          <PathDrawing steps={path.data.steps} areaName={areaName} />
          <List type="ordered" size="sm" spacing={6} mt="sm">
            {path.data.steps.map((step, index) => (
              <List.Item key={step.derivationId ?? `routed-${index}`}>
                <Text span size="sm" fw={600}>
                  {step.from
                    ? t('workspace.path.step', { from: step.from, to: step.to, kind: t(`workspace.kind.${step.kind}`) })
                    : t('workspace.path.routed', { to: step.to })}
                </Text>
                <Text size="xs" c="dark.5">
                  {formatDateTime(step.at, i18n.language)}
                  {step.by ? ` · ${step.by.name}` : ` · ${t('workspace.path.automatic')}`}
                </Text>
                {step.reason && (
                  <Text size="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                    {/* The first routing's reason is routing's fixed Spanish text: said in the reader's language. */}
                    {step.kind === 'routed' ? t('workspaceWiring.path.initialReason') : capitalised(step.reason)}
                  </Text>
                )}
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Card>
  );
}
