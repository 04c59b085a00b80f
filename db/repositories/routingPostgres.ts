// Routing on PostgreSQL, where several seats share one queue. Every routing transaction first takes one
// transaction-scoped advisory lock, so decisions are made one at a time across seats; under it the seat
// reads what other seats changed since it last looked (interaction_event is the change log: every routing
// write adds an event) and only then decides. The decision code is the same synchronous code SQLite runs:
// it reads the rows fetched beforehand and its writes are buffered here, then flushed in the same transaction.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema';
import type { AgentStatus } from '../schema';
import type { AgentStatusRow, AssignedRow, InteractionRoutingRow, QueueRow, RoutingOps } from './routingSqlite';

type Trx = Kysely<Database>;

/** The advisory-lock key of the shared queue (one per team database). */
export const ROUTING_LOCK = 0x524f5554; // "ROUT"

export async function lockRouting(trx: Trx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${ROUTING_LOCK})`.execute(trx);
}

const routingColumns = sql`id, state, channel_kind, skill_id, skill_level, group_id, priority, assigned_agent_id, queued_at, created_at, first_response_at`;

export async function loadRoutingRows(trx: Trx, ids: number[]): Promise<InteractionRoutingRow[]> {
  if (ids.length === 0) return [];
  const out: InteractionRoutingRow[] = [];
  for (let i = 0; i < ids.length; i += 5000) {
    const chunk = ids.slice(i, i + 5000);
    const r = await sql<InteractionRoutingRow>`select ${routingColumns} from interaction where id = any(${chunk}::bigint[])`.execute(trx);
    out.push(...r.rows);
  }
  return out;
}

/** Interactions with routing events newer than `watermark`, their current rows, and the newest event id. */
export async function changedSince(trx: Trx, watermark: number): Promise<{ rows: InteractionRoutingRow[]; top: number }> {
  const r = await sql<{ interaction_id: number; top: number }>`
    select interaction_id, max(id) as top from interaction_event where id > ${watermark} group by interaction_id`.execute(trx);
  if (r.rows.length === 0) return { rows: [], top: watermark };
  const top = r.rows.reduce((m, x) => Math.max(m, Number(x.top)), watermark);
  return { rows: await loadRoutingRows(trx, r.rows.map((x) => Number(x.interaction_id))), top };
}

export async function loadAgentStatuses(trx: Trx): Promise<AgentStatusRow[]> {
  return (await sql<AgentStatusRow>`select id, status, not_ready_reason, status_changed_at, idle_since from agent`.execute(trx)).rows;
}

/** Everything the router keeps in memory, read at one instant (call under the lock). */
export async function loadRoutingState(trx: Trx): Promise<{ queue: QueueRow[]; assigned: AssignedRow[]; statuses: AgentStatusRow[]; top: number }> {
  const top = Number((await sql<{ top: number | null }>`select max(id) as top from interaction_event`.execute(trx)).rows[0]?.top ?? 0);
  const queue = (await sql<QueueRow>`select id, channel_kind, skill_id, skill_level, group_id, priority, queued_at, created_at from interaction where state = 'queued'`.execute(trx)).rows;
  const assigned = (await sql<AssignedRow>`select id, assigned_agent_id, channel_kind from interaction where state = 'assigned' and assigned_agent_id is not null`.execute(trx)).rows;
  return { queue, assigned, statuses: await loadAgentStatuses(trx), top };
}

type Write =
  | { op: 'assign'; id: number; agentId: number; now: number }
  | { op: 'queue'; id: number; skillId: number | null; skillLevel: number | null; groupId: number | null; priority: number; now: number }
  | { op: 'status'; agentId: number; status: AgentStatus; reason: string | null; now: number; idleSince: number | null }
  | { op: 'idle'; agentId: number; idleSince: number }
  | { op: 'complete'; id: number; dispositionCodeId: number; note: string | null; now: number }
  | { op: 'firstResponse'; id: number; at: number; now: number };

interface EventRow {
  interaction_id: number;
  at: number;
  kind: string;
  agent_id: number | null;
  detail_json: string | null;
}

/**
 * The synchronous routing store of one PostgreSQL transaction: reads come from rows fetched under the
 * lock (and follow the writes made since), writes are kept in order and flushed before commit.
 */
export class BufferedRoutingStore implements RoutingOps {
  private readonly writes: Write[] = [];
  private readonly events: EventRow[] = [];

  constructor(
    private readonly rows: Map<number, InteractionRoutingRow | undefined>,
    private readonly statuses: AgentStatusRow[],
  ) {}

  get pending(): number {
    return this.writes.length + this.events.length;
  }

  setAssigned(id: number, agentId: number, now: number): void {
    const r = this.rows.get(id);
    if (r) Object.assign(r, { state: 'assigned', assigned_agent_id: agentId });
    this.writes.push({ op: 'assign', id, agentId, now });
  }

  setQueued(id: number, t: { skillId: number | null; minLevel: number | null; groupId: number | null; priority: number }, now: number): void {
    const skillLevel = t.skillId != null ? (t.minLevel ?? 1) : null;
    const r = this.rows.get(id);
    if (r) Object.assign(r, { state: 'queued', assigned_agent_id: null, skill_id: t.skillId, skill_level: skillLevel, group_id: t.groupId, priority: t.priority, queued_at: r.queued_at ?? now });
    this.writes.push({ op: 'queue', id, skillId: t.skillId, skillLevel, groupId: t.groupId, priority: t.priority, now });
  }

  event(id: number, at: number, kind: string, agentId: number | null, detail?: unknown): void {
    this.events.push({ interaction_id: id, at, kind, agent_id: agentId, detail_json: detail === undefined ? null : JSON.stringify(detail) });
  }

  setAgentStatus(agentId: number, status: AgentStatus, reason: string | null, now: number, idleSince: number | null): void {
    this.writes.push({ op: 'status', agentId, status, reason, now, idleSince });
  }

  setAgentIdle(agentId: number, idleSince: number): void {
    this.writes.push({ op: 'idle', agentId, idleSince });
  }

  complete(id: number, dispositionCodeId: number, note: string | null, now: number): void {
    const r = this.rows.get(id);
    if (r) r.state = 'completed';
    this.writes.push({ op: 'complete', id, dispositionCodeId, note, now });
  }

  firstResponse(id: number, at: number, now: number): boolean {
    const r = this.rows.get(id);
    if (!r || r.first_response_at != null) return false;
    r.first_response_at = at;
    this.writes.push({ op: 'firstResponse', id, at, now });
    return true;
  }

  get(id: number): InteractionRoutingRow | undefined {
    const r = this.rows.get(id);
    if (r === undefined && !this.rows.has(id)) throw new Error(`Routing read interaction ${id} without fetching it first (a bug: name it in the transaction's prefetch).`);
    return r;
  }

  loadQueue(): QueueRow[] {
    throw new Error('loadQueue is not available inside a PostgreSQL routing transaction');
  }

  loadAssigned(): AssignedRow[] {
    throw new Error('loadAssigned is not available inside a PostgreSQL routing transaction');
  }

  loadAgentStatuses(): AgentStatusRow[] {
    return this.statuses;
  }

  /** Writes everything in the order it was decided; returns the newest event id written (0 if none). */
  async flush(trx: Trx): Promise<number> {
    for (const w of this.writes) {
      switch (w.op) {
        case 'assign':
          await sql`update interaction set state = 'assigned', assigned_agent_id = ${w.agentId}, assigned_at = coalesce(assigned_at, ${w.now}), updated_at = ${w.now} where id = ${w.id}`.execute(trx);
          break;
        case 'queue':
          await sql`update interaction set state = 'queued', assigned_agent_id = null, skill_id = ${w.skillId}, skill_level = ${w.skillLevel}, group_id = ${w.groupId},
                    priority = ${w.priority}, queued_at = coalesce(queued_at, ${w.now}), updated_at = ${w.now} where id = ${w.id}`.execute(trx);
          break;
        case 'status':
          await sql`update agent set status = ${w.status}, not_ready_reason = ${w.reason}, status_changed_at = ${w.now}, idle_since = ${w.idleSince}, updated_at = ${w.now} where id = ${w.agentId}`.execute(trx);
          break;
        case 'idle':
          await sql`update agent set idle_since = ${w.idleSince} where id = ${w.agentId}`.execute(trx);
          break;
        case 'complete':
          await sql`update interaction set state = 'completed', disposition_code_id = ${w.dispositionCodeId}, disposition_note = ${w.note}, completed_at = ${w.now}, updated_at = ${w.now} where id = ${w.id}`.execute(trx);
          break;
        case 'firstResponse':
          await sql`update interaction set first_response_at = ${w.at}, updated_at = ${w.now} where id = ${w.id} and first_response_at is null`.execute(trx);
          break;
      }
    }
    this.writes.length = 0;
    let top = 0;
    // One statement per 1,000 events; rows get their ids in the order they were recorded.
    for (let i = 0; i < this.events.length; i += 1000) {
      const chunk = this.events.slice(i, i + 1000);
      const r = await trx.insertInto('interaction_event').values(chunk).returning('id').execute();
      for (const x of r) top = Math.max(top, Number(x.id));
    }
    this.events.length = 0;
    return top;
  }
}
