// The ingest hot path on the raw SQLite connection: prepared once, run inside one synchronous
// transaction per batch (db/connection.ts rawTransaction). Kysely costs several times more per
// statement here, and ingest writes ten or so rows per message. SQLite-only by design; callers never
// see SQL, so a PostgreSQL ingest store can sit beside this one.
import type BetterSqlite3 from 'better-sqlite3';
import type { ChannelKind, InteractionState, Network, OutboxKind, Visibility } from '../schema';

export interface IdentityRow {
  id: number;
  contact_id: number;
  handle: string | null;
  display_name: string | null;
  avatar_url: string | null;
  last_seen_at: number;
}

export interface NewInteractionRow {
  contactId: number;
  accountId: number;
  network: Network;
  channelKind: ChannelKind;
  threadKey: string;
  state: InteractionState;
  skillId: number | null;
  skillLevel: number | null;
  groupId: number | null;
  priority: number;
  autoOutcome: string | null;
  decisionJson: string;
  sentiment: number | null;
  subject: string;
  now: number;
  lastInboundAt: number;
}

export interface NewMessageRow {
  interactionId: number | null;
  contactId: number;
  accountId: number;
  network: Network;
  channelKind: ChannelKind;
  direction: 'in' | 'out';
  visibility: Visibility;
  authorKind: 'customer' | 'agent' | 'auto' | 'brand';
  networkMessageId: string | null;
  inReplyToNetworkId: string | null;
  threadNetworkId: string | null;
  text: string;
  rawJson: string | null;
  outboxItemId: number | null;
  sentAt: number;
  storedAt: number;
}

export interface NewOutboxRow {
  idempotencyKey: string;
  accountId: number;
  interactionId: number | null;
  kind: OutboxKind;
  payloadJson: string;
  deadlineAt: number;
  createdBy: string;
  now: number;
}

export interface NewDeadLetterRow {
  accountId: number | null;
  network: string | null;
  channelKind: string | null;
  networkMessageId: string | null;
  reason: string;
  payloadJson: string;
  feed: string | null;
  receivedAt: number;
}

/** Ingest's lookups, one per inbound message or more: test/db/ingestPlans.test.ts holds each to an index seek. */
export const ingestLookups = {
  findMessage: `select id from message where network = ? and network_message_id = ?`,
  findOutboxResult: `select id from outbox_item where account_id = ? and result_network_id = ? limit 1`,
  findIdentity: `select id, contact_id, handle, display_name, avatar_url, last_seen_at from contact_identity where network = ? and network_user_id = ?`,
  // max(id), not ORDER BY id DESC LIMIT 1: SQLite may answer the latter by walking the whole table backwards
  // (0.6-0.9 ms per lookup over 1M messages' interactions, against 15 us through interaction_thread).
  // One seek of interaction_thread (account, thread, contact, state), answered from the index alone ("+state":
  // the contact's few entries are filtered, rather than one seek per open state).
  findOpenInteraction: `select max(id) from interaction where account_id = ? and thread_key = ? and contact_id = ? and +state in ('new', 'queued', 'assigned')`,
  // The open conversation an agent moved to private messages (the agent workspace records 'moved_to_private').
  // "+account_id": through interaction_contact (the contact's few conversations), never by the account's prefix
  // of interaction_thread, which would read every conversation of the account.
  findMovedToPrivate: `select max(i.id) from interaction i where +i.account_id = ? and i.contact_id = ? and i.state in ('new', 'queued', 'assigned')
     and exists (select 1 from interaction_event e where e.interaction_id = i.id and e.kind = 'moved_to_private')`,
  findThreadInteraction: `select id, contact_id from interaction where id = (select max(id) from interaction where account_id = ? and thread_key = ?)`,
  lastAutoMessageAt: `select max(sent_at) from message where contact_id = ? and author_kind = 'auto'`,
} as const;

