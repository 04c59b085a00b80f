// What happened to something Parley sent: sending, sent, retrying until T, waiting, failed (why, and
// Retry), cancelled. Updated live from outbox.changed.
import { useState } from 'react';
import type { OutboxItemView } from '../../../../preload/contract';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { api } from '../../lib/api';

const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function outboxStateText(o: OutboxItemView): string {
  switch (o.state) {
    case 'pending':
      return 'Queued to send';
    case 'sending':
      return 'Sending…';
    case 'sent':
      return o.lastError?.code === 'duplicate' ? `Sent (already on the network) ${o.sentAt ? time(o.sentAt) : ''}`.trim() : `Sent ${o.sentAt ? time(o.sentAt) : ''}`.trim();
    case 'retrying':
      return `Retrying until ${time(o.deadlineAt)}${o.lastError ? `: ${o.lastError.message}` : ''}`;
    case 'held':
      return `Waiting: ${o.lastError?.message ?? 'the account is unavailable'}`;
    case 'failed':
      return `Failed: ${o.lastError?.message ?? 'not sent'}`;
    case 'cancelled':
      return 'Cancelled before it was sent';
  }
}

const tone: Record<OutboxItemView['state'], string> = {
  pending: 'pending',
  sending: 'pending',
  sent: 'ok',
  retrying: 'warn',
  held: 'warn',
  failed: 'danger',
  cancelled: 'muted',
};

export function OutboxState({ item }: { item: OutboxItemView | undefined }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  if (!item) return null;
  const act = async (what: 'retry' | 'cancel') => {
    setBusy(true);
    try {
      if (what === 'retry') await api.call('outbox.retry', { id: item.id });
      else await api.call('outbox.cancel', { id: item.id });
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className={`outbox-state outbox-state--${tone[item.state]}`} data-testid={`outbox-state-${item.id}`} data-state={item.state}>
      {item.state === 'pending' || item.state === 'sending' ? <span className="spinner spinner--tiny" aria-hidden /> : null}
      {item.state === 'sent' ? <Icon name="check" size={12} /> : null}
      {item.state === 'failed' || item.state === 'retrying' || item.state === 'held' ? <Icon name="alert" size={12} /> : null}
      <span>{outboxStateText(item)}</span>
      {item.state === 'failed' || item.state === 'cancelled' ? (
        <button type="button" className="link-button" disabled={busy} onClick={() => void act('retry')}>
          Retry
        </button>
      ) : null}
      {item.state === 'pending' || item.state === 'retrying' || item.state === 'held' ? (
        <button type="button" className="link-button" disabled={busy} onClick={() => void act('cancel')}>
          Cancel
        </button>
      ) : null}
    </span>
  );
}
