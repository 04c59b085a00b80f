// One conversation: its header and wrap-up actions, the thread, the composer, and the contact beside it.
import { useEffect, useState } from 'react';
import type { ConversationView } from '../../../../preload/contract';
import { Avatar } from '../../components/Avatar';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Icon } from '../../components/Icon';
import { NetworkBadge } from '../../components/NetworkBadge';
import { useToast } from '../../components/Toasts';
import { api } from '../../lib/api';
import { useNow, useQuery } from '../../lib/hooks';
import { sentimentOf, waitingFor } from '../inbox/format';
import { useWorkspace } from '../workspace/session';
import { useShortcut } from '../workspace/shortcuts';
import { Composer } from './Composer';
import { ContactPanel } from './ContactPanel';
import { Thread } from './Thread';
import { useConversation } from './useConversation';
import { WindowBanner } from './WindowBanner';
import { CompleteDialog, RequeueDialog, TransferDialog } from './WrapUp';
import './conversation.css';

const stateText: Record<ConversationView['interaction']['state'], string> = {
  new: 'New',
  queued: 'In the queue',
  assigned: 'Assigned',
  completed: 'Completed',
  auto_handled: 'Handled automatically',
  ignored: 'Ignored as spam',
};

type Open = 'complete' | 'transfer' | 'requeue' | null;

export function ConversationPane({ interactionId, onDone }: { interactionId: number; onDone: (id: number) => void }) {
  const { view, error, reload } = useConversation(interactionId);
  const { agent, announce } = useWorkspace();
  const toast = useToast();
  const now = useNow(30_000);
  const [open, setOpen] = useState<Open>(null);
  const [taking, setTaking] = useState(false);
  const agents = useQuery('config.listAgents', { includeInactive: true });

  // When the messaging window reaches its next boundary, what may be sent changes: look again then.
  const until = view?.window.until ?? null;
  useEffect(() => {
    if (until === null || until <= Date.now()) return;
    const t = setTimeout(reload, Math.min(until - Date.now() + 500, 2 ** 31 - 1));
    return () => clearTimeout(t);
  }, [until, reload]);

  const i = view?.interaction;
  const mine = !!i && !!agent && i.state === 'assigned' && i.assignedAgentId === agent.id;
  const openState = !!i && (i.state === 'queued' || i.state === 'assigned' || i.state === 'new');

  const take = async () => {
    if (!agent || !i) return;
    setTaking(true);
    try {
      await api.call('routing.accept', { interactionId: i.id, agentId: agent.id });
      reload();
    } catch (e) {
      toast((e as Error).message, 'error');
    } finally {
      setTaking(false);
    }
  };

  useShortcut('take', () => void take(), !!i && i.state === 'queued');
  useShortcut('complete', () => setOpen('complete'), openState);
  useShortcut('transfer', () => setOpen('transfer'), openState);
  useShortcut('requeue', () => setOpen('requeue'), mine);

  if (error && !view) return <ErrorNotice error={error} onRetry={reload} />;
  if (!view || !i) {
    return (
      <div className="center-spinner" role="status">
        <span className="spinner" aria-hidden /> Opening the conversation…
      </div>
    );
  }
  const c = view.contact;
  const handle = c.identities.find((x) => x.network === i.network)?.handle;
  const sentiment = sentimentOf(i.sentiment);
  const names = new Map((agents.data ?? []).map((a) => [a.id, a.name]));
  const agentName = (actor: string | null) => {
    const m = actor ? /^agent:(\d+)$/.exec(actor) : null;
    if (m) return names.get(Number(m[1])) ?? `agent ${m[1]}`;
    return actor === 'strategy' ? 'the strategy' : (actor ?? 'someone');
  };

  return (
    <div className="conversation">
      <div className="conversation__main">
        <header className="conversation__header">
          <div className="conversation__top">
            <Avatar name={c.displayName} url={c.avatarUrl} size={34} />
            <h2 className="conversation__name">
              <bdi>{c.displayName}</bdi>
              {handle && i.network === 'x' ? (
                <span className="conversation__handle">
                  {' '}
                  @<bdi>{handle}</bdi>
                </span>
              ) : null}
            </h2>
            <span className="conversation__fact">to {i.accountLabel}</span>
          </div>
          <div className="conversation__meta" data-testid="conversation-meta">
            <NetworkBadge network={i.network} kind={i.channelKind} />
            <span className={`chip chip--state-${i.state}`} data-testid="interaction-state">
              {stateText[i.state]}
              {i.state === 'assigned' && i.assignedAgentName ? ` to ${i.assignedAgentId === agent?.id ? 'you' : i.assignedAgentName}` : ''}
            </span>
            {i.disposition ? <span className="chip chip--ok">Disposition: {i.disposition.label}</span> : null}
            {openState ? (
              <span className="conversation__fact">
                <Icon name="clock" size={12} /> waiting {waitingFor(i.waitingSince, now)}
              </span>
            ) : null}
            {i.priority > 0 ? <span className="chip chip--priority">P{i.priority}</span> : null}
            {sentiment ? <span className={`chip chip--${sentiment.tone}`}>{sentiment.label}</span> : null}
            {i.route ? <span className="chip">{i.route}</span> : null}
            <div className="conversation__actions">
              {i.state === 'queued' ? (
                <button type="button" className="btn btn--primary btn--small" onClick={() => void take()} disabled={taking || !agent || agent.status === 'offline'} title={agent?.status === 'offline' ? 'Set yourself Ready or Not ready to take conversations' : undefined}>
                  {taking ? 'Taking…' : 'Take it'} <kbd className="kbd-hint">A</kbd>
                </button>
              ) : null}
              {openState ? (
                <button type="button" className="btn btn--small" onClick={() => setOpen('transfer')}>
                  Transfer <kbd className="kbd-hint">T</kbd>
                </button>
              ) : null}
              {mine ? (
                <button type="button" className="btn btn--small" onClick={() => setOpen('requeue')}>
                  Back to queue <kbd className="kbd-hint">B</kbd>
                </button>
              ) : null}
              {openState ? (
                <button type="button" className="btn btn--primary btn--small" onClick={() => setOpen('complete')}>
                  Complete <kbd className="kbd-hint">C</kbd>
                </button>
              ) : null}
            </div>
          </div>
        </header>
        <WindowBanner view={view} now={now} />
        <Thread view={view} agentName={agentName} />
        {mine ? (
          <Composer view={view} />
        ) : (
          <div className="conversation__closed" role="note">
            {i.state === 'queued'
              ? 'This conversation is waiting in the queue. Take it to reply.'
              : i.state === 'assigned'
                ? `${i.assignedAgentName ?? 'Another agent'} is handling this conversation.`
                : i.state === 'completed'
                  ? `Completed${i.disposition ? ` as “${i.disposition.label}”` : ''}${i.completedAt ? ` on ${new Date(i.completedAt).toLocaleString()}` : ''}.`
                  : 'No agent replies in this conversation.'}
          </div>
        )}
      </div>
      <ContactPanel view={view} now={now} />
      {open === 'complete' ? (
        <CompleteDialog
          interactionId={i.id}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            announce('Completed.');
            onDone(i.id);
          }}
        />
      ) : null}
      {open === 'transfer' ? (
        <TransferDialog
          interactionId={i.id}
          myId={agent?.id ?? null}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            announce('Transferred.');
            onDone(i.id);
          }}
        />
      ) : null}
      {open === 'requeue' ? (
        <RequeueDialog
          interactionId={i.id}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            announce('Back in the queue.');
            onDone(i.id);
          }}
        />
      ) : null}
    </div>
  );
}
