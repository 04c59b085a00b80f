// The conversation view: one interaction's whole thread in order (customer posts, replies, automatic
// messages, agent replies, likes and retweets, routing events) with what the agent may send next.
import { getChannelAccount } from '../../db/repositories/channelAccounts';
import { getContact, listContactInteractions } from '../../db/repositories/contacts';
import {
  contactIdentityOn,
  getInteractionRecord,
  latestCustomerMessage,
  listEngagementIds,
  listInteractionEvents,
  listThreadMessages,
  type InteractionEventRecord,
  type InteractionRecord,
} from '../../db/repositories/conversation';
import { getEngagement, type EngagementView as EngagementRecord } from '../../db/repositories/engagements';
import { listOutboxItems } from '../../db/repositories/outbox';
import type { ConversationView, DecisionStep, EngagementView, MessageReactions, ThreadEntry } from '../../preload/contract';
import type { ConfigSnapshot } from '../config/snapshot';
import type { EngineContext } from '../context';
import { notFound } from '../errors';
import { toOutboxView } from '../outbox/view';
import { messagingWindowFor } from '../outbox/windows';
import { capabilitiesOf, defaultModeOf, type ActContext } from './acts';
import { routeLabel, sentimentFor } from './inbox';

/** Enough for the longest chat an agent reads in one sitting; older messages stay in the contact history. */
export const THREAD_LIMIT = 2000;

const publicKinds = new Set(['mention', 'post', 'comment']);

/**
 * When a message happened, for ordering. Networks give times to the second (X's created_at ends in .000,
 * Graph's created_time has no fraction), while Parley stamps its own messages to the millisecond; a
 * customer's answer stamped 12:00:05 may have come after the agent's 12:00:05.300. Such a time is
 * taken as late in its second as the moment Parley stored it allows.
 */
export function orderTime(m: { direction: 'in' | 'out'; sentAt: number; storedAt: number }): number {
  if (m.direction === 'in' && m.sentAt % 1000 === 0) return Math.max(m.sentAt, Math.min(m.sentAt + 999, m.storedAt));
  return m.sentAt;
}

function agentName(s: ConfigSnapshot, id: number | null | undefined): string | null {
  if (id == null) return null;
  return s.agents.find((a) => a.id === id)?.name ?? `Agent ${id}`;
}

function targetName(s: ConfigSnapshot, to: unknown): string {
  const t = (to ?? {}) as { agentId?: number; groupId?: number; skillId?: number; minLevel?: number };
  if (t.agentId != null) return agentName(s, t.agentId)!;
  if (t.groupId != null) return `the group ${s.groups.find((g) => g.id === t.groupId)?.name ?? t.groupId}`;
  if (t.skillId != null) return `the skill ${s.skills.find((x) => x.id === t.skillId)?.name ?? t.skillId} (${t.minLevel ?? 1}+)`;
  return 'another queue';
}

/** A routing event as a sentence; null for events the thread already shows another way. */
export function describeEvent(s: ConfigSnapshot, e: InteractionEventRecord, i: Pick<InteractionRecord, 'dispositionNote'>): string | null {
  const d = e.detail ?? {};
  const who = agentName(s, e.agentId);
  switch (e.kind) {
    case 'created': {
      const state = d.state as string | undefined;
      if (state === 'ignored') return `Ignored as spam${(d.rule as { name?: string } | null)?.name ? ` by the rule "${(d.rule as { name: string }).name}"` : ''}.`;
      if (state === 'auto_handled') return `Handled automatically (${String(d.autoOutcome ?? 'no agent needed').replace('_', ' ')}).`;
      return 'Arrived.';
    }
    case 'queued': {
      const label = routeLabel(s, { skillId: (d.skillId as number | null) ?? null, minLevel: (d.minLevel as number | null) ?? null, groupId: (d.groupId as number | null) ?? null });
      return `Queued for ${label ?? 'any agent'}${d.priority ? ` (priority ${String(d.priority)})` : ''}.`;
    }
    case 'assigned':
      return `Assigned to ${who ?? 'an agent'}.`;
    case 'accepted':
      return `${who ?? 'An agent'} took it.`;
    case 'transferred':
      return `Transferred to ${targetName(s, d.to)}${d.note ? `: "${String(d.note)}"` : ''}.`;
    case 'requeued':
      return `Back in the queue${d.reason ? `: ${String(d.reason)}` : ''}.`;
    case 'completed':
      return `Completed with disposition ${String(d.code ?? '')}${i.dispositionNote ? `: "${i.dispositionNote}"` : ''}.`;
    case 'moved_to_private':
      return `${who ?? 'The agent'} moved the conversation to private messages${d.publicNote ? ' and said so publicly' : ''}.`;
    case 'auto_message':
    case 'first_response':
      return null;
    default:
      return e.kind.replace(/_/g, ' ');
  }
}

type HideState = NonNullable<MessageReactions['hidden']>;

function reactionsFor(messageId: number, networkId: string | null, engagements: EngagementView[], hides: Map<string, HideState>): MessageReactions {
  const latest = (kind: 'like' | 'retweet') => {
    const e = engagements.filter((x) => x.messageId === messageId && x.kind === kind).at(-1);
    return e ? { engagementId: e.id, state: e.state, outboxState: (e.state === 'undone' ? e.undoOutboxState : e.outboxState) ?? null } : null;
  };
  return { like: latest('like'), retweet: latest('retweet'), hidden: networkId ? (hides.get(networkId) ?? null) : null };
}

