// One interaction as the agent's conversation view reads it: the interaction with its disposition, its
// messages in order, its routing events, its engagements and the agent's manual acts.
import { sql } from 'kysely';
import type { DB } from '../connection';
import type { ChannelKind, InteractionState, Network, Visibility } from '../schema';

export interface InteractionRecord {
  id: number;
  accountId: number;
  contactId: number;
  network: Network;
  channelKind: ChannelKind;
  threadKey: string;
  state: InteractionState;
  subject: string;
  priority: number;
  sentiment: number | null;
  skillId: number | null;
  minLevel: number | null;
  groupId: number | null;
  assignedAgentId: number | null;
  autoOutcome: string | null;
  decisionJson: string | null;
  createdAt: number;
  queuedAt: number | null;
  assignedAt: number | null;
  firstResponseAt: number | null;
  completedAt: number | null;
  lastInboundAt: number;
  disposition: { id: number; code: string; label: string } | null;
  dispositionNote: string | null;
}

export async function getInteractionRecord(db: DB, id: number): Promise<InteractionRecord | undefined> {
  const r = await db
    .selectFrom('interaction as i')
    .leftJoin('disposition_code as d', 'd.id', 'i.disposition_code_id')
    .selectAll('i')
    .select(['d.code as d_code', 'd.label as d_label'])
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    accountId: r.account_id,
    contactId: r.contact_id,
    network: r.network,
    channelKind: r.channel_kind,
    threadKey: r.thread_key,
    state: r.state,
    subject: r.subject,
    priority: r.priority,
    sentiment: r.sentiment,
    skillId: r.skill_id,
    minLevel: r.skill_level,
    groupId: r.group_id,
    assignedAgentId: r.assigned_agent_id,
    autoOutcome: r.auto_outcome,
    decisionJson: r.decision_json,
    createdAt: r.created_at,
    queuedAt: r.queued_at,
    assignedAt: r.assigned_at,
    firstResponseAt: r.first_response_at,
    completedAt: r.completed_at,
    lastInboundAt: r.last_inbound_at,
    disposition: r.disposition_code_id != null && r.d_code != null ? { id: r.disposition_code_id, code: r.d_code, label: r.d_label ?? r.d_code } : null,
    dispositionNote: r.disposition_note,
  };
}

export interface ThreadMessage {
  id: number;
  channelKind: ChannelKind;
  kind: string;
  direction: 'in' | 'out';
  visibility: Visibility;
  authorKind: 'customer' | 'agent' | 'auto' | 'brand';
  agentId: number | null;
  networkMessageId: string | null;
  inReplyToNetworkId: string | null;
  text: string;
  outboxItemId: number | null;
  sentAt: number;
  storedAt: number;
}

