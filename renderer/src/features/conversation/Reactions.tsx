// The engagement buttons under a customer's public post: like, retweet (X), hide (Facebook comments), and
// their undo; a like or retweet the strategy proposed is approved or rejected here.
import { useState } from 'react';
import type { ConversationCapabilities, MessageReactions, Network } from '../../../../preload/contract';
import { Icon } from '../../components/Icon';
import { useToast } from '../../components/Toasts';
import { api } from '../../lib/api';

type Ref = MessageReactions['like'];
const active = (r: Ref) => r !== null && (r.state === 'approved' || r.state === 'done');

const stateNote = (s: string | null) =>
  s === 'sent' ? '' : s === 'failed' ? ' (failed)' : s === 'retrying' || s === 'held' ? ' (waiting)' : s === 'cancelled' ? ' (cancelled)' : ' (sending…)';

export function Reactions({
  interactionId,
  messageId,
  network,
  reactions,
  capabilities,
  isComment,
}: {
  interactionId: number;
  messageId: number;
  network: Network;
  reactions: MessageReactions;
  capabilities: ConversationCapabilities;
  isComment: boolean;
}) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const run = async (f: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await f();
      if (done) toast(done, 'ok');
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  };
  const engage = (act: 'like' | 'retweet' | 'hide' | 'unhide') => run(() => api.call('conversation.engage', { interactionId, messageId, act }));
  const undo = (id: number) => run(() => api.call('strategy.undoEngagement', { id }));
  const reject = (id: number) => run(() => api.call('strategy.rejectEngagement', { id }));

  const button = (kind: 'like' | 'retweet', r: Ref) => {
    // Both networks call it Like now (X's "favorite" became a like in 2015).
    const label = kind === 'like' ? 'Like' : 'Retweet';
    const icon = kind === 'like' ? 'heart' : 'retweet';
    if (r?.state === 'proposed') {
      return (
        <span className="reaction reaction--proposed" key={kind}>
          <Icon name={icon} size={13} />
          <span>{label} proposed by the strategy</span>
          <button type="button" className="btn btn--small btn--primary" disabled={busy} onClick={() => void engage(kind)}>
            Approve {label.toLowerCase()}
          </button>
          <button type="button" className="btn btn--small" disabled={busy} onClick={() => void reject(r.engagementId)}>
            Reject
          </button>
        </span>
      );
    }
    if (active(r)) {
      return (
        <span className="reaction reaction--on" key={kind}>
          <Icon name={icon} size={13} />
          <span>
            {kind === 'like' ? 'Liked' : 'Retweeted'}
            {stateNote(r!.outboxState)}
          </span>
          <button type="button" className="link-button" disabled={busy} onClick={() => void undo(r!.engagementId)} aria-label={`Undo ${kind}`}>
            Undo
          </button>
        </span>
      );
    }
    return (
      <button type="button" className="btn btn--small btn--ghost reaction" key={kind} disabled={busy} onClick={() => void engage(kind)}>
        <Icon name={icon} size={13} />
        {label}
      </button>
    );
  };

  const hidden = reactions.hidden;
  return (
    <div className="reactions" role="group" aria-label="Engage with this post">
      {capabilities.like ? button('like', reactions.like) : null}
      {capabilities.retweet && network === 'x' ? button('retweet', reactions.retweet) : null}
      {network === 'facebook' && isComment ? (
        hidden?.hidden ? (
          <span className="reaction reaction--on">
            <Icon name="lock" size={13} />
            <span>Hidden from the Page{stateNote(hidden.state)}</span>
            <button type="button" className="link-button" disabled={busy} onClick={() => void engage('unhide')}>
              Unhide
            </button>
          </span>
        ) : (
          <button type="button" className="btn btn--small btn--ghost reaction" disabled={busy} onClick={() => void engage('hide')}>
            <Icon name="lock" size={13} />
            Hide comment
          </button>
        )
      ) : null}
    </div>
  );
}
