// The Kysely view of every table. Times are epoch milliseconds; booleans are 0/1 integers;
// *_json columns hold JSON text that repositories parse into plain data.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
type Bool = number;

export type Network = 'x' | 'facebook';
export type ChannelKind = 'mention' | 'dm' | 'post' | 'comment' | 'messenger';
export type Visibility = 'public' | 'private';
export type InteractionState = 'new' | 'auto_handled' | 'queued' | 'assigned' | 'completed' | 'ignored';
export type AgentStatus = 'ready' | 'not_ready' | 'offline';
export type AgentRole = 'agent' | 'supervisor' | 'admin';
export type OutboxKind =
  | 'reply'
  | 'dm'
  | 'like'
  | 'unlike'
  | 'retweet'
  | 'unretweet'
  | 'comment'
  | 'private_reply'
  | 'messenger'
  | 'fb_like'
  | 'fb_unlike'
  | 'hide';
export type OutboxState = 'pending' | 'sending' | 'sent' | 'retrying' | 'held' | 'failed' | 'cancelled';
export type AccountStatus = 'unknown' | 'connected' | 'rate_limited' | 'token_expired' | 'error' | 'disabled';

export interface SettingTable {
  key: string;
  value_json: string;
  updated_at: number;
  updated_by: string | null;
}

export interface ChannelAccountTable {
  id: Id;
  network: Network;
  name: string;
  external_id: string | null;
  handle: string | null;
  auth_kind: 'oauth2' | 'oauth1' | 'page_token';
  credentials: Buffer | null;
  credentials_scheme: string | null;
  base_url: string | null;
  is_sandbox: ColumnType<Bool, Bool | undefined, Bool>;
  enabled: ColumnType<Bool, Bool | undefined, Bool>;
  status: ColumnType<AccountStatus, AccountStatus | undefined, AccountStatus>;
  status_detail: string | null;
  rate_limited_until: number | null;
  last_poll_at: number | null;
  next_poll_at: number | null;
  quota_json: string | null;
  created_at: number;
  updated_at: number;
}

export interface ChannelCursorTable {
  account_id: number;
  feed: string;
  value: string;
  updated_at: number;
}

