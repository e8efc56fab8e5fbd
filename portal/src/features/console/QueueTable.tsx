import { Badge, Group, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, type MouseEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { OVERDUE_COLOR, STATUS_COLORS, StatusBadges, ticketStatuses } from '../tickets/ticket-status';
import type { QueueRow } from './queue-api';
import { ageMinutes, rowClock, type RowClock } from './row-clock';
import './queue.css';
import { useDurationWords } from '../workspace/use-duration-words';

const features = tableFeatures({});
const helper = createColumnHelper<typeof features, QueueRow>();
/**
 * Every row is this tall (queue.css: a cell shows at most two lines), so the list is laid out from the count
 * alone: measuring each row as it mounts cost a second render of the first rows and a forced layout.
 */
const ROW_HEIGHT = 54;
/** The scroll box's height is the window's less this, and at least SCROLL_MIN_HEIGHT (queue.css, `.queue-scroll`). */
const SCROLL_OFFSET = 330;
const SCROLL_MIN_HEIGHT = 320;

// Dark enough for white text at badge size (WCAG AA 4.5:1).
const PRIORITY_COLOUR = { ALTA: '#b02a2a', MEDIA: '#8a5a00', BAJA: '#495057' } as const;

export interface QueueTableProps {
  rows: readonly QueueRow[];
  now: Date;
  current: number;
  selected: ReadonlySet<number>;
  onToggle: (number: number) => void;
  onToggleAll: () => void;
  onCurrent: (index: number) => void;
  areaName: (code: string) => string;
  footer?: ReactNode;
}

/**
 * The queue as a native table (screen readers announce rows and headers), virtualised: only the rows in
 * view are in the page, spacer rows keep the scroll height, so 500 or 5,000 rows scroll alike.
 */
export function QueueTable({
  rows,
  now,
  current,
  selected,
  onToggle,
  onToggleAll,
  onCurrent,
  areaName,
  footer,
}: QueueTableProps) {
  const { t } = useTranslation();
  const duration = useDurationWords();
  const words = useRowWords();
  const openTicket = useTicketLinkClick();
  const columns = useMemo(
    () =>
      helper.columns([
        helper.display({ id: 'select', header: () => null }),
        helper.accessor('number', { header: () => t('console.columns.number') }),
        helper.accessor('title', { header: () => t('console.columns.title') }),
        helper.accessor('requesterName', { header: () => t('console.columns.requester') }),
        helper.accessor('jurisdiction', { header: () => t('console.columns.jurisdiction') }),
        helper.accessor('priority', { header: () => t('console.columns.priority') }),
        helper.accessor('status', { header: () => t('console.columns.status') }),
        helper.accessor('area', { header: () => t('console.columns.area') }),
        helper.accessor('assigneeName', { header: () => t('console.columns.assignee') }),
        helper.display({ id: 'timeLeft', header: () => t('console.columns.timeLeft') }),
        helper.display({ id: 'age', header: () => t('console.columns.age') }),
      ]),
    [t],
  );
  const data = useMemo(() => [...rows], [rows]);
  const table = useTable({ features, columns, data, getRowId: (row) => String(row.number) });
  const tableRows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => tableRows[index]?.id ?? index,
    overscan: 10,
    // The scroll box's size as queue.css sets it, so the first render already holds the rows in view: measured
    // from nothing, the list rendered the overscan alone, then again once the box was measured.
    initialRect: { width: window.innerWidth, height: Math.max(SCROLL_MIN_HEIGHT, window.innerHeight - SCROLL_OFFSET) },
  });
  // The keyboard's row is kept in view. Not as the list opens: its first row is in view then, and scrolling to it
  // would only cost the opening a forced layout.
  const opened = useRef(false);
  useEffect(() => {
    if (!opened.current) {
      opened.current = true;
      return;
    }
    if (current >= 0 && current < tableRows.length) virtualizer.scrollToIndex(current, { align: 'auto' });
  }, [current, tableRows.length, virtualizer]);

  const items = virtualizer.getVirtualItems();
  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.number));

  const cell = (row: QueueRow, columnId: string): ReactNode => {
    switch (columnId) {
      case 'select':
        return (
          <input
            type="checkbox"
            className="queue-check"
            aria-label={words.selectRow(row.number)}
            checked={selected.has(row.number)}
            onChange={() => onToggle(row.number)}
          />
        );
      case 'number':
        return (
          <a href={`/tickets/${row.number}`} className="queue-number" onClick={openTicket}>
            {row.number}
          </a>
        );
      case 'title':
        return <span className="queue-title">{row.title}</span>;
      case 'requesterName':
        return <span className="queue-clamp">{row.requesterName}</span>;
      case 'jurisdiction':
        return <span className="queue-clamp">{row.jurisdiction}</span>;
      case 'priority':
        return row.priority ? (
          <CellBadge colour={PRIORITY_COLOUR[row.priority]}>{words.priority[row.priority]}</CellBadge>
        ) : (
          '—'
        );
      case 'status':
        return (
          <span className="queue-badges">
            <CellBadge colour={STATUS_COLORS[row.status]}>{words.status[row.status]}</CellBadge>
            {row.overdue && <CellBadge colour={OVERDUE_COLOR}>{words.overdue}</CellBadge>}
          </span>
        );
      case 'area':
        // The code the desk says ("UIT"), its name on hover and for screen readers.
        return row.area ? (
          <span title={areaName(row.area)} aria-label={areaName(row.area)}>
            {row.area}
          </span>
        ) : (
          '—'
        );
      case 'assigneeName':
        return <span className="queue-clamp">{row.assigneeName ?? words.nobody}</span>;
      case 'timeLeft': {
        const clock = rowClock(row, now);
        if (clock.target === 'none') return '—';
        const time = duration(clock.minutes);
        return (
          <span className={clock.state === 'overdue' ? 'queue-clamp queue-late' : 'queue-clamp'}>
            {words.clock[clock.target]}{' '}
            <span className="queue-nowrap">{clock.state === 'overdue' ? words.late(time) : words.left(time)}</span>
          </span>
        );
      }
      case 'age':
        return duration(ageMinutes(row, now));
      default:
        return null;
    }
  };

  return (
    <div ref={scrollRef} className="queue-scroll" role="region" aria-label={t('console.tableLabel')} tabIndex={-1}>
      <table className="queue-table">
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) =>
                header.column.id === 'select' ? (
                  <th key={header.id} scope="col" className="queue-select">
                    <input
                      type="checkbox"
                      className="queue-check"
                      aria-label={t('console.selectAll')}
                      checked={allSelected}
                      ref={(box) => {
                        if (box) box.indeterminate = !allSelected && selected.size > 0;
                      }}
                      onChange={onToggleAll}
                    />
                  </th>
                ) : (
                  <th key={header.id} scope="col" className={`queue-col-${header.column.id}`}>
                    <table.FlexRender header={header} />
                  </th>
                ),
              )}
            </tr>
          ))}
        </thead>
        <tbody>
          {top > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: top, padding: 0, border: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const row = tableRows[item.index];
            if (!row) return null;
            const ticket = row.original;
            return (
              <tr
                key={row.id}
                data-index={item.index}
                aria-current={item.index === current ? 'true' : undefined}
                aria-selected={selected.has(ticket.number)}
                className={item.index === current ? 'queue-current' : undefined}
                onClick={() => onCurrent(item.index)}
              >
                {row.getAllCells().map((c) => (
                  <td key={c.id} className={c.column.id === 'select' ? 'queue-select' : undefined}>
                    {cell(ticket, c.column.id)}
                  </td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={columns.length} style={{ height: bottom, padding: 0, border: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {footer}
    </div>
  );
}

/** The phone's queue: one card per ticket with what decides the next step. */
export function QueueCards({ rows, now, areaName }: Pick<QueueTableProps, 'rows' | 'now' | 'areaName'>) {
  const { t } = useTranslation();
  return (
    <ul className="queue-cards" aria-label={t('console.tableLabel')}>
      {rows.map((row) => {
        const clock = rowClock(row, now);
        return (
          <li key={row.number}>
            <AnchorLink to="/tickets/$number" params={{ number: row.number }} fw={600}>
              {`#${row.number} · ${row.title}`}
            </AnchorLink>
            <Group gap={6} mt={4}>
              <StatusBadges status={row.status} overdue={row.overdue} />
              {row.priority && (
                <Badge color={PRIORITY_COLOUR[row.priority]} radius="sm">
                  {t(`priority.${row.priority}`)}
                </Badge>
              )}
            </Group>
            <Text size="xs" mt={4}>
              {[row.requesterName, row.area ? areaName(row.area) : null, row.assigneeName ?? t('console.nobody')]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            {clock.target !== 'none' && <ClockText clock={clock} />}
          </li>
        );
      })}
    </ul>
  );
}

/** Stands for a value in a translated text, so that the text is looked up once and filled per row. */
const SLOT = '\u2063';

/**
 * The words every row repeats, looked up once per language: a translation per cell (about fifteen per row,
 * with interpolation) was a good part of the first rows' render time.
 */
function useRowWords() {
  const { t } = useTranslation();
  return useMemo(() => {
    const filled = (text: string) => (value: string | number) => text.replaceAll(SLOT, String(value));
    return {
      status: Object.fromEntries(ticketStatuses.map((status) => [status, t(`status.${status}`)])) as Record<
        QueueRow['status'],
        string
      >,
      priority: { ALTA: t('priority.ALTA'), MEDIA: t('priority.MEDIA'), BAJA: t('priority.BAJA') },
      overdue: t('status.overdue'),
      nobody: t('console.nobody'),
      clock: { response: t('console.clock.response'), resolution: t('console.clock.resolution') },
      left: filled(t('workspace.sla.left', { time: SLOT })),
      late: filled(t('workspace.sla.late', { time: SLOT })),
      selectRow: filled(t('console.selectRow', { number: SLOT })),
    };
  }, [t]);
}

/**
 * The ticket's number as a plain link (the router's link component per row cost as much as the rest of the
 * row): a plain click opens the ticket inside the portal; with a modifier key or the middle button the browser
 * opens it in a new tab or window, as with any link.
 */
function useTicketLinkClick() {
  const navigate = useNavigate();
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      void navigate({ href: event.currentTarget.getAttribute('href') ?? '/' });
    },
    [navigate],
  );
}

/**
 * A badge as plain text in a span, looking like Mantine's filled badge: the table draws up to 40 rows of them at
 * once, and a Mantine component per badge was a good part of the first rows' render time.
 */
function CellBadge({ colour, children }: { colour: string; children: ReactNode }) {
  return (
    <span className="queue-badge" style={{ backgroundColor: colour }}>
      {children}
    </span>
  );
}

/** "Respuesta: quedan 2 h" or, past the target, in bold red "Resolución: 3 h de atraso". */
function ClockText({ clock }: { clock: Exclude<RowClock, { target: 'none' }> }) {
  const { t } = useTranslation();
  const duration = useDurationWords();
  const time = duration(clock.minutes);
  const overdue = clock.state === 'overdue';
  return (
    <Text size="xs" fw={overdue ? 700 : 400} c={overdue ? '#b02a2a' : undefined}>
      {t(`console.clock.${clock.target}`)}{' '}
      {overdue ? t('workspace.sla.late', { time }) : t('workspace.sla.left', { time })}
    </Text>
  );
}
