// A known, varied set of conversations for the Reports tests, written straight into a migrated database.
// The spec below is the truth the tests compute their expected figures from, in plain JavaScript.
// Business time zone Europe/Berlin; the period 2026-03-27..31 spans the spring DST change (29 March,
// 02:00 CET -> 03:00 CEST, a 23-hour day), so a day counted in UTC or by adding 24 h comes out wrong.
import type { DB } from '../../../db/connection';
import { putSetting } from '../../../db/repositories/settings';
import type { ChannelKind, Network } from '../../../preload/contract/model';

export const TIME_ZONE = 'Europe/Berlin';
export const PERIOD = { from: '2026-03-27', to: '2026-03-31' } as const;

const MIN = 60_000;

/** Berlin wall-clock time to epoch ms, from the EU rule for 2026 (not from luxon, which the code uses). */
export function berlin(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  const summer = asUtc >= Date.UTC(2026, 2, 29, 3, 0) && asUtc < Date.UTC(2026, 9, 25, 2, 0);
  return asUtc - (summer ? 2 : 1) * 60 * MIN;
}

export type AgentKey = 'ana' | 'ben' | 'chloe' | 'dora';
export type CodeKey = 'resolved' | 'refund' | 'spam' | 'other';
export type Outcome = 'special_day' | 'closed' | 'emergency' | 'auto_reply' | 'engagement' | 'ignored';

export interface SeedConversation {
  key: string;
  network: Network;
  kind: ChannelKind;
  createdAt: number;
  autoOutcome: Outcome | null;
  state: 'auto_handled' | 'ignored' | 'queued' | 'assigned' | 'completed';
  queuedAt: number | null;
  assignedAt: number | null;
  firstResponseAt: number | null;
  completedAt: number | null;
  agent: AgentKey | null;
  disposition: CodeKey | null;
  /** When the customer's messages were written (the first opens the conversation). */
  inbound: number[];
}

export const agents: Record<AgentKey, string> = { ana: 'Ana Lima', ben: 'Ben Okafor', chloe: 'Chloé Dupont', dora: '=Dora (night shift)' };
export const codes: Record<CodeKey, { code: string; label: string; position: number }> = {
  resolved: { code: 'resolved', label: 'Resolved', position: 1 },
  refund: { code: 'refund', label: 'Refund, "goodwill"', position: 2 },
  spam: { code: 'spam', label: 'Spam', position: 3 },
  other: { code: 'other', label: 'Other', position: 4 },
};

const march = (day: string) => (time: string): number => berlin(`2026-03-${day}`, time);
const d26 = march('26');
const d27 = march('27');
const d28 = march('28');
const d29 = march('29');
const d30 = march('30');
const d31 = march('31');
const apr1 = (t: string) => berlin('2026-04-01', t);

type Draft = Omit<SeedConversation, 'inbound' | 'state'> & { inbound?: number[]; state?: SeedConversation['state'] };

function conv(c: Draft): SeedConversation {
  const state =
    c.state ??
    (c.completedAt != null ? 'completed' : c.assignedAt != null ? 'assigned' : c.queuedAt != null ? 'queued' : c.autoOutcome === 'ignored' ? 'ignored' : 'auto_handled');
  // Ingest stores the network's time of the message, a little before Parley sees it.
  return { ...c, state, inbound: c.inbound ?? [c.createdAt - 30_000] };
}

const auto = (key: string, network: Network, kind: ChannelKind, createdAt: number, autoOutcome: Outcome): SeedConversation =>
  conv({ key, network, kind, createdAt, autoOutcome, queuedAt: null, assignedAt: null, firstResponseAt: null, completedAt: null, agent: null, disposition: null });

