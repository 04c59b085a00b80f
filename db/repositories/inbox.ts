// What the agent's inbox reads from the database: the few rows a screen shows, described with their
// contact, an agent's own assignments, and what the assignment notices look at. (The queue's order comes
// from routing's memory.)
import { sql } from 'kysely';
import type { DB } from '../connection';
import type { ChannelKind, InteractionState, Network } from '../schema';

export interface InboxRowRecord {
  id: number;
  network: Network;
  channelKind: ChannelKind;
  state: InteractionState;
  contactId: number;
  contactName: string;
  contactHandle: string | null;
  avatarUrl: string | null;
  subject: string;
  priority: number;
  sentiment: number | null;
  waitingSince: number;
  lastInboundAt: number;
  assignedAgentId: number | null;
  skillId: number | null;
  minLevel: number | null;
  groupId: number | null;
  /** The last message that was not automatic came from the customer. */
  awaitingReply: boolean;
}

function describeQuery(db: DB) {
  return db
    .selectFrom('interaction as i')
    .innerJoin('contact as c', 'c.id', 'i.contact_id')
    .select((eb) => [
      'i.id',
      'i.network',
      'i.channel_kind',
      'i.state',
      'i.contact_id',
      'c.display_name',
      'c.avatar_url',
      'i.subject',
      'i.priority',
      'i.sentiment',
      'i.queued_at',
      'i.created_at',
      'i.last_inbound_at',
      'i.assigned_agent_id',
      'i.skill_id',
      'i.skill_level',
      'i.group_id',
      eb
        .selectFrom('contact_identity as ci')
        .select('ci.handle')
        .whereRef('ci.contact_id', '=', 'c.id')
        // `|| ''` keeps SQLite's planner off contact_identity_handle (network, handle), which it prefers without
        // statistics and which reads every identity of the network per row (1 s for 100 rows at 50,000 contacts).
        .where(sql<boolean>`(${sql.ref('ci.network')} || '') = ${sql.ref('i.network')}`)
        .where('ci.handle', 'is not', null)
        .orderBy('ci.last_seen_at', 'desc')
        .limit(1)
        .as('handle'),
      eb
        .selectFrom('message as m')
        .select('m.direction')
        .whereRef('m.interaction_id', '=', 'i.id')
        .where('m.author_kind', '!=', 'auto')
        .orderBy('m.sent_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(1)
        .as('last_direction'),
    ]);
}

type DescribedRow = Awaited<ReturnType<ReturnType<typeof describeQuery>['execute']>>[number];

function toRecord(r: DescribedRow): InboxRowRecord {
  return {
    id: r.id,
    network: r.network,
    channelKind: r.channel_kind,
    state: r.state,
    contactId: r.contact_id,
    contactName: r.display_name,
    contactHandle: r.handle ?? null,
    avatarUrl: r.avatar_url,
    subject: r.subject,
    priority: r.priority,
    sentiment: r.sentiment,
    waitingSince: r.queued_at ?? r.created_at,
    lastInboundAt: r.last_inbound_at,
    assignedAgentId: r.assigned_agent_id,
    skillId: r.skill_id,
    minLevel: r.skill_level,
    groupId: r.group_id,
    awaitingReply: r.last_direction === 'in',
  };
}

/** The rows for these interaction ids, in the order given (ids that no longer exist are left out). */
export async function describeInteractions(db: DB, ids: number[]): Promise<InboxRowRecord[]> {
  if (ids.length === 0) return [];
  const rows = await describeQuery(db).where('i.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toRecord(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** An agent's assigned interactions, oldest waiting first. */
export async function listAssignedTo(db: DB, agentId: number): Promise<InboxRowRecord[]> {
  const rows = await describeQuery(db)
    .where('i.assigned_agent_id', '=', agentId)
    .where('i.state', '=', 'assigned')
    .orderBy((eb) => eb.fn.coalesce('i.queued_at', 'i.created_at'))
    .orderBy('i.id')
    .limit(500)
    .execute();
  return rows.map(toRecord);
}

export async function countAssignedTo(db: DB, agentId: number): Promise<number> {
  const r = await db
    .selectFrom('interaction')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('assigned_agent_id', '=', agentId)
    .where('state', '=', 'assigned')
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Every interaction held by an agent now: id -> agent (the notifier's starting point). */
export async function loadAssignments(db: DB): Promise<Map<number, number>> {
  const rows = await db.selectFrom('interaction').select(['id', 'assigned_agent_id']).where('state', '=', 'assigned').where('assigned_agent_id', 'is not', null).execute();
  return new Map(rows.map((r) => [r.id, r.assigned_agent_id!]));
}

export interface AssignmentProbe {
  id: number;
  state: InteractionState;
  assignedAgentId: number | null;
  network: Network;
  channelKind: ChannelKind;
  subject: string;
  contactName: string;
}

export async function probeAssignments(db: DB, ids: number[]): Promise<AssignmentProbe[]> {
  const out: AssignmentProbe[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db
      .selectFrom('interaction as i')
      .innerJoin('contact as c', 'c.id', 'i.contact_id')
      .select(['i.id', 'i.state', 'i.assigned_agent_id', 'i.network', 'i.channel_kind', 'i.subject', 'c.display_name'])
      .where('i.id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      out.push({ id: r.id, state: r.state, assignedAgentId: r.assigned_agent_id, network: r.network, channelKind: r.channel_kind, subject: r.subject, contactName: r.display_name });
    }
  }
  return out;
}

/** The kinds of the latest few routing events of an interaction, newest first. */
export async function latestEventKinds(db: DB, interactionId: number, n = 3): Promise<string[]> {
  const rows = await db.selectFrom('interaction_event').select('kind').where('interaction_id', '=', interactionId).orderBy('id', 'desc').limit(n).execute();
  return rows.map((r) => r.kind);
}