export interface ContactTable {
  id: Id;
  display_name: string;
  email: string | null;
  phone: string | null;
  notes: ColumnType<string, string | undefined, string>;
  avatar_url: string | null;
  merged_into_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface ContactIdentityTable {
  id: Id;
  contact_id: number;
  network: Network;
  network_user_id: string;
  handle: string | null;
  display_name: string | null;
  avatar_url: string | null;
  first_seen_at: number;
  last_seen_at: number;
}

export interface ContactHandleHistoryTable {
  id: Id;
  identity_id: number;
  handle: string;
  display_name: string | null;
  seen_from: number;
  seen_until: number | null;
}

export interface AgentTable {
  id: Id;
  name: string;
  email: string | null;
  role: ColumnType<AgentRole, AgentRole | undefined, AgentRole>;
  status: ColumnType<AgentStatus, AgentStatus | undefined, AgentStatus>;
  not_ready_reason: string | null;
  status_changed_at: number;
  idle_since: number | null;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: number;
  updated_at: number;
}

export interface AgentCapacityTable {
  agent_id: number;
  channel_kind: ChannelKind;
  max_active: number;
}

export interface SkillTable {
  id: Id;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  created_at: number;
}

export interface AgentSkillTable {
  agent_id: number;
  skill_id: number;
  level: number;
}

export interface AgentGroupTable {
  id: Id;
  name: string;
  description: ColumnType<string, string | undefined, string>;
  created_at: number;
}

export interface AgentGroupMemberTable {
  group_id: number;
  agent_id: number;
}

export interface DispositionCodeTable {
  id: Id;
  code: string;
  label: string;
  description: ColumnType<string, string | undefined, string>;
  position: ColumnType<number, number | undefined, number>;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: number;
  updated_at: number;
}

export type TemplateKind =
  | 'special_day'
  | 'closed'
  | 'emergency'
  | 'acknowledgement'
  | 'auto_reply'
  | 'canned'
  | 'move_to_private';

export interface MessageTemplateTable {
  id: Id;
  kind: TemplateKind;
  name: string;
  network: Network | null;
  visibility: Visibility;
  variants_json: string;
  active: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: number;
  updated_at: number;
}

export interface KeywordRuleTable {
  id: Id;
  position: number;
  name: string;
  enabled: ColumnType<Bool, Bool | undefined, Bool>;
  match_json: string;
  networks_json: string;
  channel_kinds_json: string;
  action: string;
  action_json: string;
  created_at: number;
  updated_at: number;
}

export interface WeeklyHoursTable {
  id: Id;
  weekday: number;
  opens_at: string;
  closes_at: string;
}

export interface SpecialDayTable {
  id: Id;
  name: string;
  date: string;
  recurrence: ColumnType<'none' | 'yearly', 'none' | 'yearly' | undefined, 'none' | 'yearly'>;
  closed: ColumnType<Bool, Bool | undefined, Bool>;
  hours_json: string | null;
  template_id: number | null;
  message: string | null;
  ical_uid: string | null;
  created_at: number;
  updated_at: number;
}

export interface EmergencyTable {
  id: number;
  active: Bool;
  scope: 'all' | Network;
  message: string;
  ends_at: number | null;
  changed_by: string | null;
  changed_at: number;
}

export interface InteractionTable {
  id: Id;
  contact_id: number;
  account_id: number;
  network: Network;
  channel_kind: ChannelKind;
  thread_key: string;
  state: InteractionState;
  skill_id: number | null;
  skill_level: number | null;
  group_id: number | null;
  priority: ColumnType<number, number | undefined, number>;
  assigned_agent_id: number | null;
  auto_outcome: string | null;
  decision_json: string | null;
  sentiment: number | null;
  subject: ColumnType<string, string | undefined, string>;
  disposition_code_id: number | null;
  disposition_note: string | null;
  created_at: number;
  queued_at: number | null;
  assigned_at: number | null;
  first_response_at: number | null;
  completed_at: number | null;
  last_inbound_at: number;
  updated_at: number;
}

export interface InteractionEventTable {
  id: Id;
  interaction_id: number;
  at: number;
  kind: string;
  agent_id: number | null;
  detail_json: string | null;
}

export interface OutboxItemTable {
  id: Id;
  idempotency_key: string;
  account_id: number;
  interaction_id: number | null;
  kind: OutboxKind;
  payload_json: string;
  state: OutboxState;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: number;
  deadline_at: number;
  last_error_code: string | null;
  last_error_message: string | null;
  result_network_id: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface MessageTable {
  id: Id;
  interaction_id: number | null;
  contact_id: number;
  account_id: number;
  network: Network;
  channel_kind: ChannelKind;
  kind: ColumnType<string, string | undefined, string>;
  direction: 'in' | 'out';
  visibility: Visibility;
  author_kind: 'customer' | 'agent' | 'auto' | 'brand';
  agent_id: number | null;
  network_message_id: string | null;
  in_reply_to_network_id: string | null;
  thread_network_id: string | null;
  text: string;
  raw_json: string | null;
  outbox_item_id: number | null;
  sent_at: number;
  stored_at: number;
}

/** FTS5 index over message.text (SQLite only; kept in step by triggers). */
export interface MessageFtsTable {
  rowid: number;
  text: string;
  message_fts: string;
  rank: number;
}

export interface EngagementTable {
  id: Id;
  interaction_id: number | null;
  message_id: number;
  kind: 'like' | 'retweet';
  automatic: ColumnType<Bool, Bool | undefined, Bool>;
  state: 'proposed' | 'approved' | 'done' | 'rejected' | 'undone';
  score: number | null;
  outbox_item_id: number | null;
  undo_outbox_item_id: number | null;
  decided_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface AuditLogTable {
  id: Id;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** An inbound item ingest could not read, kept with its payload and the reason (migration 0005). */
export interface InboundDeadLetterTable {
  id: Id;
  account_id: number | null;
  network: string | null;
  channel_kind: string | null;
  network_message_id: string | null;
  reason: string;
  payload_json: string;
  feed: string | null;
  received_at: number;
}

export interface SchemaMigrationTable {
  version: number;
  name: string;
  applied_at: number;
  app_version: string;
}

export interface Database {
  setting: SettingTable;
  channel_account: ChannelAccountTable;
  channel_cursor: ChannelCursorTable;
  contact: ContactTable;
  contact_identity: ContactIdentityTable;
  contact_handle_history: ContactHandleHistoryTable;
  agent: AgentTable;
  agent_capacity: AgentCapacityTable;
  skill: SkillTable;
  agent_skill: AgentSkillTable;
  agent_group: AgentGroupTable;
  agent_group_member: AgentGroupMemberTable;
  disposition_code: DispositionCodeTable;
  message_template: MessageTemplateTable;
  keyword_rule: KeywordRuleTable;
  weekly_hours: WeeklyHoursTable;
  special_day: SpecialDayTable;
  emergency: EmergencyTable;
  interaction: InteractionTable;
  interaction_event: InteractionEventTable;
  outbox_item: OutboxItemTable;
  message: MessageTable;
  message_fts: MessageFtsTable;
  engagement: EngagementTable;
  audit_log: AuditLogTable;
  inbound_dead_letter: InboundDeadLetterTable;
  parley_migration: SchemaMigrationTable;
}

export type ChannelAccountRow = Selectable<ChannelAccountTable>;
export type NewChannelAccount = Insertable<ChannelAccountTable>;
export type ChannelAccountUpdate = Updateable<ChannelAccountTable>;
export type ContactRow = Selectable<ContactTable>;
export type NewContact = Insertable<ContactTable>;
export type ContactIdentityRow = Selectable<ContactIdentityTable>;
export type AgentRow = Selectable<AgentTable>;
export type NewAgent = Insertable<AgentTable>;
export type InteractionRow = Selectable<InteractionTable>;
export type NewInteraction = Insertable<InteractionTable>;
export type InteractionUpdate = Updateable<InteractionTable>;
export type MessageRow = Selectable<MessageTable>;
export type NewMessage = Insertable<MessageTable>;
export type OutboxItemRow = Selectable<OutboxItemTable>;
export type NewOutboxItem = Insertable<OutboxItemTable>;
export type OutboxItemUpdate = Updateable<OutboxItemTable>;
export type KeywordRuleRow = Selectable<KeywordRuleTable>;
export type SpecialDayRow = Selectable<SpecialDayTable>;
export type MessageTemplateRow = Selectable<MessageTemplateTable>;
export type DispositionCodeRow = Selectable<DispositionCodeTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type EngagementRow = Selectable<EngagementTable>;