function prepare(db: BetterSqlite3.Database) {
  return {
    findMessage: db.prepare(ingestLookups.findMessage).pluck(),
    findOutboxResult: db.prepare(ingestLookups.findOutboxResult).pluck(),
    findIdentity: db.prepare(ingestLookups.findIdentity),
    insertContact: db.prepare(`insert into contact (display_name, email, phone, notes, avatar_url, merged_into_id, created_at, updated_at) values (?, null, null, '', ?, null, ?, ?)`),
    insertIdentity: db.prepare(
      `insert into contact_identity (contact_id, network, network_user_id, handle, display_name, avatar_url, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertHandle: db.prepare(`insert into contact_handle_history (identity_id, handle, display_name, seen_from, seen_until) values (?, ?, ?, ?, null)`),
    closeHandle: db.prepare(`update contact_handle_history set seen_until = ? where identity_id = ? and seen_until is null`),
    updateIdentity: db.prepare(`update contact_identity set handle = ?, display_name = ?, avatar_url = ?, last_seen_at = max(last_seen_at, ?) where id = ?`),
    findOpenInteraction: db.prepare(ingestLookups.findOpenInteraction).pluck(),
    findMovedToPrivate: db.prepare(ingestLookups.findMovedToPrivate).pluck(),
    findThreadInteraction: db.prepare(ingestLookups.findThreadInteraction),
    lastAutoMessageAt: db.prepare(ingestLookups.lastAutoMessageAt).pluck(),
    insertInteraction: db.prepare(
      `insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, skill_id, skill_level, group_id, priority, assigned_agent_id,
         auto_outcome, decision_json, sentiment, subject, disposition_code_id, disposition_note, created_at, queued_at, assigned_at, first_response_at,
         completed_at, last_inbound_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, null, null, ?, ?, null, null, null, ?, ?)`,
    ),
    touchInteraction: db.prepare(`update interaction set last_inbound_at = max(last_inbound_at, ?), updated_at = ? where id = ?`),
    insertMessage: db.prepare(
      `insert into message (id, interaction_id, contact_id, account_id, network, channel_kind, kind, direction, visibility, author_kind, agent_id, network_message_id,
         in_reply_to_network_id, thread_network_id, text, raw_json, outbox_item_id, sent_at, stored_at)
       values (?, ?, ?, ?, ?, ?, 'text', ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    nextMessageId: db.prepare(`select coalesce(max(id), 0) + 1 from message`).pluck(),
    nextEngagementId: db.prepare(`select coalesce(max(id), 0) + 1 from engagement`).pluck(),
    insertEvent: db.prepare(`insert into interaction_event (interaction_id, at, kind, agent_id, detail_json) values (?, ?, ?, null, ?)`),
    insertOutbox: db.prepare(
      `insert into outbox_item (idempotency_key, account_id, interaction_id, kind, payload_json, state, attempts, next_attempt_at, deadline_at,
         last_error_code, last_error_message, result_network_id, created_by, created_at, updated_at, sent_at)
       values (?, ?, ?, ?, ?, 'pending', 0, ?, ?, null, null, null, ?, ?, ?, null)
       on conflict (idempotency_key) do nothing`,
    ),
    outboxByKey: db.prepare(`select id from outbox_item where idempotency_key = ?`).pluck(),
    insertEngagement: db.prepare(
      `insert into engagement (id, interaction_id, message_id, kind, automatic, state, score, outbox_item_id, undo_outbox_item_id, decided_by, created_at, updated_at)
       values (?, ?, ?, ?, 1, ?, ?, ?, null, ?, ?, ?)`,
    ),
    insertDeadLetter: db.prepare(
      `insert into inbound_dead_letter (account_id, network, channel_kind, network_message_id, reason, payload_json, feed, received_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    upsertCursor: db.prepare(
      `insert into channel_cursor (account_id, feed, value, updated_at) values (?, ?, ?, ?)
       on conflict (account_id, feed) do update set value = excluded.value, updated_at = excluded.updated_at`,
    ),
  };
}

type Statements = ReturnType<typeof prepare>;
const cache = new WeakMap<BetterSqlite3.Database, Statements>();

/**
 * Ingest's writes and lookups for ONE batch. Every method is synchronous; call them inside rawTransaction,
 * and flush() before it commits. Messages and engagements are written at flush, table by table, with ids
 * taken in order now (the transaction holds SQLite's write lock, so nobody else takes one): one message
 * insert after another keeps the message table's seven indexes and the full-text index warm, where one per
 * customer message between the other tables' rows cost about 1.5 times as much. Lookups that read those
 * tables (the last automatic message) see the batch's own rows too.
 */
export class IngestStore {
  private readonly s: Statements;
  private messages: unknown[][] = [];
  private engagements: unknown[][] = [];
  private nextMessageId = 0;
  private nextEngagementId = 0;
  /** The latest automatic message of each contact written in this batch. */
  private autoSentAt = new Map<number, number>();
  constructor(db: BetterSqlite3.Database) {
    let s = cache.get(db);
    if (!s) {
      s = prepare(db);
      cache.set(db, s);
    }
    this.s = s;
  }

  messageExists(network: Network, networkMessageId: string): boolean {
    return this.s.findMessage.get(network, networkMessageId) !== undefined;
  }

  /** Whether the outbox already sent an act that the network gave this id (the brand's own post). */
  sentByOutbox(accountId: number, networkId: string): boolean {
    return this.s.findOutboxResult.get(accountId, networkId) !== undefined;
  }

  findIdentity(network: Network, networkUserId: string): IdentityRow | undefined {
    return this.s.findIdentity.get(network, networkUserId) as IdentityRow | undefined;
  }

  createContact(a: { network: Network; networkUserId: string; handle: string | null; displayName: string; identityName: string | null; avatarUrl: string | null; now: number }): { contactId: number; identityId: number } {
    const contactId = Number(this.s.insertContact.run(a.displayName, a.avatarUrl, a.now, a.now).lastInsertRowid);
    const identityId = Number(this.s.insertIdentity.run(contactId, a.network, a.networkUserId, a.handle, a.identityName, a.avatarUrl, a.now, a.now).lastInsertRowid);
    if (a.handle) this.s.insertHandle.run(identityId, a.handle, a.identityName, a.now);
    return { contactId, identityId };
  }

  /** Keeps the identity current; a new handle closes the old history row and opens a new one. Nothing is
   *  written when nothing changed and the identity was seen within the last hour (a chatty contact). */
  updateIdentity(identity: IdentityRow, seen: { handle: string | null; displayName: string | null; avatarUrl: string | null; now: number }): boolean {
    const handleChanged = seen.handle != null && seen.handle !== identity.handle;
    if (handleChanged) {
      this.s.closeHandle.run(seen.now, identity.id);
      this.s.insertHandle.run(identity.id, seen.handle, seen.displayName ?? identity.display_name, seen.now);
    }
    const changed =
      handleChanged ||
      (seen.displayName != null && seen.displayName !== identity.display_name) ||
      (seen.avatarUrl != null && seen.avatarUrl !== identity.avatar_url) ||
      seen.now - identity.last_seen_at > 3_600_000;
    if (changed) this.s.updateIdentity.run(seen.handle ?? identity.handle, seen.displayName ?? identity.display_name, seen.avatarUrl ?? identity.avatar_url, seen.now, identity.id);
    return handleChanged;
  }

  findOpenInteraction(accountId: number, threadKey: string, contactId: number): number | undefined {
    return (this.s.findOpenInteraction.get(accountId, threadKey, contactId) as number | null) ?? undefined;
  }

  /** The contact's open interaction that an agent moved to private messages, if any. */
  findMovedToPrivate(accountId: number, contactId: number): number | undefined {
    return (this.s.findMovedToPrivate.get(accountId, contactId) as number | null) ?? undefined;
  }

  findThreadInteraction(accountId: number, threadKey: string): { id: number; contact_id: number } | undefined {
    return this.s.findThreadInteraction.get(accountId, threadKey) as { id: number; contact_id: number } | undefined;
  }

  lastAutoMessageAt(contactId: number): number | null {
    const stored = (this.s.lastAutoMessageAt.get(contactId) as number | null | undefined) ?? null;
    const inBatch = this.autoSentAt.get(contactId);
    return inBatch === undefined ? stored : Math.max(stored ?? inBatch, inBatch);
  }

  insertInteraction(r: NewInteractionRow): number {
    return Number(
      this.s.insertInteraction.run(
        r.contactId, r.accountId, r.network, r.channelKind, r.threadKey, r.state, r.skillId, r.skillLevel, r.groupId, r.priority,
        r.autoOutcome, r.decisionJson, r.sentiment, r.subject, r.now, r.state === 'queued' ? r.now : null, r.lastInboundAt, r.now,
      ).lastInsertRowid,
    );
  }

  touchInteraction(id: number, lastInboundAt: number, now: number): void {
    this.s.touchInteraction.run(lastInboundAt, now, id);
  }

  insertMessage(m: NewMessageRow): number {
    if (this.nextMessageId === 0) this.nextMessageId = this.s.nextMessageId.get() as number;
    const id = this.nextMessageId++;
    this.messages.push([
      id, m.interactionId, m.contactId, m.accountId, m.network, m.channelKind, m.direction, m.visibility, m.authorKind, m.networkMessageId,
      m.inReplyToNetworkId, m.threadNetworkId, m.text, m.rawJson, m.outboxItemId, m.sentAt, m.storedAt,
    ]);
    if (m.authorKind === 'auto') this.autoSentAt.set(m.contactId, Math.max(this.autoSentAt.get(m.contactId) ?? m.sentAt, m.sentAt));
    return id;
  }

  /** Writes the batch's messages, then its engagements (they refer to messages). Call before the commit. */
  flush(): void {
    for (const row of this.messages) this.s.insertMessage.run(row);
    for (const row of this.engagements) this.s.insertEngagement.run(row);
    this.messages = [];
    this.engagements = [];
  }

  event(interactionId: number, at: number, kind: string, detail?: unknown): void {
    this.s.insertEvent.run(interactionId, at, kind, detail === undefined ? null : JSON.stringify(detail));
  }

  /** Same contract as outbox.ts enqueueOutboxItem: pending, and never twice for one idempotency key. */
  enqueueOutbox(o: NewOutboxRow): { id: number; created: boolean } {
    const r = this.s.insertOutbox.run(o.idempotencyKey, o.accountId, o.interactionId, o.kind, o.payloadJson, o.now, o.deadlineAt, o.createdBy, o.now, o.now);
    if (r.changes > 0) return { id: Number(r.lastInsertRowid), created: true };
    return { id: this.s.outboxByKey.get(o.idempotencyKey) as number, created: false };
  }

  insertEngagement(e: { interactionId: number; messageId: number; kind: 'like' | 'retweet'; state: 'proposed' | 'approved'; score: number | null; outboxItemId: number | null; now: number }): number {
    if (this.nextEngagementId === 0) this.nextEngagementId = this.s.nextEngagementId.get() as number;
    const id = this.nextEngagementId++;
    this.engagements.push([id, e.interactionId, e.messageId, e.kind, e.state, e.score, e.outboxItemId, e.state === 'approved' ? 'strategy' : null, e.now, e.now]);
    return id;
  }

  saveCursor(accountId: number, feed: string, value: string, now: number): void {
    this.s.upsertCursor.run(accountId, feed, value, now);
  }

  deadLetter(d: NewDeadLetterRow): void {
    this.s.insertDeadLetter.run(d.accountId, d.network, d.channelKind, d.networkMessageId, d.reason, d.payloadJson, d.feed, d.receivedAt);
  }
}
