// The router built from, and brought up to date with, rows read from the database. Pure: the routing
// service reads the rows (at start-up, and on PostgreSQL whenever another seat changed the queue).
import type { AgentStatusRow, AssignedRow, InteractionRoutingRow, QueueRow } from '../../db/repositories/routingSqlite';
import type { AgentRoutingState } from '../../preload/contract/routing';
import type { Agent } from '../../preload/contract/model';
import { emptyLoad, Router, type AgentState } from './router';

export function agentStateOf(a: Agent, status?: Pick<AgentStatusRow, 'status' | 'not_ready_reason' | 'status_changed_at' | 'idle_since'>): AgentState {
  return {
    id: a.id,
    name: a.name,
    active: a.active,
    status: status?.status ?? a.status,
    notReadyReason: status?.not_ready_reason ?? a.notReadyReason,
    statusChangedAt: status?.status_changed_at ?? a.statusChangedAt,
    idleSince: status?.idle_since ?? status?.status_changed_at ?? a.statusChangedAt,
    skills: new Map(a.skills.map((s) => [s.skillId, s.level])),
    groups: new Set(a.groupIds),
    capacity: { ...a.capacity },
    load: emptyLoad(),
  };
}

export function routerFromRows(agents: readonly Agent[], statusRows: AgentStatusRow[], assigned: AssignedRow[], queue: QueueRow[]): Router {
  const router = new Router();
  const statuses = new Map(statusRows.map((r) => [r.id, r]));
  for (const a of agents) router.upsertAgent(agentStateOf(a, statuses.get(a.id)));
  for (const r of assigned) router.hold({ interactionId: r.id, agentId: r.assigned_agent_id, kind: r.channel_kind }, 0, false);
  for (const q of queue) {
    router.enqueue({ interactionId: q.id, kind: q.channel_kind, skillId: q.skill_id, minLevel: q.skill_level, groupId: q.group_id, priority: q.priority, queuedAt: q.queued_at ?? q.created_at });
  }
  return router;
}

/** What changed elsewhere: each interaction's current row replaces what memory had; statuses are copied. */
export function applyChangedRows(router: Router, rows: InteractionRoutingRow[], statuses: AgentStatusRow[]): void {
  for (const s of statuses) {
    const a = router.agents.get(s.id);
    if (!a) continue;
    a.status = s.status;
    a.notReadyReason = s.not_ready_reason;
    a.statusChangedAt = s.status_changed_at;
    a.idleSince = s.idle_since ?? s.status_changed_at;
  }
  for (const r of rows) {
    router.release(r.id);
    router.dequeue(r.id);
    if (r.state === 'queued') {
      router.enqueue({ interactionId: r.id, kind: r.channel_kind, skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id, priority: r.priority, queuedAt: r.queued_at ?? r.created_at });
    } else if (r.state === 'assigned' && r.assigned_agent_id != null) {
      router.hold({ interactionId: r.id, agentId: r.assigned_agent_id, kind: r.channel_kind }, 0, false);
    }
  }
}

/** The agents as the workspace and Admin show them: live status and load from memory, skills from the configuration. */
export function agentViews(router: Router, agents: readonly Agent[]): AgentRoutingState[] {
  const cfg = new Map(agents.map((a) => [a.id, a]));
  return [...router.agents.values()]
    .map((a) => ({
      id: a.id,
      name: a.name,
      active: a.active,
      status: a.status,
      notReadyReason: a.notReadyReason,
      statusChangedAt: a.statusChangedAt,
      idleSince: a.idleSince,
      capacity: { ...a.capacity },
      load: { ...a.load },
      skills: cfg.get(a.id)?.skills ?? [],
      groupIds: cfg.get(a.id)?.groupIds ?? [],
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}
