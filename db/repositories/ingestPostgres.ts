// Ingest's reads and writes on PostgreSQL: the same operations as ingestSqlite.ts, as queries on the one
// transaction a batch runs in (main/services/ingest.ts drives both through the same pipeline).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, Network } from '../schema';
import type { IdentityRow, NewDeadLetterRow, NewInteractionRow, NewMessageRow, NewOutboxRow } from './ingestSqlite';
import type { IngestOps } from './ingestStore';

type Trx = Kysely<Database>;

export class IngestPostgresStore implements IngestOps {
  constructor(private readonly trx: Trx) {}

  private async one<T>(q: RawBuilder<T>): Promise<T | undefined> {
    return (await q.execute(this.trx)).rows[0];
  }

  async messageExists(network: Network, networkMessageId: string): Promise<boolean> {
    return (await this.one(sql<{ id: number }>`select id from message where network = ${network} and network_message_id = ${networkMessageId}`)) !== undefined;
  }

  async sentByOutbox(accountId: number, networkId: string): Promise<boolean> {
    return (await this.one(sql<{ id: number }>`select id from outbox_item where account_id = ${accountId} and result_network_id = ${networkId} limit 1`)) !== undefined;
  }

  async findIdentity(network: Network, networkUserId: string): Promise<IdentityRow | undefined> {
    return this.one(
      sql<IdentityRow>`select id, contact_id, handle, display_name, avatar_url, last_seen_at from contact_identity where network = ${network} and network_user_id = ${networkUserId}`,
    );
  }

  async createContact(a: { network: Network; networkUserId: string; handle: string | null; displayName: string; identityName: string | null; avatarUrl: string | null; now: number }): Promise<{ contactId: number; identityId: number }> {
    const c = await this.one(
      sql<{ id: number }>`insert into contact (display_name, email, phone, notes, avatar_url, merged_into_id, created_at, updated_at)
                          values (${a.displayName}, null, null, '', ${a.avatarUrl}, null, ${a.now}, ${a.now}) returning id`,
    );
    const contactId = Number(c!.id);
    const i = await this.one(
      sql<{ id: number }>`insert into contact_identity (contact_id, network, network_user_id, handle, display_name, avatar_url, first_seen_at, last_seen_at)
                          values (${contactId}, ${a.network}, ${a.networkUserId}, ${a.handle}, ${a.identityName}, ${a.avatarUrl}, ${a.now}, ${a.now}) returning id`,
    );
    const identityId = Number(i!.id);
    if (a.handle) {
      await sql`insert into contact_handle_history (identity_id, handle, display_name, seen_from, seen_until) values (${identityId}, ${a.handle}, ${a.identityName}, ${a.now}, null)`.execute(this.trx);
    }
    return { contactId, identityId };
  }

  /** Same rule as the SQLite store: write only what changed, or once an hour for a chatty contact. */
  async updateIdentity(identity: IdentityRow, seen: { handle: string | null; displayName: string | null; avatarUrl: string | null; now: number }): Promise<boolean> {
    const handleChanged = seen.handle != null && seen.handle !== identity.handle;
    if (handleChanged) {
      await sql`update contact_handle_history set seen_until = ${seen.now} where identity_id = ${identity.id} and seen_until is null`.execute(this.trx);
      await sql`insert into contact_handle_history (identity_id, handle, display_name, seen_from, seen_until)
                values (${identity.id}, ${seen.handle}, ${seen.displayName ?? identity.display_name}, ${seen.now}, null)`.execute(this.trx);
    }
    const changed =
      handleChanged ||
      (seen.displayName != null && seen.displayName !== identity.display_name) ||
      (seen.avatarUrl != null && seen.avatarUrl !== identity.avatar_url) ||
      seen.now - identity.last_seen_at > 3_600_000;
    if (changed) {
      await sql`update contact_identity set handle = ${seen.handle ?? identity.handle}, display_name = ${seen.displayName ?? identity.display_name},
                avatar_url = ${seen.avatarUrl ?? identity.avatar_url}, last_seen_at = greatest(last_seen_at, ${seen.now}) where id = ${identity.id}`.execute(this.trx);
    }
    return handleChanged;
  }

  async findOpenInteraction(accountId: number, threadKey: string, contactId: number): Promise<number | undefined> {
    const r = await this.one(
      sql<{ id: number }>`select id from interaction where account_id = ${accountId} and thread_key = ${threadKey} and contact_id = ${contactId}
                          and state in ('new', 'queued', 'assigned') order by id desc limit 1`,
    );
    return r ? Number(r.id) : undefined;
  }

  async findMovedToPrivate(accountId: number, contactId: number): Promise<number | undefined> {
    const r = await this.one(
      sql<{ id: number }>`select i.id from interaction i where i.account_id = ${accountId} and i.contact_id = ${contactId} and i.state in ('new', 'queued', 'assigned')
                          and exists (select 1 from interaction_event e where e.interaction_id = i.id and e.kind = 'moved_to_private') order by i.id desc limit 1`,
    );
    return r ? Number(r.id) : undefined;
  }

  async findThreadInteraction(accountId: number, threadKey: string): Promise<{ id: number; contact_id: number } | undefined> {
    return this.one(sql<{ id: number; contact_id: number }>`select id, contact_id from interaction where account_id = ${accountId} and thread_key = ${threadKey} order by id desc limit 1`);
  }