export async function conversationView(ctx: EngineContext, interactionId: number): Promise<ConversationView> {
  const i = await getInteractionRecord(ctx.db, interactionId);
  if (!i) throw notFound('Interaction', interactionId);
  const s = ctx.config.snapshot;
  const [contact, account, { messages, truncated }, events, outboxItems, engagementIds, window, target, recipient, earlier] = await Promise.all([
    getContact(ctx.db, i.contactId),
    getChannelAccount(ctx.db, i.accountId),
    listThreadMessages(ctx.db, i.id, THREAD_LIMIT),
    listInteractionEvents(ctx.db, i.id),
    listOutboxItems(ctx.db, { interactionId: i.id, limit: 1000 }),
    listEngagementIds(ctx.db, i.id),
    messagingWindowFor(ctx, i.id),
    latestCustomerMessage(ctx.db, i.id),
    contactIdentityOn(ctx.db, i.contactId, i.network),
    listContactInteractions(ctx.db, i.contactId, 50),
  ]);
  if (!contact) throw notFound('Contact', i.contactId);
  const outbox = outboxItems.map(toOutboxView);
  // The latest hide or unhide act per comment (a failed one left the comment as it was).
  const hides = new Map<string, HideState>();
  for (const item of [...outboxItems].sort((a, b) => a.id - b.id)) {
    const p = item.payload as { commentId?: string; hidden?: boolean };
    if (item.kind !== 'hide' || !p.commentId || item.state === 'cancelled' || item.state === 'failed') continue;
    hides.set(p.commentId, { hidden: p.hidden !== false, outboxItemId: item.id, state: item.state });
  }
  const engagements = (await Promise.all(engagementIds.map((id) => getEngagement(ctx.db, id)))).filter((e): e is EngagementRecord => !!e);
  const accountLabel = account ? (account.network === 'x' && account.handle ? `@${account.handle}` : account.name) : 'the brand';

  const thread: ThreadEntry[] = [];
  const orderOf = new Map<string, number>();
  for (const m of messages) {
    orderOf.set(`m${m.id}`, orderTime(m));
    const authorName =
      m.authorKind === 'customer' ? contact.displayName : m.authorKind === 'agent' ? (agentName(s, m.agentId) ?? 'An agent') : m.authorKind === 'auto' ? 'Automatic message' : accountLabel;
    const reactable = m.direction === 'in' && m.authorKind === 'customer' && publicKinds.has(m.channelKind) && m.networkMessageId !== null;
    thread.push({
      type: 'message',
      key: `m${m.id}`,
      id: m.id,
      at: m.sentAt,
      channelKind: m.channelKind,
      direction: m.direction,
      visibility: m.visibility,
      authorKind: m.authorKind,
      authorName,
      text: m.text,
      networkMessageId: m.networkMessageId,
      outboxItemId: m.outboxItemId,
      reactions: reactable ? reactionsFor(m.id, m.networkMessageId, engagements, hides) : null,
    });
  }
  for (const e of engagements) {
    thread.push({ type: 'engagement', key: `e${e.id}`, id: e.id, at: e.createdAt, kind: e.kind, automatic: e.automatic, state: e.state, messageId: e.messageId, outboxItemId: e.outboxItemId, undoOutboxItemId: e.undoOutboxItemId, decidedBy: e.decidedBy });
  }
  for (const e of events) {
    const text = describeEvent(s, e, i);
    if (text) thread.push({ type: 'event', key: `v${e.id}`, id: e.id, at: e.at, kind: e.kind, text });
  }
  const rank = { message: 0, engagement: 1, event: 2 } as const;
  const when = (t: ThreadEntry) => orderOf.get(t.key) ?? t.at;
  thread.sort((a, b) => when(a) - when(b) || rank[a.type] - rank[b.type] || a.id - b.id);

  let decisionPath: DecisionStep[] = [];
  try {
    decisionPath = i.decisionJson ? ((JSON.parse(i.decisionJson) as { path?: DecisionStep[] }).path ?? []) : [];
  } catch {
    decisionPath = [];
  }
  const act: ActContext = {
    network: i.network,
    channelKind: i.channelKind,
    window,
    target: target ? { networkMessageId: target.networkMessageId, channelKind: target.channelKind } : null,
    recipient: recipient ?? null,
  };
  return {
    interaction: {
      id: i.id,
      accountId: i.accountId,
      accountLabel,
      network: i.network,
      channelKind: i.channelKind,
      state: i.state,
      subject: i.subject,
      priority: i.priority,
      sentiment: sentimentFor(i.sentiment, i.subject),
      assignedAgentId: i.assignedAgentId,
      assignedAgentName: agentName(s, i.assignedAgentId),
      createdAt: i.createdAt,
      waitingSince: i.queuedAt ?? i.createdAt,
      assignedAt: i.assignedAt,
      firstResponseAt: i.firstResponseAt,
      completedAt: i.completedAt,
      disposition: i.disposition,
      dispositionNote: i.dispositionNote,
      route: routeLabel(s, i),
      autoOutcome: i.autoOutcome,
      decisionPath,
    },
    contact,
    thread,
    outbox,
    engagements,
    window,
    capabilities: capabilitiesOf(act),
    defaultMode: defaultModeOf(i.channelKind),
    earlier: earlier.filter((x) => x.id !== i.id),
    truncated,
  };
}
