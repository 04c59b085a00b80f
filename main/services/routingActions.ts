// What the agent workspace does to routing (status, accept, transfer, requeue, complete): the rules each
// action checks and what it changes in memory and in the store. Each runs inside the transaction that
// RoutingService opens for it, which also publishes the changes and rebuilds memory if it fails.
import type { RoutingOps } from '../../db/repositories/routingSqlite';
import type { TransferTarget } from '../../preload/contract/routing';
import type { AgentStatus } from '../../preload/contract/model';
import type { ConfigSnapshot } from '../config/snapshot';
import { notFound, ParleyError } from '../errors';
import type { AgentState, Assignment, QueueEntry, Router } from '../routing/router';
import type { RouteTarget } from '../strategy/types';
import type { RoutingChanges } from './routing';

/** What an action works on, taken inside the transaction (on PostgreSQL the store is that transaction's). */
export interface RoutingScope {
  router: Router;
  store: RoutingOps;
  config: ConfigSnapshot;
  /** RoutingService.persist: writes the assignments the router made. */
  persist(assignments: Assignment[], now: number, changes: RoutingChanges, kind?: string): void;
}

const openStates = new Set(['new', 'queued', 'assigned', 'auto_handled']);

export function agentOrThrow(router: Router, agentId: number): AgentState {
  const a = router.agents.get(agentId);
  if (!a) throw notFound('Agent', agentId);
  return a;
}

function interactionOrThrow(store: RoutingOps, id: number) {
  const r = store.get(id);
  if (!r) throw notFound('Interaction', id);
  return r;
}

/** Ready takes queued work now; Offline hands unfinished work back to the queue. */
export function changeAgentStatus(s: RoutingScope, at: number, changes: RoutingChanges, agentId: number, status: AgentStatus, reason: string | null, previousStatus: AgentStatus): void {
  const a = agentOrThrow(s.router, agentId);
  a.status = status;
  a.notReadyReason = status === 'not_ready' ? reason : null;
  a.statusChangedAt = at;
  if (status === 'ready' && previousStatus !== 'ready') a.idleSince = at;
  s.store.setAgentStatus(agentId, status, a.notReadyReason, at, a.idleSince);
  changes.agents.add(agentId);
  // Offline: unfinished work goes back to the queue (and to another agent if one is able).
  if (status === 'offline') for (const i of s.router.workOf(agentId)) returnToQueue(s, at, changes, i, 'agent went offline', agentId);
  if (status === 'ready') s.persist(s.router.drainFor(agentId, at), at, changes);
}

/** Back to the queue, offered to another able agent first. */
export function returnToQueue(s: RoutingScope, now: number, changes: RoutingChanges, interactionId: number, why: string, fromAgent: number | null): Assignment | null {
  const r = s.store.get(interactionId);
  if (!r) return null;
  s.router.release(interactionId);
  const entry: QueueEntry = { interactionId, kind: r.channel_kind, skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id, priority: r.priority, queuedAt: r.queued_at ?? r.created_at };
  s.store.setQueued(interactionId, { skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id, priority: r.priority }, now);
  s.store.event(interactionId, now, 'requeued', fromAgent, { reason: why });
  changes.interactions.add(interactionId);
  changes.queue = true;
  if (fromAgent != null) changes.agents.add(fromAgent);
  const a = s.router.offer(entry, now, fromAgent ?? undefined);
  if (a) s.persist([a], now, changes);
  return a;
}

/** The agent takes the interaction: their own offer (recorded), or one from the queue if they have a free slot. */
export function acceptInteraction(s: RoutingScope, now: number, changes: RoutingChanges, interactionId: number, agentId: number): void {
  const r = interactionOrThrow(s.store, interactionId);
  const agent = agentOrThrow(s.router, agentId);
  const holder = s.router.assignedTo(interactionId);
  if (holder === agentId) {
    s.store.event(interactionId, now, 'accepted', agentId);
    changes.interactions.add(interactionId);
    return;
  }
  if (holder != null) throw new ParleyError('conflict', `Interaction ${interactionId} is already with another agent.`);
  if (r.state !== 'queued') throw new ParleyError('conflict', `Interaction ${interactionId} is not waiting in the queue (it is ${r.state.replace('_', ' ')}).`);
  if (agent.status === 'offline' || !agent.active) throw new ParleyError('conflict', `${agent.name} is offline.`);
  if (agent.load[r.channel_kind] >= agent.capacity[r.channel_kind]) throw new ParleyError('conflict', `${agent.name} has no free ${r.channel_kind} slot (capacity ${agent.capacity[r.channel_kind]}).`);
  const a = { interactionId, agentId, kind: r.channel_kind };
  s.router.hold(a, now);
  s.persist([a], now, changes, 'accepted');
}

