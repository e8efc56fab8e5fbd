import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { announcementsChanged } from '../features/announcements/announcements-api';

/**
 * What the gateway's live stream (`GET /api/v1/events/stream`) says about one ticket event: which ticket
 * changed and how, never its texts. Pages refetch what they show. The stream is text/event-stream, which
 * openapi-fetch cannot read, so this one shape is written here from the gateway's `LiveEventData`.
 */
export interface LiveTicketEvent {
  type: string;
  number: number;
  area?: string;
  status?: string;
  at: string;
  by?: { accountId: string; name: string };
}

type Listener = (event: LiveTicketEvent) => void;
const listeners = new Set<Listener>();

/** Lists are refetched at most this often while events pour in (a bulk take changes many tickets). */
const LIST_REFRESH_MS = 400;
/**
 * The stream can run ahead of the read side (reporting applies the same event a moment later; the gateway
 * holds an event for it at most 3 s), so the lists are read again this long after the last event, and once
 * more later for a read side that was further behind (a busy server).
 */
const LIST_SETTLE_MS = [1_500, 6_000] as const;
/** How long to wait before opening a new stream after the gateway refused one or went away. */
const RECONNECT_MS = [1_000, 3_000, 10_000] as const;

function isLiveTicketEvent(value: unknown): value is LiveTicketEvent {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.type === 'string' && typeof candidate.number === 'number';
}

/**
 * Keeps one stream open while someone is signed in, and turns its events into fresh data: the ticket's own
 * queries at once, the lists at most every {@link LIST_REFRESH_MS}, the announcements when one for this person
 * is published, edited or withdrawn (`event: announcement`; the gateway sends only those of their audience). After a reset (the gateway no longer
 * has the events since the last one seen) every ticket query is refetched. The browser's EventSource resumes
 * by itself with `Last-Event-ID` when a stream ends; when the gateway refuses one (a restart in progress,
 * too many streams) a new one is opened later from the last id seen.
 */
export function useLiveUpdates(queryClient: QueryClient, signedIn: boolean): void {
  const lastId = useRef<string | null>(null);
  useEffect(() => {
    if (!signedIn || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let listTimer: ReturnType<typeof setTimeout> | undefined;
    let settleTimers: Array<ReturnType<typeof setTimeout>> = [];
    let failures = 0;
    let stopped = false;

    const invalidateLists = () => {
      void queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['console'] });
    };
    const refreshLists = () => {
      for (const timer of settleTimers) clearTimeout(timer);
      settleTimers = LIST_SETTLE_MS.map((ms) => setTimeout(invalidateLists, ms));
      if (listTimer !== undefined) return;
      listTimer = setTimeout(() => {
        listTimer = undefined;
        invalidateLists();
      }, LIST_REFRESH_MS);
    };

    const onTicketEvent = (message: MessageEvent<string>) => {
      if (message.lastEventId) lastId.current = message.lastEventId;
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      if (!isLiveTicketEvent(data)) return;
      const { number } = data;
      for (const kind of ['detail', 'path', 'suggestion', 'attachments', 'closure-report', 'mails']) {
        void queryClient.invalidateQueries({ queryKey: ['tickets', kind, number] });
      }
      refreshLists();
      for (const listener of listeners) listener(data);
    };

    const open = () => {
      const url = new URL('/api/v1/events/stream', window.location.origin);
      if (lastId.current) url.searchParams.set('lastEventId', lastId.current);
      source = new EventSource(url);
      source.onopen = () => {
        failures = 0;
      };
      source.addEventListener('ticket', onTicketEvent);
      source.addEventListener('announcement', (message: MessageEvent<string>) => {
        if (message.lastEventId) lastId.current = message.lastEventId;
        void announcementsChanged(queryClient);
      });
      source.addEventListener('ready', (message: MessageEvent<string>) => {
        if (message.lastEventId) lastId.current = message.lastEventId;
      });
      source.addEventListener('reset', (message: MessageEvent<string>) => {
        if (message.lastEventId) lastId.current = message.lastEventId;
        void queryClient.invalidateQueries({ queryKey: ['tickets'] });
        void queryClient.invalidateQueries({ queryKey: ['console'] });
        void announcementsChanged(queryClient);
      });
      source.onerror = () => {
        // CONNECTING: the browser retries by itself, with Last-Event-ID. CLOSED: it gave up (non-200 answer).
        if (source?.readyState !== EventSource.CLOSED || stopped) return;
        source.close();
        const delay = RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)];
        failures += 1;
        retry = setTimeout(open, delay);
      };
    };

    open();
    return () => {
      stopped = true;
      source?.close();
      clearTimeout(retry);
      clearTimeout(listTimer);
      for (const timer of settleTimers) clearTimeout(timer);
    };
  }, [queryClient, signedIn]);
}

/** Calls `listener` for every live ticket event until the returned function is called. */
export function onTicketEvents(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Calls `listener` for each live event of ticket `number` while the component is mounted. */
export function useTicketEvents(number: number, listener: Listener): void {
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(
    () =>
      onTicketEvents((event) => {
        if (event.number === number) latest.current(event);
      }),
    [number],
  );
}
