// Outbox rows. An outbound act is written here first (in the same transaction as whatever caused it),
// then sent by the outbox worker (main/outbox/), whose claim and outcome writes are in ./outboxSending.ts.
// Only these two files change outbox rows. An item's life:
// pending -> sending -> sent | retrying | held | failed;  retrying -> sending ...;  held -> retrying
// (re-authenticated);  failed | cancelled -> pending (the agent retries);  pending | retrying | held -> cancelled.
import type { DB } from '../connection';
import type { OutboxItemRow, OutboxKind, OutboxState } from '../schema';

export interface OutboxItem {
  id: number;
  idempotencyKey: string;
  accountId: number;
  interactionId: number | null;
  kind: OutboxKind;
  payload: unknown;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  deadlineAt: number;
  lastErrorCode: string | null;
  lastErrorMessage: string | null;
  resultNetworkId: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  sentAt: number | null;
}

export function toOutboxItem(r: OutboxItemRow): OutboxItem {
  return {
    id: r.id,
    idempotencyKey: r.idempotency_key,
    accountId: r.account_id,
    interactionId: r.interaction_id,
    kind: r.kind,
    payload: JSON.parse(r.payload_json) as unknown,
    state: r.state,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    deadlineAt: r.deadline_at,
    lastErrorCode: r.last_error_code,
    lastErrorMessage: r.last_error_message,
    resultNetworkId: r.result_network_id,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at,
  };
}

export interface NewOutboxItemInput {
  idempotencyKey: string;
  accountId: number;
  interactionId: number | null;
  kind: OutboxKind;
  payload: unknown;
  deadlineAt: number;
  createdBy: string;
  now: number;
}

