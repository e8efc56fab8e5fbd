import { Badge, Card, Group, Text, Timeline, Title, type TimelineItemProps } from '@mantine/core';
import { memo, startTransition, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { isUuid } from '../../app/url-params';
import { AnchorLink } from '../../components/links';
import { NOTE_COLOR } from './Composer';
import type { TimelineEntry } from './workspace-api';
import { useDurationWords } from './use-duration-words';

/*
 * The whole timeline as staff see it: every step with who, when, where it left the ticket, and the full
 * text of what was written (reasons, notes, the solution, observations). Oldest first, like a
 * conversation: the newest step sits just above the reply box.
 */

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

type Tone = { color: string; label?: string };

/** Bullet colours (dark enough for the white icon ring) and, for kinds staff must tell apart, a badge. */
function toneOf(entry: TimelineEntry): Tone {
  switch (entry.type) {
    case 'ticket.escalated':
    case 'ticket.solution-returned': {
      const kind = text(entry.details.kind);
      return { color: '#1c4f9c', ...(kind ? { label: `workspace.kind.${kind}` } : {}) };
    }
    case 'ticket.solution-proposed':
    case 'ticket.resolved':
    case 'ticket.solution-accepted':
      return { color: '#1e6b34' };
    case 'ticket.review-rejected':
    case 'ticket.reopened':
      return { color: '#a13c0a' };
    case 'ticket.sla-breached':
      return { color: '#b02a2a' };
    case 'ticket.commented':
      // Internal notes (being added to the API) never reach the requester: they must look different.
      return entry.details.internal === true
        ? { color: NOTE_COLOR, label: 'workspace.timeline.internalNote' }
        : { color: '#5f3dc4', label: 'workspace.timeline.publicReply' };
    default:
      return { color: '#495057' };
  }
}

const collapse = (value: string): string => value.replace(/\s+/g, ' ').trim();

/**
 * A text written on the step, when the one-line summary does not already say all of it (the summary
 * carries short reasons and notes whole; long or multi-line ones are cut there and shown here in full).
 */
function beyondSummary(entry: TimelineEntry, value: unknown): string | null {
  const written = text(value);
  if (written === null) return null;
  if (written.includes('\n')) return written;
  return collapse(entry.summary.es).includes(collapse(written)) ? null : written;
}

function Block({ label, children, tint }: { label?: string; children: ReactNode; tint?: string }) {
  return (
    <Text
      size="sm"
      mt={4}
      p={tint ? 'xs' : 0}
      bg={tint}
      style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderRadius: 4 }}
    >
      {label && (
        <Text span fw={600} size="sm">
          {label}:{' '}
        </Text>
      )}
      {children}
    </Text>
  );
}

