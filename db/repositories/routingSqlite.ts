// Routing writes on the raw SQLite connection, so they can run inside the same synchronous transaction as
// ingest (Kysely cannot run inside rawTransaction). SQLite-only by design; on PostgreSQL the same
// operations are buffered and flushed under the shared queue's lock (routingPostgres.ts).
import type BetterSqlite3 from 'better-sqlite3';
import type { AgentStatus, ChannelKind } from '../schema';

export interface QueueRow {
  id: number;
  channel_kind: ChannelKind;
  skill_id: number | null;
  skill_level: number | null;
  group_id: number | null;
  priority: number;
  queued_at: number | null;
  created_at: number;
}

export interface AssignedRow {
  id: number;
  assigned_agent_id: number;
  channel_kind: ChannelKind;
}

export interface AgentStatusRow {
  id: number;
  status: AgentStatus;
  not_ready_reason: string | null;
  status_changed_at: number;
  idle_since: number | null;
}

export interface InteractionRoutingRow {
  id: number;
  state: string;
  channel_kind: ChannelKind;
  skill_id: number | null;
  skill_level: number | null;
  group_id: number | null;
  priority: number;
  assigned_agent_id: number | null;
  queued_at: number | null;
  created_at: number;
  first_response_at: number | null;
}

function prepare(db: BetterSqlite3.Database) {
  return {
    assign: db.prepare(`update interaction set state = 'assigned', assigned_agent_id = ?, assigned_at = coalesce(assigned_at, ?), updated_at = ? where id = ?`),
    queue: db.prepare(
      `update interaction set state = 'queued', assigned_agent_id = null, skill_id = ?, skill_level = ?, group_id = ?, priority = ?, queued_at = coalesce(queued_at, ?), updated_at = ? where id = ?`,
    ),
    event: db.prepare(`insert into interaction_event (interaction_id, at, kind, agent_id, detail_json) values (?, ?, ?, ?, ?)`),
    agentStatus: db.prepare(`update agent set status = ?, not_ready_reason = ?, status_changed_at = ?, idle_since = ?, updated_at = ? where id = ?`),
    agentIdle: db.prepare(`update agent set idle_since = ? where id = ?`),
    complete: db.prepare(
      `update interaction set state = 'completed', disposition_code_id = ?, disposition_note = ?, completed_at = ?, updated_at = ? where id = ?`,
    ),
    firstResponse: db.prepare(`update interaction set first_response_at = ?, updated_at = ? where id = ? and first_response_at is null`),
    get: db.prepare(
      `select id, state, channel_kind, skill_id, skill_level, group_id, priority, assigned_agent_id, queued_at, created_at, first_response_at from interaction where id = ?`,
    ),
    loadQueue: db.prepare(`select id, channel_kind, skill_id, skill_level, group_id, priority, queued_at, created_at from interaction where state = 'queued'`),
    loadAssigned: db.prepare(`select id, assigned_agent_id, channel_kind from interaction where state = 'assigned' and assigned_agent_id is not null`),
    loadAgents: db.prepare(`select id, status, not_ready_reason, status_changed_at, idle_since from agent`),
  };
}

/** What the routing service reads and writes inside one transaction, whichever database runs it. */
export interface RoutingOps {
  setAssigned(id: number, agentId: number, now: number): void;
  setQueued(id: number, t: { skillId: number | null; minLevel: number | null; groupId: number | null; priority: number }, now: number): void;
  event(id: number, at: number, kind: string, agentId: number | null, detail?: unknown): void;
  setAgentStatus(agentId: number, status: AgentStatus, reason: string | null, now: number, idleSince: number | null): void;
  setAgentIdle(agentId: number, idleSince: number): void;
  complete(id: number, dispositionCodeId: number, note: string | null, now: number): void;
  firstResponse(id: number, at: number, now: number): boolean;
  get(id: number): InteractionRoutingRow | undefined;
  loadQueue(): QueueRow[];
  loadAssigned(): AssignedRow[];
  loadAgentStatuses(): AgentStatusRow[];
}

export type RoutingStatements = ReturnType<typeof prepare>;
const cache = new WeakMap<BetterSqlite3.Database, RoutingStatements>();

/** The prepared routing statements of a connection (prepared once). */
export function routingStatements(db: BetterSqlite3.Database): RoutingStatements {
  let s = cache.get(db);
  if (!s) {
    s = prepare(db);
    cache.set(db, s);
  }
  return s;
}

export class RoutingStore implements RoutingOps {
  private readonly s: RoutingStatements;
  constructor(db: BetterSqlite3.Database) {
    this.s = routingStatements(db);
  }
  setAssigned(id: number, agentId: number, now: number): void {
    this.s.assign.run(agentId, now, now, id);
  }
  setQueued(id: number, t: { skillId: number | null; minLevel: number | null; groupId: number | null; priority: number }, now: number): void {
    this.s.queue.run(t.skillId, t.skillId != null ? (t.minLevel ?? 1) : null, t.groupId, t.priority, now, now, id);
  }
  event(id: number, at: number, kind: string, agentId: number | null, detail?: unknown): void {
    this.s.event.run(id, at, kind, agentId, detail === undefined ? null : JSON.stringify(detail));
  }
  setAgentStatus(agentId: number, status: AgentStatus, reason: string | null, now: number, idleSince: number | null): void {
    this.s.agentStatus.run(status, reason, now, idleSince, now, agentId);
  }
  setAgentIdle(agentId: number, idleSince: number): void {
    this.s.agentIdle.run(idleSince, agentId);
  }
  complete(id: number, dispositionCodeId: number, note: string | null, now: number): void {
    this.s.complete.run(dispositionCodeId, note, now, now, id);
  }
  firstResponse(id: number, at: number, now: number): boolean {
    return this.s.firstResponse.run(at, now, id).changes > 0;
  }
  get(id: number): InteractionRoutingRow | undefined {
    return this.s.get.get(id) as InteractionRoutingRow | undefined;
  }
  loadQueue(): QueueRow[] {
    return this.s.loadQueue.all() as QueueRow[];
  }
  loadAssigned(): AssignedRow[] {
    return this.s.loadAssigned.all() as AssignedRow[];
  }
  loadAgentStatuses(): AgentStatusRow[] {
    return this.s.loadAgents.all() as AgentStatusRow[];
  }
}
