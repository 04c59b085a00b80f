// Where an agent spends the day: their conversations and the queue on the left, the open conversation on
// the right. Everything updates from pushed events; nothing needs a reload.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { InboxRow } from '../../../../preload/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { api, ApiError } from '../../lib/api';
import { useEvent, useNow } from '../../lib/hooks';
import { navigate } from '../../lib/router';
import { ConversationPane } from '../conversation/ConversationPane';
import { useWorkspace } from '../workspace/session';
import { useShortcut } from '../workspace/shortcuts';
import { SignIn } from '../workspace/SignIn';
import { ApprovalsList, useProposedEngagements } from './ApprovalsList';
import { InboxRowView } from './InboxRowView';
import { QueueList } from './QueueList';
import { useQueueWindow } from './useQueueWindow';
import './inbox.css';

type Tab = 'mine' | 'queue' | 'approvals';

function useMine(enabled: boolean, epoch: number) {
  const [rows, setRows] = useState<InboxRow[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = useCallback(() => {
    api.call('inbox.mine', {}).then(
      (r) => {
        setRows(r.rows);
        setError(null);
      },
      (e: unknown) => setError(e as ApiError),
    );
  }, []);
  useEffect(() => {
    if (enabled) load();
    else setRows(null);
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [enabled, epoch, load]);
  useEvent('inbox.changed', () => {
    if (!enabled || timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      load();
    }, 150);
  });
  return { rows, error, reload: load };
}

export function InboxPage({ interactionId }: { interactionId: number | null }) {
  const { agent, restoring, epoch } = useWorkspace();
  const signedIn = agent !== null;
  const [tab, setTab] = useState<Tab>('mine');
  const now = useNow(15_000);
  const mine = useMine(signedIn, epoch);
  const queue = useQueueWindow('eligible', signedIn, epoch);
  const proposals = useProposedEngagements();

  // J / K walk the list that is showing.
  const step = (delta: number) => {
    let ids: number[] = [];
    if (tab === 'mine') ids = (mine.rows ?? []).map((r) => r.interactionId);
    else if (tab === 'queue') {
      const n = queue.counts?.eligible ?? 0;
      for (let i = 0; i < Math.min(n, 2000); i++) {
        const r = queue.rowAt(i);
        if (r) ids.push(r.interactionId);
      }
    } else ids = (proposals.data ?? []).flatMap((e) => (e.interactionId != null ? [e.interactionId] : []));
    if (ids.length === 0) return;
    const at = interactionId != null ? ids.indexOf(interactionId) : -1;
    const next = at < 0 ? ids[delta > 0 ? 0 : ids.length - 1] : ids[Math.min(ids.length - 1, Math.max(0, at + delta))];
    if (next != null) {
      navigate(`inbox/${next}`);
      requestAnimationFrame(() => document.querySelector(`[data-interaction-id="${next}"]`)?.scrollIntoView({ block: 'nearest' }));
    }
  };
  useShortcut('next', () => step(1), signedIn);
  useShortcut('previous', () => step(-1), signedIn);

  /** After a wrap-up: the next conversation of mine, or the empty pane. */
  const openNext = useCallback(
    (doneId: number) => {
      const rest = (mine.rows ?? []).filter((r) => r.interactionId !== doneId);
      navigate(rest[0] ? `inbox/${rest[0].interactionId}` : 'inbox');
    },
    [mine.rows],
  );

  if (restoring) {
    return (
      <section className="page" aria-labelledby="page-title">
        <h1 className="visually-hidden" id="page-title">
          Inbox
        </h1>
        <div className="center-spinner" role="status">
          <span className="spinner" aria-hidden /> Signing you in…
        </div>
      </section>
    );
  }
  if (!signedIn) {
    return (
      <section className="page" aria-labelledby="page-title">
        <header className="page-header">
          <div>
            <h1 className="page-header__title" id="page-title">
              Inbox
            </h1>
            <p className="page-header__subtitle">Conversations assigned to you and the queues you can pick from.</p>
          </div>
        </header>
        <SignIn />
      </section>
    );
  }

  const counts = queue.counts;
  const mineCount = mine.rows?.length ?? 0;
  const tabs: Array<{ id: Tab; label: string; count: string }> = [
    { id: 'mine', label: 'Mine', count: String(mineCount) },
    { id: 'queue', label: 'Queue', count: counts ? counts.eligible.toLocaleString() : '…' },
    { id: 'approvals', label: 'Approvals', count: String(proposals.data?.length ?? 0) },
  ];

  return (
    <section className="workspace" aria-labelledby="page-title">
      <div className="inbox-list">
        <header className="inbox-list__header">
          <h1 className="inbox-list__title" id="page-title">
            Inbox
          </h1>
          <span className="muted inbox-list__total" data-testid="queue-total">
            {counts ? `${counts.queued.toLocaleString()} waiting in all queues` : ''}
          </span>
        </header>
        <div className="tabs inbox-tabs" role="tablist" aria-label="Conversation lists">
          {tabs.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              id={`inbox-tab-${t.id}`}
              aria-selected={tab === t.id}
              aria-controls={`inbox-panel-${t.id}`}
              className="tab"
              onClick={() => setTab(t.id)}
            >
              {t.label} <span className="tab__count">{t.count}</span>
            </button>
          ))}
        </div>
        <div className="inbox-list__panel" role="tabpanel" id={`inbox-panel-${tab}`} aria-labelledby={`inbox-tab-${tab}`}>
          {tab === 'mine' ? (
            mine.error ? (
              <ErrorNotice error={mine.error} onRetry={mine.reload} />
            ) : mine.rows && mine.rows.length === 0 ? (
              <EmptyState icon="inbox" title="Nothing assigned to you">
                {agent.status === 'ready'
                  ? 'You are Ready: new conversations come to you as they arrive. You can also take one from the Queue.'
                  : 'Set yourself Ready to receive conversations, or take one from the Queue.'}
              </EmptyState>
            ) : (
              <div className="inbox-list__scroll">
                <ul className="inbox-list__plain" aria-label="Assigned to me">
                  {(mine.rows ?? []).map((r) => (
                    <li key={r.interactionId}>
                      <InboxRowView row={r} now={now} selected={r.interactionId === interactionId} />
                    </li>
                  ))}
                </ul>
              </div>
            )
          ) : tab === 'queue' ? (
            <QueueList queue={queue} now={now} selectedId={interactionId} label="Queue I can take" />
          ) : (
            <div className="inbox-list__scroll">
              <ApprovalsList proposals={proposals} now={now} />
            </div>
          )}
        </div>
      </div>
      <div className="workspace__main">
        {interactionId != null ? (
          <ConversationPane key={interactionId} interactionId={interactionId} onDone={openNext} />
        ) : (
          <EmptyState icon="inbox" title={mineCount ? 'Choose a conversation' : 'Nothing open'}>
            {mineCount ? (
              <>
                Pick one on the left, or press <kbd>J</kbd> for the next. Press <kbd>?</kbd> for every shortcut.
              </>
            ) : (
              <>
                Conversations assigned to you open here. Press <kbd>?</kbd> for the keyboard shortcuts.
              </>
            )}
          </EmptyState>
        )}
      </div>
    </section>
  );
}
