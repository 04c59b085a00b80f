// The queue as the screen sees it: counts, and rows fetched a page at a time for the range on screen. A
// change in the queue refreshes only the pages in view, at most a few times a second however many
// messages arrive.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxCounts, InboxRow } from '../../../../preload/contract';
import { api } from '../../lib/api';
import { useEvent } from '../../lib/hooks';

export const PAGE_SIZE = 100;
const REFRESH_MS = 300;

export interface QueueWindowState {
  counts: InboxCounts | null;
  /** The row at an index, if its page is loaded. */
  rowAt(index: number): InboxRow | undefined;
  /** Tell the window which rows are on screen; missing pages are fetched. */
  show(first: number, last: number): void;
  error: Error | null;
  /** Bumps whenever rows or counts changed (for memoised children). */
  version: number;
}

export function useQueueWindow(scope: 'eligible' | 'all', enabled: boolean, epoch = 0): QueueWindowState {
  const [counts, setCounts] = useState<InboxCounts | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [version, setVersion] = useState(0);
  const pages = useRef(new Map<number, InboxRow[]>());
  const loading = useRef(new Map<number, number>()); // page -> generation it was asked for
  const generation = useRef(0);
  const range = useRef<[number, number]>([0, 30]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const fetchPage = useCallback(
    (page: number) => {
      const gen = generation.current;
      if (loading.current.get(page) === gen) return;
      loading.current.set(page, gen);
      api.call('inbox.queue', { scope, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
        (r) => {
          if (loading.current.get(page) === gen) loading.current.delete(page);
          if (gen !== generation.current) return;
          pages.current.set(page, r.rows);
          setCounts(r.counts);
          setError(null);
          setVersion((v) => v + 1);
        },
        (e: unknown) => {
          if (loading.current.get(page) === gen) loading.current.delete(page);
          setError(e as Error);
        },
      );
    },
    [scope],
  );

  const pagesInView = () => {
    const [first, last] = range.current;
    const out: number[] = [];
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(Math.max(first, last) / PAGE_SIZE); p++) out.push(p);
    return out;
  };

  const refresh = useCallback(() => {
    generation.current++;
    const keep = new Set(pagesInView());
    // Pages out of view are dropped (fetched again when scrolled to); pages in view stay on screen until
    // their fresh copy arrives, so nothing flickers.
    for (const p of [...pages.current.keys()]) if (!keep.has(p)) pages.current.delete(p);
    for (const p of keep) fetchPage(p);
  }, [fetchPage]);

  useEffect(() => {
    pages.current.clear();
    setCounts(null);
    if (enabled) refresh();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [enabled, epoch, refresh]);

  useEvent('inbox.changed', () => {
    if (!enabled || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, REFRESH_MS);
  });

  const show = useCallback(
    (first: number, last: number) => {
      range.current = [first, last];
      for (const p of pagesInView()) if (!pages.current.has(p)) fetchPage(p);
    },
    [fetchPage],
  );

  const rowAt = useCallback((i: number) => pages.current.get(Math.floor(i / PAGE_SIZE))?.[i % PAGE_SIZE], []);

  return { counts, rowAt, show, error, version };
}