  async lastAutoMessageAt(contactId: number): Promise<number | null> {
    const r = await this.one(sql<{ t: number | null }>`select max(sent_at) as t from message where contact_id = ${contactId} and author_kind = 'auto'`);
    return r?.t == null ? null : Number(r.t);
  }

  async insertInteraction(r: NewInteractionRow): Promise<number> {
    const row = await this.one(
      sql<{ id: number }>`insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, skill_id, skill_level, group_id, priority, assigned_agent_id,
           auto_outcome, decision_json, sentiment, subject, disposition_code_id, disposition_note, created_at, queued_at, assigned_at, first_response_at,
           completed_at, last_inbound_at, updated_at)
         values (${r.contactId}, ${r.accountId}, ${r.network}, ${r.channelKind}, ${r.threadKey}, ${r.state}, ${r.skillId}, ${r.skillLevel}, ${r.groupId}, ${r.priority}, null,
           ${r.autoOutcome}, ${r.decisionJson}, ${r.sentiment}, ${r.subject}, null, null, ${r.now}, ${r.state === 'queued' ? r.now : null}, null, null, null, ${r.lastInboundAt}, ${r.now})
         returning id`,
    );
    return Number(row!.id);
  }

  async touchInteraction(id: number, lastInboundAt: number, now: number): Promise<void> {
    await sql`update interaction set last_inbound_at = greatest(last_inbound_at, ${lastInboundAt}), updated_at = ${now} where id = ${id}`.execute(this.trx);
  }

  async insertMessage(m: NewMessageRow): Promise<number> {
    const row = await this.one(
      sql<{ id: number }>`insert into message (interaction_id, contact_id, account_id, network, channel_kind, kind, direction, visibility, author_kind, agent_id, network_message_id,
           in_reply_to_network_id, thread_network_id, text, raw_json, outbox_item_id, sent_at, stored_at)
         values (${m.interactionId}, ${m.contactId}, ${m.accountId}, ${m.network}, ${m.channelKind}, 'text', ${m.direction}, ${m.visibility}, ${m.authorKind}, null, ${m.networkMessageId},
           ${m.inReplyToNetworkId}, ${m.threadNetworkId}, ${m.text}, ${m.rawJson}, ${m.outboxItemId}, ${m.sentAt}, ${m.storedAt})
         returning id`,
    );
    return Number(row!.id);
  }

  async event(interactionId: number, at: number, kind: string, detail?: unknown): Promise<void> {
    await sql`insert into interaction_event (interaction_id, at, kind, agent_id, detail_json)
              values (${interactionId}, ${at}, ${kind}, null, ${detail === undefined ? null : JSON.stringify(detail)})`.execute(this.trx);
  }

  async enqueueOutbox(o: NewOutboxRow): Promise<{ id: number; created: boolean }> {
    const row = await this.one(
      sql<{ id: number }>`insert into outbox_item (idempotency_key, account_id, interaction_id, kind, payload_json, state, attempts, next_attempt_at, deadline_at,
           last_error_code, last_error_message, result_network_id, created_by, created_at, updated_at, sent_at)
         values (${o.idempotencyKey}, ${o.accountId}, ${o.interactionId}, ${o.kind}, ${o.payloadJson}, 'pending', 0, ${o.now}, ${o.deadlineAt}, null, null, null, ${o.createdBy}, ${o.now}, ${o.now}, null)
         on conflict (idempotency_key) do nothing returning id`,
    );
    if (row) return { id: Number(row.id), created: true };
    const existing = await this.one(sql<{ id: number }>`select id from outbox_item where idempotency_key = ${o.idempotencyKey}`);
    return { id: Number(existing!.id), created: false };
  }

  async insertEngagement(e: { interactionId: number; messageId: number; kind: 'like' | 'retweet'; state: 'proposed' | 'approved'; score: number | null; outboxItemId: number | null; now: number }): Promise<number> {
    const row = await this.one(
      sql<{ id: number }>`insert into engagement (interaction_id, message_id, kind, automatic, state, score, outbox_item_id, undo_outbox_item_id, decided_by, created_at, updated_at)
         values (${e.interactionId}, ${e.messageId}, ${e.kind}, 1, ${e.state}, ${e.score}, ${e.outboxItemId}, null, ${e.state === 'approved' ? 'strategy' : null}, ${e.now}, ${e.now})
         returning id`,
    );
    return Number(row!.id);
  }

  async saveCursor(accountId: number, feed: string, value: string, now: number): Promise<void> {
    await sql`insert into channel_cursor (account_id, feed, value, updated_at) values (${accountId}, ${feed}, ${value}, ${now})
              on conflict (account_id, feed) do update set value = excluded.value, updated_at = excluded.updated_at`.execute(this.trx);
  }

  async deadLetter(d: NewDeadLetterRow): Promise<void> {
    await sql`insert into inbound_dead_letter (account_id, network, channel_kind, network_message_id, reason, payload_json, feed, received_at)
              values (${d.accountId}, ${d.network}, ${d.channelKind}, ${d.networkMessageId}, ${d.reason}, ${d.payloadJson}, ${d.feed}, ${d.receivedAt})`.execute(this.trx);
  }
}