/** To an agent (capacity is respected), or back to the queue for a group or a skill; the sender takes their next one. */
export function transferInteraction(s: RoutingScope, now: number, changes: RoutingChanges, interactionId: number, to: TransferTarget, actor: string, note?: string): void {
  const r = interactionOrThrow(s.store, interactionId);
  if (!openStates.has(r.state)) throw new ParleyError('conflict', `Interaction ${interactionId} is ${r.state}; only open interactions can be transferred.`);
  const from = s.router.assignedTo(interactionId);
  const detail = { from, to, note: note ?? null, by: actor };
  if ('agentId' in to) {
    const agent = agentOrThrow(s.router, to.agentId);
    if (!agent.active || agent.status === 'offline') throw new ParleyError('conflict', `${agent.name} is offline and cannot take it.`);
    if (from === to.agentId) return;
    if (agent.load[r.channel_kind] >= agent.capacity[r.channel_kind]) throw new ParleyError('conflict', `${agent.name} has no free ${r.channel_kind} slot (capacity ${agent.capacity[r.channel_kind]}).`);
    if (from != null) s.router.release(interactionId);
    s.router.dequeue(interactionId);
    const a = { interactionId, agentId: to.agentId, kind: r.channel_kind };
    s.router.hold(a, now);
    s.store.event(interactionId, now, 'transferred', from, detail);
    s.persist([a], now, changes);
  } else {
    const target: RouteTarget =
      'groupId' in to
        ? { skillId: null, minLevel: null, groupId: to.groupId, priority: to.priority ?? r.priority }
        : { skillId: to.skillId, minLevel: to.minLevel, groupId: null, priority: to.priority ?? r.priority };
    const known = s.config;
    if (target.groupId != null && !known.groups.some((g) => g.id === target.groupId)) throw notFound('Agent group', target.groupId);
    if (target.skillId != null && !known.skills.some((k) => k.id === target.skillId)) throw notFound('Skill', target.skillId);
    if (from != null) s.router.release(interactionId);
    s.store.setQueued(interactionId, target, now);
    s.store.event(interactionId, now, 'transferred', from, detail);
    const a = s.router.offer({ interactionId, kind: r.channel_kind, ...target, queuedAt: r.queued_at ?? now }, now, from ?? undefined);
    if (a) s.persist([a], now, changes);
  }
  changes.interactions.add(interactionId);
  changes.queue = true;
  if (from != null) {
    changes.agents.add(from);
    s.persist(s.router.drainFor(from, now), now, changes);
  }
}

export function requeueInteraction(s: RoutingScope, now: number, changes: RoutingChanges, interactionId: number, actor: string, reason?: string): void {
  const r = interactionOrThrow(s.store, interactionId);
  if (!openStates.has(r.state)) throw new ParleyError('conflict', `Interaction ${interactionId} is ${r.state}; it cannot go back to the queue.`);
  returnToQueue(s, now, changes, interactionId, reason ?? `requeued by ${actor}`, s.router.assignedTo(interactionId));
}

/** Completes with a disposition code (checked active by the caller), frees the agent's slot and gives them the next one. */
export function completeInteraction(
  s: RoutingScope,
  now: number,
  changes: RoutingChanges,
  interactionId: number,
  disposition: { id: number; code: string },
  note: string | null,
  actor: string,
): void {
  const r = interactionOrThrow(s.store, interactionId);
  if (r.state === 'completed') throw new ParleyError('conflict', `Interaction ${interactionId} is already completed.`);
  if (r.state === 'ignored') throw new ParleyError('conflict', `Interaction ${interactionId} was ignored as spam; there is nothing to complete.`);
  const holder = s.router.release(interactionId);
  s.router.dequeue(interactionId);
  s.store.complete(interactionId, disposition.id, note, now);
  s.store.event(interactionId, now, 'completed', holder, { dispositionCodeId: disposition.id, code: disposition.code, by: actor });
  changes.interactions.add(interactionId);
  changes.queue = true;
  if (holder != null) {
    changes.agents.add(holder);
    s.persist(s.router.drainFor(holder, now), now, changes);
  }
}
