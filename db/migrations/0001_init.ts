// The schema the whole product needs. Frozen once released: later changes are new migrations.
// Migrations never import app code; they speak only Kysely and SQL.
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const t = ctx.types;

  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .modifyEnd(t.strict)
    .execute();

  // ---- channel accounts -------------------------------------------------------------------
  await db.schema
    .createTable('channel_account')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('network', 'text', (c) => c.notNull().check(sql`network in ('x', 'facebook')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text') // X user id or Facebook Page id, once known
    .addColumn('handle', 'text') // X username or Page name
    .addColumn('auth_kind', 'text', (c) => c.notNull().check(sql`auth_kind in ('oauth2', 'oauth1', 'page_token')`))
    .addColumn('credentials', t.blob) // encrypted secret bundle; never leaves main
    .addColumn('credentials_scheme', 'text') // how `credentials` is sealed: safe_storage | file | plain_sandbox
    .addColumn('base_url', 'text') // non-null only for the sandbox
    .addColumn('is_sandbox', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('unknown'))
    .addColumn('status_detail', 'text')
    .addColumn('rate_limited_until', t.time)
    .addColumn('last_poll_at', t.time)
    .addColumn('next_poll_at', t.time)
    .addColumn('quota_json', 'text')
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  // One row per (account, feed): since_id for mentions, paging cursor for a feed, last seen DM event...
  await db.schema
    .createTable('channel_cursor')
    .addColumn('account_id', t.ref, (c) => c.notNull().references('channel_account.id').onDelete('cascade'))
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .addPrimaryKeyConstraint('channel_cursor_pk', ['account_id', 'feed'])
    .modifyEnd(t.strict)
    .execute();

  // ---- contacts -----------------------------------------------------------------------------
  await db.schema
    .createTable('contact')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('avatar_url', 'text')
    .addColumn('merged_into_id', t.ref, (c) => c.references('contact.id'))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  // A contact is found by the network's stable user id, never by handle alone.
  await db.schema
    .createTable('contact_identity')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('contact_id', t.ref, (c) => c.notNull().references('contact.id'))
    .addColumn('network', 'text', (c) => c.notNull().check(sql`network in ('x', 'facebook')`))
    .addColumn('network_user_id', 'text', (c) => c.notNull())
    .addColumn('handle', 'text')
    .addColumn('display_name', 'text')
    .addColumn('avatar_url', 'text')
    .addColumn('first_seen_at', t.time, (c) => c.notNull())
    .addColumn('last_seen_at', t.time, (c) => c.notNull())
    .addUniqueConstraint('contact_identity_network_user', ['network', 'network_user_id'])
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('contact_identity_contact').on('contact_identity').column('contact_id').execute();
  await db.schema.createIndex('contact_identity_handle').on('contact_identity').columns(['network', 'handle']).execute();

  await db.schema
    .createTable('contact_handle_history')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('identity_id', t.ref, (c) => c.notNull().references('contact_identity.id').onDelete('cascade'))
    .addColumn('handle', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text')
    .addColumn('seen_from', t.time, (c) => c.notNull())
    .addColumn('seen_until', t.time)
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('contact_handle_history_identity').on('contact_handle_history').column('identity_id').execute();

  // ---- people and skills ------------------------------------------------------------------------
  await db.schema
    .createTable('agent')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('agent').check(sql`role in ('agent', 'supervisor', 'admin')`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('offline').check(sql`status in ('ready', 'not_ready', 'offline')`))
    .addColumn('not_ready_reason', 'text')
    .addColumn('status_changed_at', t.time, (c) => c.notNull())
    .addColumn('idle_since', t.time) // longest-idle-first routing reads this
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  // How many interactions of a channel kind an agent may hold at once.
  await db.schema
    .createTable('agent_capacity')
    .addColumn('agent_id', t.ref, (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    .addColumn('max_active', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('agent_capacity_pk', ['agent_id', 'channel_kind'])
    .modifyEnd(t.strict)
    .execute();

  await db.schema
    .createTable('skill')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  await db.schema
    .createTable('agent_skill')
    .addColumn('agent_id', t.ref, (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addColumn('skill_id', t.ref, (c) => c.notNull().references('skill.id').onDelete('cascade'))
    .addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 10`))
    .addPrimaryKeyConstraint('agent_skill_pk', ['agent_id', 'skill_id'])
    .modifyEnd(t.strict)
    .execute();

  await db.schema
    .createTable('agent_group')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  await db.schema
    .createTable('agent_group_member')
    .addColumn('group_id', t.ref, (c) => c.notNull().references('agent_group.id').onDelete('cascade'))
    .addColumn('agent_id', t.ref, (c) => c.notNull().references('agent.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('agent_group_member_pk', ['group_id', 'agent_id'])
    .modifyEnd(t.strict)
    .execute();

  // ---- configuration of the strategy ------------------------------------------------------------
  await db.schema
    .createTable('disposition_code')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  // kind: special_day | closed | emergency | acknowledgement | auto_reply | canned | move_to_private
  await db.schema
    .createTable('message_template')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('network', 'text') // null = any network
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'private')`))
    .addColumn('variants_json', 'text', (c) => c.notNull()) // several wordings so X does not reject duplicates
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('message_template_kind').on('message_template').columns(['kind', 'network']).execute();

  await db.schema
    .createTable('keyword_rule')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('match_json', 'text', (c) => c.notNull()) // words/phrases any|all|none, hashtags, mentions, regex
    .addColumn('networks_json', 'text', (c) => c.notNull()) // [] = all networks
    .addColumn('channel_kinds_json', 'text', (c) => c.notNull()) // [] = all kinds
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('action_json', 'text', (c) => c.notNull())
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  // Weekly hours in the business time zone (setting `calendar.timeZone`); several ranges per day.
  await db.schema
    .createTable('weekly_hours')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('weekday', 'integer', (c) => c.notNull().check(sql`weekday between 1 and 7`)) // ISO: 1 = Monday
    .addColumn('opens_at', 'text', (c) => c.notNull()) // HH:MM local
    .addColumn('closes_at', 'text', (c) => c.notNull()) // HH:MM local; 24:00 allowed; earlier than opens = past midnight
    .modifyEnd(t.strict)
    .execute();

  await db.schema
    .createTable('special_day')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull()) // YYYY-MM-DD in the business time zone
    .addColumn('recurrence', 'text', (c) => c.notNull().defaultTo('none').check(sql`recurrence in ('none', 'yearly')`))
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hours_json', 'text') // [{opens_at, closes_at}] when open with special hours
    .addColumn('template_id', t.ref, (c) => c.references('message_template.id').onDelete('set null'))
    .addColumn('message', 'text') // its own message, used before a template
    .addColumn('ical_uid', 'text')
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('special_day_date').on('special_day').column('date').execute();

  // The emergency switch is one row; its history lives in audit_log.
  await db.schema
    .createTable('emergency')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('scope', 'text', (c) => c.notNull().defaultTo('all').check(sql`scope in ('all', 'x', 'facebook')`))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ends_at', t.time)
    .addColumn('changed_by', 'text')
    .addColumn('changed_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();

  // ---- interactions and messages -------------------------------------------------------------
  // channel_kind: mention | dm | post | comment | messenger
  // state: new | auto_handled | queued | assigned | completed | ignored
  await db.schema
    .createTable('interaction')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('contact_id', t.ref, (c) => c.notNull().references('contact.id'))
    .addColumn('account_id', t.ref, (c) => c.notNull().references('channel_account.id'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    .addColumn('thread_key', 'text', (c) => c.notNull()) // conversation id, post id or DM conversation id
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('skill_id', t.ref, (c) => c.references('skill.id').onDelete('set null'))
    .addColumn('skill_level', 'integer')
    .addColumn('group_id', t.ref, (c) => c.references('agent_group.id').onDelete('set null'))
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('assigned_agent_id', t.ref, (c) => c.references('agent.id'))
    .addColumn('auto_outcome', 'text') // special_day | closed | emergency | auto_reply | engagement | ignored
    .addColumn('decision_json', 'text') // the path the strategy took, for the agent and for reports
    .addColumn('sentiment', 'real')
    .addColumn('subject', 'text', (c) => c.notNull().defaultTo('')) // first words, for the queue row
    .addColumn('disposition_code_id', t.ref, (c) => c.references('disposition_code.id'))
    .addColumn('disposition_note', 'text')
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('queued_at', t.time)
    .addColumn('assigned_at', t.time)
    .addColumn('first_response_at', t.time)
    .addColumn('completed_at', t.time)
    .addColumn('last_inbound_at', t.time, (c) => c.notNull()) // drives the Messenger window
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('interaction_queue').on('interaction').columns(['state', 'priority', 'queued_at']).execute();
  await db.schema.createIndex('interaction_thread').on('interaction').columns(['account_id', 'thread_key', 'state']).execute();
  await db.schema.createIndex('interaction_contact').on('interaction').columns(['contact_id', 'created_at']).execute();
  await db.schema.createIndex('interaction_agent').on('interaction').columns(['assigned_agent_id', 'state']).execute();
  await db.schema.createIndex('interaction_created').on('interaction').column('created_at').execute();

  // What happened to an interaction and when: created, queued, offered, assigned, transferred, requeued, completed.
  await db.schema
    .createTable('interaction_event')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('interaction_id', t.ref, (c) => c.notNull().references('interaction.id').onDelete('cascade'))
    .addColumn('at', t.time, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('agent_id', t.ref, (c) => c.references('agent.id'))
    .addColumn('detail_json', 'text')
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('interaction_event_interaction').on('interaction_event').columns(['interaction_id', 'at']).execute();

  // The outbox: every outbound act is a row first, then sent.
  // kind: reply | dm | like | unlike | retweet | unretweet | comment | private_reply | messenger | hide
  // state: pending | sending | sent | retrying | held | failed | cancelled
  await db.schema
    .createTable('outbox_item')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', t.ref, (c) => c.notNull().references('channel_account.id'))
    .addColumn('interaction_id', t.ref, (c) => c.references('interaction.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', t.time, (c) => c.notNull())
    .addColumn('deadline_at', t.time, (c) => c.notNull())
    .addColumn('last_error_code', 'text')
    .addColumn('last_error_message', 'text')
    .addColumn('result_network_id', 'text') // id the network gave the sent item
    .addColumn('created_by', 'text', (c) => c.notNull()) // agent:<id> | strategy | system
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .addColumn('sent_at', t.time)
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('outbox_item_due').on('outbox_item').columns(['state', 'next_attempt_at']).execute();
  await db.schema.createIndex('outbox_item_interaction').on('outbox_item').column('interaction_id').execute();

  // direction: in | out. author_kind: customer | agent | auto | brand. kind: text | like | retweet | hide | note ...
  await db.schema
    .createTable('message')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('interaction_id', t.ref, (c) => c.references('interaction.id'))
    .addColumn('contact_id', t.ref, (c) => c.notNull().references('contact.id'))
    .addColumn('account_id', t.ref, (c) => c.notNull().references('channel_account.id'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('channel_kind', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('text'))
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in', 'out')`))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility in ('public', 'private')`))
    .addColumn('author_kind', 'text', (c) => c.notNull())
    .addColumn('agent_id', t.ref, (c) => c.references('agent.id'))
    .addColumn('network_message_id', 'text') // null until an outbound message is sent
    .addColumn('in_reply_to_network_id', 'text')
    .addColumn('thread_network_id', 'text') // conversation_id, post id, DM conversation id
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('raw_json', 'text')
    .addColumn('outbox_item_id', t.ref, (c) => c.references('outbox_item.id'))
    .addColumn('sent_at', t.time, (c) => c.notNull()) // the network's time for inbound, creation time for outbound
    .addColumn('stored_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();
  // De-duplication: the stream and the poller may both see the same tweet.
  await sql`create unique index message_network_id on message (network, network_message_id) where network_message_id is not null`.execute(db);
  await db.schema.createIndex('message_interaction').on('message').columns(['interaction_id', 'sent_at']).execute();
  await db.schema.createIndex('message_contact').on('message').columns(['contact_id', 'sent_at']).execute();
  await db.schema.createIndex('message_contact_author').on('message').columns(['contact_id', 'author_kind', 'sent_at']).execute();
  await db.schema.createIndex('message_outbox').on('message').column('outbox_item_id').execute();

  await ctx.createMessageSearch(db);

  // Automatic and manual engagement (likes, retweets), so each can be approved and undone.
  await db.schema
    .createTable('engagement')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('interaction_id', t.ref, (c) => c.references('interaction.id'))
    .addColumn('message_id', t.ref, (c) => c.notNull().references('message.id'))
    .addColumn('kind', 'text', (c) => c.notNull()) // like | retweet
    .addColumn('automatic', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull()) // proposed | approved | done | rejected | undone
    .addColumn('score', 'real')
    .addColumn('outbox_item_id', t.ref, (c) => c.references('outbox_item.id'))
    .addColumn('undo_outbox_item_id', t.ref, (c) => c.references('outbox_item.id'))
    .addColumn('decided_by', 'text')
    .addColumn('created_at', t.time, (c) => c.notNull())
    .addColumn('updated_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('engagement_message').on('engagement').column('message_id').execute();
  await db.schema.createIndex('engagement_state').on('engagement').column('state').execute();

  // ---- audit -----------------------------------------------------------------------------------
  await db.schema
    .createTable('audit_log')
    .addColumn('id', t.id, (c) => t.pk(c))
    .addColumn('at', t.time, (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity', 'at']).execute();

  await db
    .insertInto('emergency')
    .values({ id: 1, active: 0, scope: 'all', message: '', ends_at: null, changed_by: null, changed_at: ctx.now })
    .execute();
}