/** The newest `limit` messages of an interaction, oldest first; `truncated` when there were more. */
export async function listThreadMessages(db: DB, interactionId: number, limit: number): Promise<{ messages: ThreadMessage[]; truncated: boolean }> {
  const rows = await db
    .selectFrom('message')
    .select(['id', 'channel_kind', 'kind', 'direction', 'visibility', 'author_kind', 'agent_id', 'network_message_id', 'in_reply_to_network_id', 'text', 'outbox_item_id', 'sent_at', 'stored_at'])
    .where('interaction_id', '=', interactionId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const truncated = rows.length > limit;
  const messages = rows
    .slice(0, limit)
    .reverse()
    .map((r) => ({
      id: r.id,
      channelKind: r.channel_kind,
      kind: r.kind,
      direction: r.direction,
      visibility: r.visibility,
      authorKind: r.author_kind,
      agentId: r.agent_id,
      networkMessageId: r.network_message_id,
      inReplyToNetworkId: r.in_reply_to_network_id,
      text: r.text,
      outboxItemId: r.outbox_item_id,
      sentAt: r.sent_at,
      storedAt: r.stored_at,
    }));
  return { messages, truncated };
}

export interface InteractionEventRecord {
  id: number;
  at: number;
  kind: string;
  agentId: number | null;
  detail: Record<string, unknown> | null;
}

export async function listInteractionEvents(db: DB, interactionId: number): Promise<InteractionEventRecord[]> {
  const rows = await db.selectFrom('interaction_event').selectAll().where('interaction_id', '=', interactionId).orderBy('at').orderBy('id').limit(1000).execute();
  return rows.map((r) => {
    let detail: Record<string, unknown> | null = null;
    try {
      const parsed = r.detail_json ? (JSON.parse(r.detail_json) as unknown) : null;
      detail = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
    } catch {
      detail = null;
    }
    return { id: r.id, at: r.at, kind: r.kind, agentId: r.agent_id, detail };
  });
}

export async function addInteractionEvent(db: DB, e: { interactionId: number; at: number; kind: string; agentId: number | null; detail: unknown }): Promise<void> {
  await db
    .insertInto('interaction_event')
    .values({ interaction_id: e.interactionId, at: e.at, kind: e.kind, agent_id: e.agentId, detail_json: e.detail === undefined ? null : JSON.stringify(e.detail) })
    .execute();
}

export async function listEngagementIds(db: DB, interactionId: number): Promise<number[]> {
  const rows = await db.selectFrom('engagement').select('id').where('interaction_id', '=', interactionId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

/** Engagements of one message and kind, oldest first. */
export async function listMessageEngagements(db: DB, messageId: number, kind: 'like' | 'retweet'): Promise<Array<{ id: number; state: string }>> {
  return db.selectFrom('engagement').select(['id', 'state']).where('message_id', '=', messageId).where('kind', '=', kind).orderBy('id').execute();
}

export async function insertManualEngagement(
  db: DB,
  e: { interactionId: number; messageId: number; kind: 'like' | 'retweet'; outboxItemId: number; decidedBy: string; now: number },
): Promise<number> {
  const r = await db
    .insertInto('engagement')
    .values({
      interaction_id: e.interactionId,
      message_id: e.messageId,
      kind: e.kind,
      automatic: 0,
      state: 'approved',
      score: null,
      outbox_item_id: e.outboxItemId,
      undo_outbox_item_id: null,
      decided_by: e.decidedBy,
      created_at: e.now,
      updated_at: e.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getThreadMessage(db: DB, id: number): Promise<(ThreadMessage & { interactionId: number | null; accountId: number }) | undefined> {
  const r = await db.selectFrom('message').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return {
    id: r.id,
    interactionId: r.interaction_id,
    accountId: r.account_id,
    channelKind: r.channel_kind,
    kind: r.kind,
    direction: r.direction,
    visibility: r.visibility,
    authorKind: r.author_kind,
    agentId: r.agent_id,
    networkMessageId: r.network_message_id,
    inReplyToNetworkId: r.in_reply_to_network_id,
    text: r.text,
    outboxItemId: r.outbox_item_id,
    sentAt: r.sent_at,
    storedAt: r.stored_at,
  };
}

/** The customer's newest message in the interaction that a reply can answer (it has a network id). */
export async function latestCustomerMessage(db: DB, interactionId: number): Promise<{ id: number; networkMessageId: string; channelKind: ChannelKind; sentAt: number } | undefined> {
  const r = await db
    .selectFrom('message')
    .select(['id', 'network_message_id', 'channel_kind', 'sent_at'])
    .where('interaction_id', '=', interactionId)
    .where('direction', '=', 'in')
    .where('author_kind', '=', 'customer')
    .where('network_message_id', 'is not', null)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r?.network_message_id ? { id: r.id, networkMessageId: r.network_message_id, channelKind: r.channel_kind, sentAt: r.sent_at } : undefined;
}

/** The contact's identity on a network most recently seen (who a DM or a Messenger message goes to). */
export async function contactIdentityOn(db: DB, contactId: number, network: Network): Promise<{ networkUserId: string; handle: string | null; displayName: string | null } | undefined> {
  const r = await db
    .selectFrom('contact_identity')
    .select(['network_user_id', 'handle', 'display_name'])
    .where('contact_id', '=', contactId)
    .where('network', '=', network)
    .orderBy('last_seen_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { networkUserId: r.network_user_id, handle: r.handle, displayName: r.display_name } : undefined;
}

/** How many outbox acts of a kind were ever made with this key prefix (to give a repeated act a fresh key). */
export async function countOutboxKeys(db: DB, prefix: string): Promise<number> {
  const r = await db
    .selectFrom('outbox_item')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql<boolean>`idempotency_key like ${`${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`} escape '!'`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}
