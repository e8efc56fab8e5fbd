import { Button, Group, Loader, NativeSelect, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { ButtonLink } from '../../components/links';
import { useShortcutGroup, isPageKey } from '../../components/shortcuts';
import { useSession } from '../auth/session';
import { isDeskRole } from '../desk-registration/desk-roles';
import { graphQuery } from '../workspace/workspace-api';
import { warmUpWorkspace, whenIdle } from '../workspace/warm-up';
import type { BulkResult } from './BulkActions';
import { queueQuery } from './queue-api';
import {
  addedFilters,
  defaultView,
  listQuery,
  QUEUE_SORTS,
  QUEUE_VIEWS,
  type QueueSearch,
  type QueueView,
} from './queue-search';
import { QueueCards, QueueTable } from './QueueTable';
import { QueueFilters } from './QueueFilters';
import { SavedViews } from './SavedViews';
import { AnnouncementsBanner } from '../announcements/AnnouncementsBanner';

const route = getRouteApi('/signed-in/consola');

// What acts on a selection (with its people picker) loads when something is selected, not with the queue.
const BulkActions = lazy(() => import('./BulkActions').then((module) => ({ default: module.BulkActions })));
const BulkReport = lazy(() => import('./BulkActions').then((module) => ({ default: module.BulkReport })));

/** The URL's search string for the saved views: what the browser shows, without the leading "?". */
function queryString(search: QueueSearch): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (value === undefined) continue;
    params.set(key, Array.isArray(value) ? value.join(',') : String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * The console's home: the queues an operator, an agent or a supervisor works from, as tabs and filters kept
 * in the URL (bookmarkable, shareable, savable), refreshed by the live stream, workable from the keyboard.
 */
export function QueuePage() {
  const { t } = useTranslation();
  const account = useSession()!;
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/consola' });
  const phone = useMediaQuery('(max-width: 48em)');
  const graph = useQuery(graphQuery);
  const areaName = (code: string) => graph.data?.areas.find((area) => area.code === code)?.name ?? code;
  const view: QueueView = search.view ?? defaultView(account.area);
  const query = useMemo(() => listQuery(search, account.area), [search, account.area]);
  const queue = useInfiniteQuery(queueQuery(query));
  const queryClient = useQueryClient();
  const rows = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  // Agents open tickets from here: once the rows are on screen, the workspace's code and configuration load
  // while they read, so the first ticket they open waits for its own reads only.
  const rowsShown = queue.isSuccess;
  useEffect(
    () => (rowsShown ? whenIdle(() => void warmUpWorkspace(queryClient)) : undefined),
    [rowsShown, queryClient],
  );
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    // The clocks count down on screen; the rows themselves change only through the live stream.
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [results, setResults] = useState<BulkResult[] | null>(null);
  const [filtersOpen, setFiltersOpen] = useState(addedFilters(search) > 0);
  const [text, setText] = useState(search.text ?? '');
  const searchBox = useRef<HTMLInputElement>(null);

  // A new view or filter is a new list: the cursor row and the selection belong to the old one.
  useEffect(() => {
    setCurrent(0);
    // The same (empty) set when nothing was selected: a new one would render the whole page again for nothing.
    setSelected((previous) => (previous.size === 0 ? previous : new Set()));
  }, [query]);
  useEffect(() => setText(search.text ?? ''), [search.text]);

  const setSearch = (change: Partial<QueueSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...change }), replace: false });
  const setTextFilter = useDebouncedCallback((value: string) => setSearch({ text: value.trim() || undefined }), 350);

  const toggle = (number: number) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(number)) next.delete(number);
      else next.add(number);
      return next;
    });
  const toggleAll = () =>
    setSelected((previous) =>
      rows.length > 0 && rows.every((row) => previous.has(row.number))
        ? new Set()
        : new Set(rows.map((row) => row.number)),
    );
  const takeOne = async (number: number) => {
    try {
      await unwrap(api.POST('/api/v1/tickets/{number}/take', { params: { path: { number } } }));
      setResults([{ number, ok: true, message: t('console.bulk.taken') }]);
    } catch (error) {
      setResults([{ number, ok: false, message: error instanceof Error ? error.message : String(error) }]);
    }
    await queryClient.invalidateQueries({ queryKey: ['console'] });
  };
  const open = (index: number) => {
    const row = rows[index];
    if (row) void navigate({ to: '/tickets/$number', params: { number: row.number } });
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPageKey(event)) return;
      const target = event.target instanceof Element ? event.target : null;
      // Enter and Space on a link, a button or a checkbox are theirs.
      const onControl = target?.closest('a, button, [role="tab"], [role="menuitem"]') !== null;
      switch (event.key) {
        case 'j':
        case 'ArrowDown':
          if (event.key === 'ArrowDown' && onControl) return;
          setCurrent((index) => Math.min(rows.length - 1, index + 1));
          break;
        case 'k':
        case 'ArrowUp':
          if (event.key === 'ArrowUp' && onControl) return;
          setCurrent((index) => Math.max(0, index - 1));
          break;
        case 'Enter':
        case 'o':
          if (onControl) return;
          open(current);
          break;
        case 'x': {
          const row = rows[current];
          if (row) toggle(row.number);
          break;
        }
        case 't': {
          const row = rows[current];
          if (row) void takeOne(row.number);
          break;
        }
        case '/':
          searchBox.current?.focus();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useShortcutGroup({
    title: t('console.shortcuts.title'),
    shortcuts: [
      { keys: ['J', '↓'], label: t('console.shortcuts.next') },
      { keys: ['K', '↑'], label: t('console.shortcuts.previous') },
      { keys: ['Enter', 'O'], label: t('console.shortcuts.open') },
      { keys: ['X'], label: t('console.shortcuts.select') },
      { keys: ['T'], label: t('console.shortcuts.take') },
      { keys: ['/'], label: t('console.shortcuts.search') },
      { keys: ['?'], label: t('console.shortcuts.help') },
    ],
  });

  const mayReview = account.role === 'supervisor' || account.role === 'admin';
  const views = QUEUE_VIEWS.filter((candidate) => candidate !== 'review' || mayReview).filter(
    (candidate) => candidate !== 'area' || account.area,
  );
  const selectedNumbers = [...selected];
  const selectedAreas = new Set(rows.filter((row) => selected.has(row.number)).map((row) => row.area));
  const bulkArea = selectedAreas.size === 1 ? ([...selectedAreas][0] ?? null) : null;
  const count = rows.length;
  const more = queue.hasNextPage;

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Title order={1}>{t('console.title')}</Title>
        <Group gap="xs">
          <SavedViews currentQuery={queryString(search)} />
          {isDeskRole(account.role) && (
            <ButtonLink to="/consola/registrar" size="sm">
              {t('console.register')}
            </ButtonLink>
          )}
        </Group>
      </Group>
      <AnnouncementsBanner />

      <Tabs
        value={view}
        onChange={(next) => {
          if (next) void navigate({ search: { view: next as QueueView } });
        }}
        keepMounted={false}
      >
        <Tabs.List style={{ flexWrap: 'wrap' }}>
          {views.map((candidate) => (
            <Tabs.Tab key={candidate} value={candidate}>
              {t(`console.views.${candidate}`, { area: account.area ?? '' })}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>

      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          ref={searchBox}
          label={t('console.search')}
          type="search"
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setTextFilter(event.currentTarget.value);
          }}
          w={phone ? '100%' : 320}
        />
        <NativeSelect
          label={t('console.sort')}
          value={search.sort ?? query.sort ?? 'newest'}
          onChange={(event) => setSearch({ sort: event.currentTarget.value as (typeof QUEUE_SORTS)[number] })}
          data={QUEUE_SORTS.map((sort) => ({ value: sort, label: t(`console.sorts.${sort}`) }))}
        />
        {view === 'dueSoon' && (
          <NativeSelect
            label={t('console.hours')}
            value={String(search.hours ?? 4)}
            onChange={(event) => setSearch({ hours: Number(event.currentTarget.value) })}
            data={[1, 2, 4, 8, 24, 48].map((hours) => ({
              value: String(hours),
              label: t('console.hoursValue', { count: hours }),
            }))}
          />
        )}
        <Button variant="default" onClick={() => setFiltersOpen((value) => !value)} aria-expanded={filtersOpen}>
          {t('console.filters', { count: addedFilters(search) })}
        </Button>
        {addedFilters(search) > 0 && (
          <Button variant="subtle" onClick={() => void navigate({ search: { view } })}>
            {t('console.clearFilters')}
          </Button>
        )}
      </Group>

      {filtersOpen && <QueueFilters search={search} areas={graph.data?.areas ?? []} onChange={setSearch} />}

      <Suspense fallback={null}>
        {selected.size > 0 && (
          <BulkActions
            selected={selectedNumbers}
            area={bulkArea}
            entryArea={graph.data?.entryArea ?? null}
            onDone={(done) => {
              setResults(done);
              setSelected(new Set());
            }}
          />
        )}
        {results && <BulkReport results={results} onClose={() => setResults(null)} />}
      </Suspense>

      <Group justify="space-between">
        <Text size="sm" role="status" aria-live="polite">
          {queue.isPending
            ? t('common.loading')
            : more
              ? t('console.countMore', { count })
              : t('console.count', { count })}
        </Text>
        {queue.isFetching && !queue.isPending && <Loader size="xs" aria-label={t('common.loading')} />}
      </Group>
      {queue.isError && <QueryError error={queue.error} />}
      {!queue.isPending &&
        (phone ? (
          <QueueCards rows={rows} now={now} areaName={areaName} />
        ) : (
          <QueueTable
            rows={rows}
            now={now}
            current={current}
            selected={selected}
            onToggle={toggle}
            onToggleAll={toggleAll}
            onCurrent={setCurrent}
            areaName={areaName}
          />
        ))}
      {more && (
        <Group justify="center">
          <Button variant="light" loading={queue.isFetchingNextPage} onClick={() => void queue.fetchNextPage()}>
            {t('console.loadMore')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