export const conversations: SeedConversation[] = [
  // ---- handled automatically, never reaching an agent ----------------------------------------
  auto('a1', 'x', 'mention', d27('22:30'), 'closed'),
  auto('a2', 'facebook', 'comment', d28('10:00'), 'special_day'),
  auto('a3', 'x', 'dm', d29('00:30'), 'emergency'), // 28 March in UTC, 29 March in Berlin
  auto('a4', 'facebook', 'post', d29('23:30'), 'auto_reply'),
  auto('a5', 'x', 'mention', d30('00:15'), 'engagement'), // 29 March in UTC
  auto('a6', 'x', 'mention', d30('09:00'), 'ignored'),
  auto('a7', 'facebook', 'messenger', d31('23:50'), 'closed'),
  auto('a8', 'facebook', 'comment', d30('13:00'), 'special_day'),
  // ---- answered automatically, then sent to agents ----------------------------------------------
  conv({ key: 'b1', network: 'facebook', kind: 'messenger', createdAt: d27('21:00'), autoOutcome: 'closed', queuedAt: d27('21:00'), assignedAt: d28('09:00'), firstResponseAt: d28('09:05'), completedAt: d28('09:20'), agent: 'ben', disposition: 'refund', inbound: [d27('20:59'), d28('09:10')] }),
  conv({ key: 'b2', network: 'x', kind: 'mention', createdAt: d28('12:00'), autoOutcome: 'special_day', queuedAt: d28('12:00'), assignedAt: d28('12:30'), firstResponseAt: d28('12:40'), completedAt: d28('13:00'), agent: 'ana', disposition: 'resolved' }),
  conv({ key: 'b3', network: 'x', kind: 'mention', createdAt: d30('14:00'), autoOutcome: 'engagement', queuedAt: d30('14:00'), assignedAt: d30('14:00'), firstResponseAt: d30('14:03'), completedAt: d30('14:10'), agent: 'chloe', disposition: 'resolved' }),
  conv({ key: 'b4', network: 'facebook', kind: 'comment', createdAt: d31('10:00'), autoOutcome: 'auto_reply', queuedAt: d31('10:00'), assignedAt: null, firstResponseAt: null, completedAt: null, agent: null, disposition: null }),
  conv({ key: 'b5', network: 'x', kind: 'dm', createdAt: d29('01:00'), autoOutcome: 'emergency', queuedAt: d29('01:00'), assignedAt: d29('04:00'), firstResponseAt: d29('04:30'), completedAt: d29('05:00'), agent: 'dora', disposition: 'other' }),
  // ---- straight to agents -------------------------------------------------------------------------
  conv({ key: 'c0', network: 'x', kind: 'mention', createdAt: d27('00:00'), autoOutcome: null, queuedAt: d27('00:00'), assignedAt: d27('00:00'), firstResponseAt: d27('00:02'), completedAt: d27('00:10'), agent: 'ben', disposition: 'resolved', inbound: [d26('23:59')] }),
  conv({ key: 'c1', network: 'x', kind: 'dm', createdAt: d27('09:00'), autoOutcome: null, queuedAt: d27('09:00'), assignedAt: d27('09:02'), firstResponseAt: d27('09:10'), completedAt: d27('09:30'), agent: 'ana', disposition: 'resolved', inbound: [d27('08:59'), d27('09:12'), d27('09:20')] }),
  conv({ key: 'c2', network: 'x', kind: 'mention', createdAt: d27('09:30'), autoOutcome: null, queuedAt: d27('09:30'), assignedAt: d27('09:31'), firstResponseAt: d27('09:35'), completedAt: d27('09:50'), agent: 'ben', disposition: 'spam' }),
  conv({ key: 'c3', network: 'facebook', kind: 'post', createdAt: d27('10:00'), autoOutcome: null, queuedAt: d27('10:00'), assignedAt: d27('10:10'), firstResponseAt: d27('10:12'), completedAt: d27('10:40'), agent: 'chloe', disposition: 'resolved' }),
  conv({ key: 'c4', network: 'facebook', kind: 'comment', createdAt: d28('11:00'), autoOutcome: null, queuedAt: d28('11:00'), assignedAt: d28('11:01'), firstResponseAt: d28('11:06'), completedAt: d28('11:16'), agent: 'ana', disposition: 'refund' }),
  // Across the DST gap: 01:30 CET to 03:15 CEST is 45 minutes, not 1 h 45.
  conv({ key: 'c5', network: 'facebook', kind: 'messenger', createdAt: d29('01:30'), autoOutcome: null, queuedAt: d29('01:30'), assignedAt: d29('03:15'), firstResponseAt: d29('03:20'), completedAt: d29('03:45'), agent: 'ben', disposition: 'resolved', inbound: [d29('01:29'), d29('03:25')] }),
  conv({ key: 'c6', network: 'x', kind: 'mention', createdAt: d29('10:00'), autoOutcome: null, queuedAt: d29('10:00'), assignedAt: d29('10:00'), firstResponseAt: d29('10:20'), completedAt: d29('11:00'), agent: 'ana', disposition: 'resolved' }),
  conv({ key: 'c7', network: 'x', kind: 'dm', createdAt: d29('15:00'), autoOutcome: null, queuedAt: d29('15:00'), assignedAt: d29('15:05'), firstResponseAt: null, completedAt: null, agent: 'ana', disposition: null }),
  conv({ key: 'c8', network: 'facebook', kind: 'messenger', createdAt: d30('08:00'), autoOutcome: null, queuedAt: d30('08:00'), assignedAt: d30('08:30'), firstResponseAt: d30('08:31'), completedAt: d30('09:31'), agent: 'chloe', disposition: 'refund' }),
  conv({ key: 'c9', network: 'x', kind: 'mention', createdAt: d30('16:00'), autoOutcome: null, queuedAt: d30('16:00'), assignedAt: d30('16:04'), firstResponseAt: d30('16:10'), completedAt: d30('16:12'), agent: 'ben', disposition: 'resolved' }),
  conv({ key: 'c10', network: 'x', kind: 'dm', createdAt: d31('09:00'), autoOutcome: null, queuedAt: d31('09:00'), assignedAt: d31('09:20'), firstResponseAt: d31('09:21'), completedAt: null, agent: 'chloe', disposition: null }),
  conv({ key: 'c11', network: 'facebook', kind: 'post', createdAt: d31('11:00'), autoOutcome: null, queuedAt: d31('11:00'), assignedAt: null, firstResponseAt: null, completedAt: null, agent: null, disposition: null }),
  // Completed by a supervisor straight from the queue: a disposition, but no agent and no handling time.
  conv({ key: 'c12', network: 'x', kind: 'mention', createdAt: d31('12:00'), autoOutcome: null, queuedAt: d31('12:00'), assignedAt: null, firstResponseAt: null, completedAt: d31('12:30'), agent: null, disposition: 'spam' }),
  // A reply stamped before the conversation began (a clock moved): left out of first response time.
  conv({ key: 'c13', network: 'x', kind: 'mention', createdAt: d28('20:00'), autoOutcome: null, queuedAt: d28('20:00'), assignedAt: d28('20:10'), firstResponseAt: d28('19:59'), completedAt: d28('20:30'), agent: 'ben', disposition: 'resolved' }),
  conv({ key: 'c14', network: 'x', kind: 'dm', createdAt: d27('23:59'), autoOutcome: null, queuedAt: d27('23:59'), assignedAt: d27('23:59'), firstResponseAt: d28('00:04'), completedAt: d28('00:20'), agent: 'ana', disposition: 'resolved', inbound: [d27('23:58'), d28('00:06')] }),
  conv({ key: 'c15', network: 'facebook', kind: 'comment', createdAt: d30('10:00'), autoOutcome: null, queuedAt: d30('10:00'), assignedAt: d30('12:00'), firstResponseAt: d30('12:01'), completedAt: d30('12:41'), agent: 'chloe', disposition: 'resolved' }),
  // ---- outside the period ----------------------------------------------------------------------------------
  conv({ key: 'o1', network: 'x', kind: 'mention', createdAt: d26('23:59'), autoOutcome: null, queuedAt: d26('23:59'), assignedAt: d27('00:05'), firstResponseAt: d27('00:06'), completedAt: d27('00:30'), agent: 'ana', disposition: 'resolved', inbound: [d26('23:58'), d27('00:03')] }),
  // Begins at midnight after the last day (excluded), but its first message was written before it (counted).
  auto('o2', 'facebook', 'post', apr1('00:00'), 'closed'),
];

