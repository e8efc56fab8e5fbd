import { Card, Text, Title } from '@mantine/core';
import { memo, startTransition, useEffect, useState, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { isUuid } from '../../app/url-params';
import { AnchorLink } from '../../components/links';
import { NOTE_BACKGROUND, NOTE_COLOR } from './Composer';
import type { TimelineEntry } from './workspace-api';
import { useDurationWords } from './use-duration-words';
import './workspace-timeline.css';

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

function Block({ label, children, tint }: { label?: string; children: ReactNode; tint?: 'green' | 'orange' }) {
  return (
    <p className="cau-step-block" data-tint={tint}>
      {label && <span className="cau-step-label">{label}: </span>}
      {children}
    </p>
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
          {text(d.solution) && <Block tint="green">{text(d.solution)}</Block>}
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
        <Block label={t('workspace.timeline.observations')} tint="orange">
          {more(d.observations)}
        </Block>
      ) : null;
    case 'ticket.closed': {
      const business = minutes(d.resolutionBusinessMinutes);
      return (
        <>
          {business && <Block label={t('workspace.timeline.resolutionTime')}>{business}</Block>}
          {text(d.signOffWaivedReason) && (
            <Block label={t('workspace.timeline.signOffWaived')} tint="orange">
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
 * One step, drawn with plain elements and one stylesheet: a 200-step timeline of Mantine components cost
 * more in style and layout work than the rest of the page. Memoised on what a step is (history does not
 * change): a new read of the ticket, a query settling beside the timeline or a keystroke in the composer
 * redraws the new steps only.
 */
const TimelineStep = memo(
  function TimelineStep({ entry, language }: { entry: TimelineEntry; language: 'es' | 'en' }) {
    const { t, i18n } = useTranslation();
    const tone = toneOf(entry);
    // An internal note stands apart by more than its colour: a tinted, bordered box and its badge.
    const internal = entry.type === 'ticket.commented' && entry.details.internal === true;
    return (
      <li
        className="cau-step"
        data-internal={internal || undefined}
        style={{ '--cau-step-color': tone.color, '--cau-note-background': NOTE_BACKGROUND } as CSSProperties}
      >
        <div className="cau-step-body">
          <div className="cau-step-title">
            {tone.label && <span className="cau-step-badge">{t(tone.label)}</span>}
            <span className="cau-step-summary">{entry.summary[language]}</span>
          </div>
          <p className="cau-step-meta">
            {formatDateTime(entry.at, i18n.language)}
            {entry.by ? ` · ${entry.by.name} (${t(`roles.${entry.by.role}`, { defaultValue: entry.by.role })})` : ''}
            {entry.area ? ` · ${entry.area}` : ''}
          </p>
          <EntryDetails entry={entry} />
        </div>
      </li>
    );
  },
  (before, after) =>
    before.language === after.language &&
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
      <ol className="cau-timeline">
        {timeline.slice(first).map((entry, index) => (
          <TimelineStep key={`${entry.at}-${first + index}`} entry={entry} language={language} />
        ))}
      </ol>
    </Card>
  );
});