/** Inserts a pending item; an item with the same idempotency key is not inserted twice (its id is returned). */
export async function enqueueOutboxItem(db: DB, input: NewOutboxItemInput): Promise<{ id: number; created: boolean }> {
  const inserted = await db
    .insertInto('outbox_item')
    .values({
      idempotency_key: input.idempotencyKey,
      account_id: input.accountId,
      interaction_id: input.interactionId,
      kind: input.kind,
      payload_json: JSON.stringify(input.payload),
      state: 'pending',
      next_attempt_at: input.now,
      deadline_at: input.deadlineAt,
      last_error_code: null,
      last_error_message: null,
      result_network_id: null,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return { id: inserted.id, created: true };
  const existing = await db.selectFrom('outbox_item').select('id').where('idempotency_key', '=', input.idempotencyKey).executeTakeFirstOrThrow();
  return { id: existing.id, created: false };
}

export async function getOutboxItem(db: DB, id: number): Promise<OutboxItem | undefined> {
  const row = await db.selectFrom('outbox_item').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOutboxItem(row) : undefined;
}

// ---- the agent's retry and cancel, and the listings the workspace reads ---------------------------

/** The agent sends a failed or cancelled item again, with a fresh deadline and attempt count. */
export async function retryOutboxItem(db: DB, id: number, deadlineAt: number, now: number): Promise<OutboxItem | undefined> {
  const row = await db
    .updateTable('outbox_item')
    .set({ state: 'pending', attempts: 0, next_attempt_at: now, deadline_at: deadlineAt, updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', ['failed', 'cancelled'])
    .returningAll()
    .executeTakeFirst();
  return row ? toOutboxItem(row) : undefined;
}

export async function cancelOutboxItem(db: DB, id: number, now: number): Promise<OutboxItem | undefined> {
  const row = await db
    .updateTable('outbox_item')
    .set({ state: 'cancelled', last_error_code: 'cancelled', last_error_message: 'Cancelled before it was sent.', updated_at: now })
    .where('id', '=', id)
    .where('state', 'in', ['pending', 'retrying', 'held'])
    .returningAll()
    .executeTakeFirst();
  return row ? toOutboxItem(row) : undefined;
}

export interface OutboxQuery {
  interactionId?: number;
  accountId?: number;
  states?: OutboxState[];
  beforeId?: number;
  limit?: number;
}

export async function listOutboxItems(db: DB, q: OutboxQuery = {}): Promise<OutboxItem[]> {
  let query = db.selectFrom('outbox_item').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 100, 1000));
  if (q.interactionId !== undefined) query = query.where('interaction_id', '=', q.interactionId);
  if (q.accountId !== undefined) query = query.where('account_id', '=', q.accountId);
  if (q.states && q.states.length) query = query.where('state', 'in', q.states);
  if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
  return (await query.execute()).map(toOutboxItem);
}

/** Another private reply already planned or sent for this comment or post (only one is allowed). */
export async function findLivePrivateReply(db: DB, accountId: number, targetId: string, exceptKey: string): Promise<OutboxItem | undefined> {
  const rows = await db
    .selectFrom('outbox_item')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('kind', '=', 'private_reply')
    .where('state', 'not in', ['failed', 'cancelled'])
    .where('idempotency_key', '!=', exceptKey)
    .execute();
  return rows.map(toOutboxItem).find((i) => {
    const p = i.payload as { commentId?: string | null; postId?: string | null };
    return p.commentId === targetId || p.postId === targetId;
  });
}

// ---- enqueueing with the outbound message row, and what the outbox reads about a conversation ----

export interface OutboundMessageInput {
  interactionId: number;
  authorKind: 'agent' | 'auto';
  agentId: number | null;
  visibility: 'public' | 'private';
  text: string;
  inReplyToNetworkId: string | null;
}

/**
 * The outbox row and, for acts that put text in front of a customer, the outbound message row, in one
 * transaction. Enqueueing the same idempotency key again returns the first item and writes nothing.
 */
export async function enqueueOutboxItemWithMessage(
  db: DB,
  item: NewOutboxItemInput,
  message: OutboundMessageInput | null,
): Promise<{ id: number; created: boolean; messageId: number | null }> {
  return db.transaction().execute(async (trx) => {
    const { id, created } = await enqueueOutboxItem(trx, item);
    if (!created || !message) {
      const existing = await trx.selectFrom('message').select('id').where('outbox_item_id', '=', id).executeTakeFirst();
      return { id, created, messageId: existing?.id ?? null };
    }
    const interaction = await trx
      .selectFrom('interaction')
      .select(['contact_id', 'network', 'channel_kind', 'thread_key'])
      .where('id', '=', message.interactionId)
      .executeTakeFirstOrThrow();
    const inserted = await trx
      .insertInto('message')
      .values({
        interaction_id: message.interactionId,
        contact_id: interaction.contact_id,
        account_id: item.accountId,
        network: interaction.network,
        channel_kind: interaction.channel_kind,
        kind: 'text',
        direction: 'out',
        visibility: message.visibility,
        author_kind: message.authorKind,
        agent_id: message.agentId,
        network_message_id: null,
        in_reply_to_network_id: message.inReplyToNetworkId,
        thread_network_id: interaction.thread_key,
        text: message.text,
        raw_json: null,
        outbox_item_id: id,
        sent_at: item.now,
        stored_at: item.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id, created, messageId: inserted.id };
  });
}

export interface InteractionForOutbound {
  id: number;
  accountId: number;
  contactId: number;
  network: 'x' | 'facebook';
  channelKind: 'mention' | 'dm' | 'post' | 'comment' | 'messenger';
  threadKey: string;
  lastInboundAt: number;
}

export async function getInteractionForOutbound(db: DB, id: number): Promise<InteractionForOutbound | undefined> {
  const r = await db
    .selectFrom('interaction')
    .select(['id', 'account_id', 'contact_id', 'network', 'channel_kind', 'thread_key', 'last_inbound_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return r
    ? { id: r.id, accountId: r.account_id, contactId: r.contact_id, network: r.network, channelKind: r.channel_kind, threadKey: r.thread_key, lastInboundAt: r.last_inbound_at }
    : undefined;
}

/** The customer's latest message to this account on one channel kind (the Messenger window counts from it). */
export async function lastCustomerMessageAt(db: DB, q: { accountId: number; contactId: number; channelKind: string }): Promise<number | null> {
  const row = await db
    .selectFrom('message')
    .select((eb) => eb.fn.max('sent_at').as('t'))
    .where('account_id', '=', q.accountId)
    .where('contact_id', '=', q.contactId)
    .where('channel_kind', '=', q.channelKind as 'messenger')
    .where('direction', '=', 'in')
    .where('author_kind', '=', 'customer')
    .executeTakeFirst();
  return row?.t == null ? null : Number(row.t);
}

/** A stored message by its network id: when it was posted and which thread it is in. */
export async function findMessageByNetworkId(
  db: DB,
  network: 'x' | 'facebook',
  networkMessageId: string,
): Promise<{ id: number; sentAt: number; threadNetworkId: string | null; contactId: number; interactionId: number | null } | undefined> {
  const r = await db
    .selectFrom('message')
    .select(['id', 'sent_at', 'thread_network_id', 'contact_id', 'interaction_id'])
    .where('network', '=', network)
    .where('network_message_id', '=', networkMessageId)
    .executeTakeFirst();
  return r ? { id: r.id, sentAt: r.sent_at, threadNetworkId: r.thread_network_id, contactId: r.contact_id, interactionId: r.interaction_id } : undefined;
}

/** The customer's newest message (with a network id) in an interaction: what a private reply would answer. */
export async function latestInboundInInteraction(db: DB, interactionId: number): Promise<{ networkId: string; sentAt: number } | null> {
  const row = await db
    .selectFrom('message')
    .select(['network_message_id', 'sent_at'])
    .where('interaction_id', '=', interactionId)
    .where('direction', '=', 'in')
    .where('author_kind', '=', 'customer')
    .where('network_message_id', 'is not', null)
    .orderBy('sent_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.network_message_id ? { networkId: row.network_message_id, sentAt: row.sent_at } : null;
}
