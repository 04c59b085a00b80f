// Likes and retweets the strategy proposed for positive posts, waiting for a person to approve them.
import { useState } from 'react';
import type { EngagementView } from '../../../../preload/contract';
import { EmptyState } from '../../components/EmptyState';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { NetworkBadge } from '../../components/NetworkBadge';
import { useToast } from '../../components/Toasts';
import { api } from '../../lib/api';
import { relativeTime } from '../../lib/format';
import { useEvent, useQuery } from '../../lib/hooks';
import { useWorkspace } from '../workspace/session';

export function useProposedEngagements() {
  const q = useQuery('strategy.engagements', { state: 'proposed', limit: 200 });
  useEvent('engagements.changed', () => q.reload());
  useEvent('inbox.changed', () => q.reload());
  return q;
}

export function ApprovalsList({ proposals, now }: { proposals: ReturnType<typeof useProposedEngagements>; now: number }) {
  const toast = useToast();
  const { announce } = useWorkspace();
  const [busy, setBusy] = useState<number | null>(null);
  const decide = async (e: EngagementView, approve: boolean) => {
    setBusy(e.id);
    try {
      await api.call(approve ? 'strategy.approveEngagement' : 'strategy.rejectEngagement', { id: e.id });
      announce(approve ? `${e.kind === 'like' ? 'Like' : 'Retweet'} approved; it is being sent.` : `${e.kind === 'like' ? 'Like' : 'Retweet'} rejected.`);
      proposals.reload();
    } catch (err) {
      toast((err as Error).message, 'error');
    } finally {
      setBusy(null);
    }
  };
  if (proposals.error) return <ErrorNotice error={proposals.error} onRetry={proposals.reload} />;
  const list = proposals.data ?? [];
  if (proposals.data && list.length === 0) {
    return (
      <EmptyState icon="heart" title="No engagement to approve">
        When the strategy finds a positive post it proposes a like or a retweet here for you to approve.
      </EmptyState>
    );
  }
  return (
    <ul className="approvals" aria-label="Proposed likes and retweets">
      {list.map((e) => (
        <li key={e.id} className="approval">
          <div className="approval__head">
            <NetworkBadge network={e.network} kind={e.channelKind} />
            <span className="approval__kind">
              <Icon name={e.kind === 'like' ? 'heart' : 'retweet'} size={14} /> {e.kind === 'like' ? 'Like' : 'Retweet'}
              {e.score !== null ? <span className="muted"> · score {e.score.toFixed(2)}</span> : null}
            </span>
            <span className="muted approval__time">{relativeTime(e.createdAt, now)}</span>
          </div>
          <p className="approval__text message-text">
            <bdi>{e.text}</bdi>
          </p>
          <div className="btn-row">
            {e.interactionId != null ? (
              <a className="btn btn--small btn--ghost" href={`#/inbox/${e.interactionId}`}>
                Open
              </a>
            ) : null}
            <span className="approval__spacer" />
            <button type="button" className="btn btn--small" disabled={busy === e.id} onClick={() => void decide(e, false)} aria-label={`Reject ${e.kind} of: ${e.text.slice(0, 60)}`}>
              Reject
            </button>
            <button type="button" className="btn btn--small btn--primary" disabled={busy === e.id} onClick={() => void decide(e, true)} aria-label={`Approve ${e.kind} of: ${e.text.slice(0, 60)}`}>
              Approve {e.kind === 'like' ? 'like' : 'retweet'}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
