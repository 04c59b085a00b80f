// The whole conversation in order: the customer's posts and messages, automatic messages, agent replies
// with their outbox state, likes and retweets, and what routing did, as one readable column.
import { useEffect, useRef } from 'react';
import type { ConversationView, OutboxItemView, ThreadEntry } from '../../../../preload/contract';
import { Icon } from '../../components/Icon';
import { VisibilityBadge } from '../../components/NetworkBadge';
import { MessageText } from './MessageText';
import { OutboxState } from './OutboxState';
import { Reactions } from './Reactions';

const when = (t: number) => {
  const d = new Date(t);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleString([], { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
};

const who: Record<string, string> = { customer: 'customer', agent: 'agent', auto: 'auto', brand: 'brand' };

function MessageEntry({ entry, view, outbox }: { entry: Extract<ThreadEntry, { type: 'message' }>; view: ConversationView; outbox: Map<number, OutboxItemView> }) {
  const mine = entry.direction === 'out';
  const kindNote = entry.authorKind === 'auto' ? 'Automatic' : entry.authorKind === 'brand' ? 'Posted outside Parley' : null;
  return (
    <li className={`msg msg--${mine ? 'out' : 'in'} msg--${who[entry.authorKind]} msg--${entry.visibility}`} data-testid="thread-message" data-message-id={entry.id}>
      <div className="msg__bubble">
        <div className="msg__head">
          <span className="msg__author">
            <bdi>{entry.authorName}</bdi>
          </span>
          {kindNote ? <span className="msg__note">{kindNote}</span> : null}
          <VisibilityBadge visibility={entry.visibility} />
          <time className="msg__time" dateTime={new Date(entry.at).toISOString()} title={new Date(entry.at).toLocaleString()}>
            {when(entry.at)}
          </time>
        </div>
        <MessageText text={entry.text} className="msg__text" />
        {entry.outboxItemId != null ? (
          <div className="msg__foot">
            <OutboxState item={outbox.get(entry.outboxItemId)} />
          </div>
        ) : null}
        {entry.reactions ? (
          <Reactions
            interactionId={view.interaction.id}
            messageId={entry.id}
            network={view.interaction.network}
            reactions={entry.reactions}
            capabilities={view.capabilities}
            isComment={entry.channelKind === 'comment'}
          />
        ) : null}
      </div>
    </li>
  );
}

function EngagementEntry({ entry, outbox, agentName }: { entry: Extract<ThreadEntry, { type: 'engagement' }>; outbox: Map<number, OutboxItemView>; agentName: (actor: string | null) => string }) {
  const label = entry.kind === 'like' ? 'Like' : 'Retweet';
  const by = entry.automatic ? 'proposed by the strategy' : `by ${agentName(entry.decidedBy)}`;
  const text =
    entry.state === 'proposed'
      ? `${label} ${by}, waiting for approval`
      : entry.state === 'rejected'
        ? `${label} ${by}: rejected${entry.decidedBy ? ` by ${agentName(entry.decidedBy)}` : ''}`
        : entry.state === 'undone'
          ? `${label} ${by}: undone`
          : `${entry.kind === 'like' ? 'Liked' : 'Retweeted'} ${entry.automatic ? `(approved by ${agentName(entry.decidedBy)})` : by}`;
  const act = entry.state === 'undone' && entry.undoOutboxItemId != null ? outbox.get(entry.undoOutboxItemId) : entry.outboxItemId != null ? outbox.get(entry.outboxItemId) : undefined;
  return (
    <li className="thread-event thread-event--engagement" data-testid="thread-engagement">
      <Icon name={entry.kind === 'like' ? 'heart' : 'retweet'} size={13} />
      <span>{text}</span>
      {act ? <OutboxState item={act} /> : null}
      <time className="thread-event__time">{when(entry.at)}</time>
    </li>
  );
}

type Shown = Exclude<ThreadEntry, { type: 'event' }> | { type: 'events'; key: string; at: number; texts: string[] };

/** Routing steps in a row read as one quiet line; a proposal shows on its post, not twice. */
function groupEvents(thread: ThreadEntry[]): Shown[] {
  const out: Shown[] = [];
  for (const e of thread) {
    if (e.type === 'engagement' && e.state === 'proposed') continue;
    if (e.type !== 'event') {
      out.push(e);
      continue;
    }
    const last = out[out.length - 1];
    const text = e.text.replace(/\.$/, '');
    if (last?.type === 'events') {
      last.texts.push(text);
      last.at = e.at;
    } else out.push({ type: 'events', key: e.key, at: e.at, texts: [text] });
  }
  return out;
}

export function Thread({ view, agentName }: { view: ConversationView; agentName: (actor: string | null) => string }) {
  const bottom = useRef<HTMLDivElement>(null);
  const count = view.thread.length;
  const outbox = new Map(view.outbox.map((o) => [o.id, o]));
  // New messages scroll into view, as in any chat.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [count]);
  return (
    <div className="thread" tabIndex={0} aria-label="Conversation thread">
      {view.truncated ? <p className="thread__more muted">Older messages are in the contact's history.</p> : null}
      <ol className="thread__list">
        {groupEvents(view.thread).map((entry) =>
          entry.type === 'message' ? (
            <MessageEntry key={entry.key} entry={entry} view={view} outbox={outbox} />
          ) : entry.type === 'engagement' ? (
            <EngagementEntry key={entry.key} entry={entry} outbox={outbox} agentName={agentName} />
          ) : (
            <li key={entry.key} className="thread-event" data-testid="thread-event">
              <span>{entry.texts.join(' · ')}</span>
              <time className="thread-event__time">{when(entry.at)}</time>
            </li>
          ),
        )}
      </ol>
      <div ref={bottom} />
    </div>
  );
}