/** The details worth reading beyond the one-line summary, per kind of step. */
function EntryDetails({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const d = entry.details;
  const duration = useDurationWords();
  const minutes = (value: unknown) => {
    const n = number(value);
    return n === null ? null : duration(n);
  };
  const more = (value: unknown) => beyondSummary(entry, value);
  switch (entry.type) {
    case 'ticket.escalated':
    case 'ticket.solution-returned':
    case 'ticket.reopened':
    case 'ticket.waiting-on-requester':
    case 'ticket.reclassified':
      return more(d.reason) ? <Block label={t('workspace.timeline.reason')}>{more(d.reason)}</Block> : null;
    case 'ticket.estimated':
      return more(d.note) ? <Block label={t('workspace.timeline.note')}>{more(d.note)}</Block> : null;
    case 'ticket.work-logged':
      return more(d.description) ? <Block>{more(d.description)}</Block> : null;
    case 'ticket.solution-proposed':
      return (
        <>
          {text(d.solution) && <Block tint="green.0">{text(d.solution)}</Block>}
          {text(d.elements) && <Block label={t('workspace.timeline.elements')}>{text(d.elements)}</Block>}
          {number(d.downtimeMinutes) !== null && (
            <Block label={t('workspace.timeline.downtime')}>{minutes(d.downtimeMinutes)}</Block>
          )}
        </>
      );
    case 'ticket.resolved':
      return (
        <>
          {d.verifiedWithRequester === true && <Block>{t('workspace.timeline.verified')}</Block>}
          {text(d.articleRef) && (
            <Block label={t('workspace.timeline.article')}>
              {isUuid(d.articleRef) ? (
                <AnchorLink to="/kb/$articleId" params={{ articleId: d.articleRef }} size="sm">
                  {t('workspace.timeline.openArticle')}
                </AnchorLink>
              ) : (
                text(d.articleRef)
              )}
            </Block>
          )}
          {text(d.note) && <Block label={t('workspace.timeline.note')}>{text(d.note)}</Block>}
        </>
      );
    case 'ticket.review-rejected':
      return more(d.observations) ? (
        <Block label={t('workspace.timeline.observations')} tint="orange.0">
          {more(d.observations)}
        </Block>
      ) : null;
    case 'ticket.closed': {
      const business = minutes(d.resolutionBusinessMinutes);
      return (
        <>
          {business && <Block label={t('workspace.timeline.resolutionTime')}>{business}</Block>}
          {text(d.signOffWaivedReason) && (
            <Block label={t('workspace.timeline.signOffWaived')} tint="orange.0">
              {text(d.signOffWaivedReason)}
            </Block>
          )}
        </>
      );
    }
    case 'ticket.commented':
      return more(d.text) ? <Block>{more(d.text)}</Block> : null;
    case 'ticket.solution-accepted':
    case 'ticket.survey-answered':
      return more(d.comment) ? <Block>{more(d.comment)}</Block> : null;
    default:
      return null;
  }
}

/** The newest steps drawn first on a long timeline; the earlier ones follow in the background (below). */
const FIRST_DRAWN = 30;

/**
 * One step. Memoised on what a step is (history does not change): a new read of the ticket, a query
 * settling beside the timeline or a keystroke in the composer redraws the new steps only.
 */
const TimelineStep = memo(
  function TimelineStep({
    entry,
    language,
    ...placed
  }: {
    entry: TimelineEntry;
    language: 'es' | 'en';
  } & Pick<TimelineItemProps, '__active' | '__lineActive' | '__align'>) {
    const { t, i18n } = useTranslation();
    const tone = toneOf(entry);
    const internal = entry.type === 'ticket.commented' && entry.details.internal === true;
    return (
      <Timeline.Item
        // What Timeline gives each of its children (bullet and line filled up to the active step).
        {...placed}
        role="listitem"
        color={tone.color}
        // An internal note stands apart by more than its colour: a tinted, bordered box and its badge.
        style={
          internal
            ? { background: '#fff8e1', borderLeft: `3px solid ${NOTE_COLOR}`, borderRadius: 4, padding: 6 }
            : undefined
        }
        title={
          <Group gap={6} wrap="wrap">
            {tone.label && (
              <Badge size="xs" radius="sm" variant="filled" color={tone.color}>
                {t(tone.label)}
              </Badge>
            )}
            <Text span fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {entry.summary[language]}
            </Text>
          </Group>
        }
      >
        <Text size="xs" c="dark.5">
          {formatDateTime(entry.at, i18n.language)}
          {entry.by ? ` · ${entry.by.name} (${t(`roles.${entry.by.role}`, { defaultValue: entry.by.role })})` : ''}
          {entry.area ? ` · ${entry.area}` : ''}
        </Text>
        <EntryDetails entry={entry} />
      </Timeline.Item>
    );
  },
  (before, after) =>
    before.language === after.language &&
    before.__active === after.__active &&
    before.__lineActive === after.__lineActive &&
    before.entry.at === after.entry.at &&
    before.entry.type === after.entry.type &&
    before.entry.summary.es === after.entry.summary.es &&
    before.entry.summary.en === after.entry.summary.en,
);

/**
 * The whole timeline. A long one (a 200-step ticket) is drawn in two passes: the newest steps at once, the
 * earlier ones in a transition React renders in slices, so the page answers while they are drawn and the
 * steps next to the reply box show first; the count in the title is always the whole.
 */
export const WorkspaceTimeline = memo(function WorkspaceTimeline({ timeline }: { timeline: TimelineEntry[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'es';
  const [whole, setWhole] = useState(timeline.length <= FIRST_DRAWN);
  useEffect(() => {
    if (!whole) startTransition(() => setWhole(true));
  }, [whole]);
  const first = whole ? 0 : timeline.length - FIRST_DRAWN;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="timeline-title">
      <Title order={2} size="h4" id="timeline-title" mb="sm">
        {t('workspace.timeline.title', { count: timeline.length })}
      </Title>
      {first > 0 && (
        <Text size="sm" c="dark.5" mb="sm">
          {t('common.loading')}
        </Text>
      )}
      <Timeline bulletSize={14} lineWidth={2} active={timeline.length - 1 - first} role="list">
        {timeline.slice(first).map((entry, index) => (
          <TimelineStep key={`${entry.at}-${first + index}`} entry={entry} language={language} />
        ))}
      </Timeline>
    </Card>
  );
});
