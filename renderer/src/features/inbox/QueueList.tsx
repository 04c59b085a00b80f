// The queue I may pick from, as a virtual list: only the rows on screen exist in the page, and only
// their pages are fetched, so 50,000 waiting conversations scroll like 50.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { InboxRowView } from './InboxRowView';
import type { QueueWindowState } from './useQueueWindow';

export const ROW_HEIGHT = 76;

export function QueueList({ queue, now, selectedId, label }: { queue: QueueWindowState; now: number; selectedId: number | null; label: string }) {
  const parentRef = useRef<HTMLDivElement>(null);
  const count = queue.counts?.eligible ?? 0;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => parentRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { show } = queue;
  useEffect(() => {
    show(first, last);
  }, [first, last, count, show]);

  if (queue.error && !queue.counts) return <ErrorNotice error={queue.error} />;
  if (queue.counts && count === 0) {
    return (
      <EmptyState icon="check" title="Nothing waiting for you">
        {queue.counts.queued > 0
          ? `${queue.counts.queued.toLocaleString()} conversation${queue.counts.queued === 1 ? ' waits' : 's wait'} for other skills or groups.`
          : 'New conversations you can take appear here as they arrive.'}
      </EmptyState>
    );
  }
  return (
    <div ref={parentRef} className="inbox-list__scroll" data-testid="queue-scroll">
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative', width: '100%' }}>
        {items.map((v) => {
          const row = queue.rowAt(v.index);
          return (
            <div
              key={v.key}
              role="listitem"
              aria-setsize={count}
              aria-posinset={v.index + 1}
              className="inbox-list__item"
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
            >
              <InboxRowView row={row} now={now} selected={row?.interactionId === selectedId} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