export interface SeedIds {
  agents: Record<AgentKey, number>;
  codes: Record<CodeKey, number>;
  accounts: Record<Network, number>;
  conversations: Record<string, number>;
}

/** Writes the spec into `db` (migrated, empty) and sets the business time zone. */
export async function seedReports(db: DB): Promise<SeedIds> {
  const now = berlin('2026-03-26', '08:00');
  await putSetting(db, 'calendar.timeZone', TIME_ZONE, 'test', now);
  const accounts = {} as Record<Network, number>;
  for (const network of ['x', 'facebook'] as const) {
    const r = await db
      .insertInto('channel_account')
      .values({ network, name: 'Parley Coffee', external_id: network === 'x' ? '1000' : 'page-1', handle: network === 'x' ? 'parleycoffee' : null, auth_kind: network === 'x' ? 'oauth2' : 'page_token', credentials: null, credentials_scheme: null, base_url: null, status_detail: null, rate_limited_until: null, last_poll_at: null, next_poll_at: null, quota_json: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    accounts[network] = r.id;
  }
  const agentIds = {} as Record<AgentKey, number>;
  for (const [key, name] of Object.entries(agents) as Array<[AgentKey, string]>) {
    agentIds[key] = (await db.insertInto('agent').values({ name, email: null, not_ready_reason: null, idle_since: null, status_changed_at: now, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const codeIds = {} as Record<CodeKey, number>;
  for (const [key, c] of Object.entries(codes) as Array<[CodeKey, (typeof codes)[CodeKey]]>) {
    codeIds[key] = (await db.insertInto('disposition_code').values({ code: c.code, label: c.label, position: c.position, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow()).id;
  }
  const ids: Record<string, number> = {};
  for (const [n, c] of conversations.entries()) {
    const contact = await db.insertInto('contact').values({ display_name: `Customer ${c.key}`, email: null, phone: null, avatar_url: null, merged_into_id: null, created_at: c.createdAt, updated_at: c.createdAt }).returning('id').executeTakeFirstOrThrow();
    const accountId = accounts[c.network];
    const interaction = await db
      .insertInto('interaction')
      .values({
        contact_id: contact.id, account_id: accountId, network: c.network, channel_kind: c.kind, thread_key: `thread-${c.key}`, state: c.state,
        skill_id: null, skill_level: null, group_id: null, assigned_agent_id: c.agent ? agentIds[c.agent] : null, auto_outcome: c.autoOutcome,
        decision_json: JSON.stringify({ state: c.state, autoOutcome: c.autoOutcome }), sentiment: null, subject: `Conversation ${c.key}`,
        disposition_code_id: c.disposition ? codeIds[c.disposition] : null, disposition_note: null, created_at: c.createdAt, queued_at: c.queuedAt,
        assigned_at: c.assignedAt, first_response_at: c.firstResponseAt, completed_at: c.completedAt, last_inbound_at: Math.max(...c.inbound), updated_at: c.createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[c.key] = interaction.id;
    const message = (direction: 'in' | 'out', authorKind: 'customer' | 'agent' | 'auto', sentAt: number, i: number) => ({
      interaction_id: interaction.id, contact_id: contact.id, account_id: accountId, network: c.network, channel_kind: c.kind, direction,
      visibility: c.kind === 'dm' || c.kind === 'messenger' ? ('private' as const) : ('public' as const), author_kind: authorKind,
      agent_id: authorKind === 'agent' && c.agent ? agentIds[c.agent] : null, network_message_id: `${c.network}-${n}-${direction}-${i}`,
      in_reply_to_network_id: null, thread_network_id: `thread-${c.key}`, text: `${authorKind} message ${i} in ${c.key}`, raw_json: null, outbox_item_id: null,
      sent_at: sentAt, stored_at: sentAt,
    });
    const rows = c.inbound.map((t, i) => message('in', 'customer', t, i));
    // What the brand sent is never volume: the automatic answer and the agent's reply.
    if (c.autoOutcome && c.autoOutcome !== 'ignored' && c.autoOutcome !== 'engagement') rows.push(message('out', 'auto', c.createdAt, 100));
    if (c.firstResponseAt != null) rows.push(message('out', 'agent', c.firstResponseAt, 101));
    for (const row of rows) await db.insertInto('message').values(row).execute();
  }
  return { agents: agentIds, codes: codeIds, accounts, conversations: ids };
}
