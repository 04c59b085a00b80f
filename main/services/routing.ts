// The routing engine as a service: the pure Router (main/routing) kept in memory, every change written in
// the same raw transaction as the memory change, events pushed after commit. Start-up loads only the agents,
// what they hold, and the open queue.
import type BetterSqlite3 from 'better-sqlite3';
import { rawTransaction, type DB } from '../../db/connection';
import { RoutingStore } from '../../db/repositories/routingSqlite';
import { appendAudit } from '../../db/repositories/audit';
import type { AgentRoutingState, QueuedInteraction, RoutingOutcome, TransferTarget } from '../../preload/contract/routing';
import type { Agent, AgentStatus, ChannelKind } from '../../preload/contract/model';
import type { Clock } from '../clock';
import type { ConfigService } from '../config/service';
import type { ConfigSnapshot } from '../config/snapshot';
import { notFound, ParleyError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { emptyLoad, Router, type AgentState, type Assignment, type QueueEntry } from '../routing/router';
import type { Availability, RouteTarget } from '../strategy/types';

export interface RoutingDeps {
  db: DB;
  sqlite: BetterSqlite3.Database;
  clock: Clock;
  events: EventBus;
  log: Logger;
  config: ConfigService;
}

/** What one transaction changed, for the events pushed after it commits. */
export class RoutingChanges {
  readonly interactions = new Set<number>();
  readonly agents = new Set<number>();
  queue = false;
}

const openStates = new Set(['new', 'queued', 'assigned', 'auto_handled']);

export class RoutingService {
  private router = new Router();
  private store: RoutingStore;
  private unsubscribe: (() => void) | null = null;
  /** Configuration changes being applied, in order; every action waits for them first. */
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RoutingDeps) {
    this.store = new RoutingStore(deps.sqlite);
  }

  // ---- life cycle ---------------------------------------------------------------------------------

  async start(): Promise<void> {
    await this.reload();
    this.unsubscribe = this.deps.config.subscribe((parts, snapshot) => {
      // A deleted skill or group leaves its waiting interactions open to any agent (the foreign keys set it
      // to null), so the queue is read again; other agent changes are applied in place.
      const rereadQueue = parts.includes('skills') || parts.includes('groups');
      if (!rereadQueue && !parts.includes('agents')) return;
      this.applying = this.applying
        .then(async () => {
          if (rereadQueue) await this.reload();
          await this.applyAgentConfig(snapshot);
        })
        .catch((e) => this.deps.log.error('routing could not apply agent changes', { error: e }));
    });
    // Agents Ready when the app last stopped take queued work now.
    await this.run((sq, now, changes) => this.persist(sq, this.router.drainAll(now), now, changes));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Rebuilds the in-memory state from the database (start-up, and after a failed transaction). */
  async reload(): Promise<void> {
    await rawTransaction(this.deps, () => {
      const router = new Router();
      const statuses = new Map(this.store.loadAgentStatuses().map((r) => [r.id, r]));
      for (const a of this.deps.config.snapshot.agents) router.upsertAgent(this.agentState(a, statuses.get(a.id)));
      for (const r of this.store.loadAssigned()) router.hold({ interactionId: r.id, agentId: r.assigned_agent_id, kind: r.channel_kind }, 0, false);
      for (const q of this.store.loadQueue()) {
        router.enqueue({ interactionId: q.id, kind: q.channel_kind, skillId: q.skill_id, minLevel: q.skill_level, groupId: q.group_id, priority: q.priority, queuedAt: q.queued_at ?? q.created_at });
      }
      this.router = router;
    });
  }

  private agentState(a: Agent, status?: { status: AgentStatus; not_ready_reason: string | null; status_changed_at: number; idle_since: number | null }): AgentState {
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

  /** Skills, groups, capacity or activity changed: update the agents and let the able ones take work. */
  private async applyAgentConfig(snapshot: ConfigSnapshot): Promise<void> {
    await this.runNow((sq, now, changes) => {
      const statuses = new Map(this.store.loadAgentStatuses().map((r) => [r.id, r]));
      const known = new Set(snapshot.agents.map((a) => a.id));
      for (const id of [...this.router.agents.keys()]) if (!known.has(id)) this.router.removeAgent(id);
      for (const a of snapshot.agents) {
        this.router.upsertAgent(this.agentState(a, statuses.get(a.id)));
        changes.agents.add(a.id);
        if (!a.active) for (const i of this.router.workOf(a.id)) this.returnToQueue(sq, i, now, changes, 'agent deactivated', a.id);
      }
      this.persist(sq, this.router.drainAll(now), now, changes);
    });
  }

  // ---- the transaction wrapper ------------------------------------------------------------------------

  /** Runs memory + database changes as one transaction; on failure the memory is rebuilt from the database. */
  async run<T>(fn: (sq: BetterSqlite3.Database, now: number, changes: RoutingChanges) => T): Promise<T> {
    await this.applying;
    return this.runNow(fn);
  }

  private async runNow<T>(fn: (sq: BetterSqlite3.Database, now: number, changes: RoutingChanges) => T): Promise<T> {
    const changes = new RoutingChanges();
    const now = this.deps.clock.now();
    let result: T;
    try {
      result = await rawTransaction(this.deps, (sq) => fn(sq, now, changes));
    } catch (e) {
      await this.reload();
      throw e;
    }
    this.publish(changes);
    return result;
  }

  publish(changes: RoutingChanges): void {
    const ev = this.deps.events;
    if (changes.interactions.size) ev.emit('interactions.changed', { ids: [...changes.interactions] });
    if (changes.queue || changes.interactions.size) ev.emit('queue.changed', { queued: this.router.queueSize });
    if (changes.agents.size) ev.emit('agents.changed', this.agents());
  }

  /** Writes assignments the router made (inside the caller's transaction). */
  persist(_sq: BetterSqlite3.Database, assignments: Assignment[], now: number, changes: RoutingChanges, kind = 'assigned'): void {
    for (const a of assignments) {
      this.store.setAssigned(a.interactionId, a.agentId, now);
      this.store.setAgentIdle(a.agentId, now);
      this.store.event(a.interactionId, now, kind, a.agentId);
      changes.interactions.add(a.interactionId);
      changes.agents.add(a.agentId);
      changes.queue = true;
    }
  }

  // ---- used by ingest, inside its transaction ---------------------------------------------------------------

  probe(target: RouteTarget, kind: ChannelKind): Availability {
    return this.router.probe(target, kind);
  }

  /** A new interaction that the strategy routes: to an agent now, or into the queue. Same transaction as ingest. */
  routeNew(sq: BetterSqlite3.Database, interactionId: number, kind: ChannelKind, t: RouteTarget, now: number, changes: RoutingChanges): Assignment | null {
    const entry: QueueEntry = { interactionId, kind, skillId: t.skillId, minLevel: t.minLevel, groupId: t.groupId, priority: t.priority, queuedAt: now };
    this.store.event(interactionId, now, 'queued', null, { skillId: t.skillId, minLevel: t.minLevel, groupId: t.groupId, priority: t.priority });
    const a = this.router.offer(entry, now);
    changes.interactions.add(interactionId);
    changes.queue = true;
    if (a) this.persist(sq, [a], now, changes);
    return a;
  }

  // ---- the agent workspace's API ---------------------------------------------------------------------

  agents(): AgentRoutingState[] {
    const cfg = new Map(this.deps.config.snapshot.agents.map((a) => [a.id, a]));
    return [...this.router.agents.values()]
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

  get queueSize(): number {
    return this.router.queueSize;
  }

  /** Every queued interaction in waiting order, from memory (the agent inbox pages through this). */
  queuedInOrder(): QueueEntry[] {
    return this.router.queueInOrder();
  }

  /** The first `limit` queued interactions in waiting order, with what a queue row shows. */
  async queue(limit: number): Promise<{ total: number; items: QueuedInteraction[] }> {
    const entries = this.router.queueInOrder(limit);
    return { total: this.router.queueSize, items: await this.describe(entries.map((e) => e.interactionId)) };
  }

  async workOf(agentId: number): Promise<QueuedInteraction[]> {
    return this.describe(this.router.workOf(agentId));
  }

  private async describe(ids: number[]): Promise<QueuedInteraction[]> {
    if (ids.length === 0) return [];
    const rows = await this.deps.db
      .selectFrom('interaction as i')
      .innerJoin('contact as c', 'c.id', 'i.contact_id')
      .select(['i.id', 'i.network', 'i.channel_kind', 'i.subject', 'i.contact_id', 'c.display_name', 'i.priority', 'i.queued_at', 'i.created_at', 'i.skill_id', 'i.skill_level', 'i.group_id'])
      .where('i.id', 'in', ids)
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.flatMap((id) => {
      const r = byId.get(id);
      return r
        ? [{ interactionId: r.id, network: r.network, channelKind: r.channel_kind, subject: r.subject, contactId: r.contact_id, contactName: r.display_name, priority: r.priority, queuedAt: r.queued_at ?? r.created_at, skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id }]
        : [];
    });
  }

  private agentOrThrow(agentId: number): AgentState {
    const a = this.router.agents.get(agentId);
    if (!a) throw notFound('Agent', agentId);
    return a;
  }

  private interactionOrThrow(id: number) {
    const r = this.store.get(id);
    if (!r) throw notFound('Interaction', id);
    return r;
  }

  async setAgentStatus(agentId: number, status: AgentStatus, reason: string | null, actor: string): Promise<AgentRoutingState> {
    await this.applying;
    const now = this.deps.clock.now();
    const before = this.agentOrThrow(agentId);
    if (!before.active && status !== 'offline') throw new ParleyError('conflict', `${before.name} is deactivated; activate the agent in Admin first.`);
    const previous = { status: before.status, reason: before.notReadyReason };
    await this.run((sq, at, changes) => {
      const a = this.agentOrThrow(agentId);
      a.status = status;
      a.notReadyReason = status === 'not_ready' ? reason : null;
      a.statusChangedAt = at;
      if (status === 'ready' && previous.status !== 'ready') a.idleSince = at;
      this.store.setAgentStatus(agentId, status, a.notReadyReason, at, a.idleSince);
      changes.agents.add(agentId);
      // Offline: unfinished work goes back to the queue (and to another agent if one is able).
      if (status === 'offline') for (const i of this.router.workOf(agentId)) this.returnToQueue(sq, i, at, changes, 'agent went offline', agentId);
      if (status === 'ready') this.persist(sq, this.router.drainFor(agentId, at), at, changes);
    });
    await appendAudit(this.deps.db, { at: now, actor, action: 'status', entity: 'agent', entityId: agentId, before: previous, after: { status, reason } });
    return this.agents().find((a) => a.id === agentId)!;
  }

  /** Back to the queue, offered to another able agent first. Caller is inside a transaction. */
  private returnToQueue(sq: BetterSqlite3.Database, interactionId: number, now: number, changes: RoutingChanges, why: string, fromAgent: number | null): Assignment | null {
    const r = this.store.get(interactionId);
    if (!r) return null;
    this.router.release(interactionId);
    const entry: QueueEntry = { interactionId, kind: r.channel_kind, skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id, priority: r.priority, queuedAt: r.queued_at ?? r.created_at };
    this.store.setQueued(interactionId, { skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id, priority: r.priority }, now);
    this.store.event(interactionId, now, 'requeued', fromAgent, { reason: why });
    changes.interactions.add(interactionId);
    changes.queue = true;
    if (fromAgent != null) changes.agents.add(fromAgent);
    const a = this.router.offer(entry, now, fromAgent ?? undefined);
    if (a) this.persist(sq, [a], now, changes);
    return a;
  }

  private outcome(interactionId: number): RoutingOutcome {
    const agentId = this.router.assignedTo(interactionId);
    if (agentId != null) return { interactionId, state: 'assigned', agentId };
    if (this.router.isQueued(interactionId)) return { interactionId, state: 'queued', agentId: null };
    const r = this.store.get(interactionId);
    return { interactionId, state: r?.state === 'completed' ? 'completed' : 'queued', agentId: r?.assigned_agent_id ?? null };
  }

  /** The agent takes the interaction: their own offer (recorded), or one from the queue if they have a free slot. */
  async accept(interactionId: number, agentId: number): Promise<RoutingOutcome> {
    await this.run((_sq, now, changes) => {
      const r = this.interactionOrThrow(interactionId);
      const agent = this.agentOrThrow(agentId);
      const holder = this.router.assignedTo(interactionId);
      if (holder === agentId) {
        this.store.event(interactionId, now, 'accepted', agentId);
        changes.interactions.add(interactionId);
        return;
      }
      if (holder != null) throw new ParleyError('conflict', `Interaction ${interactionId} is already with another agent.`);
      if (r.state !== 'queued') throw new ParleyError('conflict', `Interaction ${interactionId} is not waiting in the queue (it is ${r.state.replace('_', ' ')}).`);
      if (agent.status === 'offline' || !agent.active) throw new ParleyError('conflict', `${agent.name} is offline.`);
      if (agent.load[r.channel_kind] >= agent.capacity[r.channel_kind]) throw new ParleyError('conflict', `${agent.name} has no free ${r.channel_kind} slot (capacity ${agent.capacity[r.channel_kind]}).`);
      const a = { interactionId, agentId, kind: r.channel_kind };
      this.router.hold(a, now);
      this.persist(_sq, [a], now, changes, 'accepted');
    });
    return this.outcome(interactionId);
  }

  /** A supervisor gives the interaction to an agent (capacity is respected). */
  async assign(interactionId: number, agentId: number, actor: string): Promise<RoutingOutcome> {
    return this.transfer(interactionId, { agentId }, actor);
  }

  async transfer(interactionId: number, to: TransferTarget, actor: string, note?: string): Promise<RoutingOutcome> {
    await this.run((sq, now, changes) => {
      const r = this.interactionOrThrow(interactionId);
      if (!openStates.has(r.state)) throw new ParleyError('conflict', `Interaction ${interactionId} is ${r.state}; only open interactions can be transferred.`);
      const from = this.router.assignedTo(interactionId);
      const detail = { from, to, note: note ?? null, by: actor };
      if ('agentId' in to) {
        const agent = this.agentOrThrow(to.agentId);
        if (!agent.active || agent.status === 'offline') throw new ParleyError('conflict', `${agent.name} is offline and cannot take it.`);
        if (from === to.agentId) return;
        if (agent.load[r.channel_kind] >= agent.capacity[r.channel_kind]) throw new ParleyError('conflict', `${agent.name} has no free ${r.channel_kind} slot (capacity ${agent.capacity[r.channel_kind]}).`);
        if (from != null) this.router.release(interactionId);
        this.router.dequeue(interactionId);
        const a = { interactionId, agentId: to.agentId, kind: r.channel_kind };
        this.router.hold(a, now);
        this.store.event(interactionId, now, 'transferred', from, detail);
        this.persist(sq, [a], now, changes);
      } else {
        const target: RouteTarget =
          'groupId' in to
            ? { skillId: null, minLevel: null, groupId: to.groupId, priority: to.priority ?? r.priority }
            : { skillId: to.skillId, minLevel: to.minLevel, groupId: null, priority: to.priority ?? r.priority };
        const known = this.deps.config.snapshot;
        if (target.groupId != null && !known.groups.some((g) => g.id === target.groupId)) throw notFound('Agent group', target.groupId);
        if (target.skillId != null && !known.skills.some((s) => s.id === target.skillId)) throw notFound('Skill', target.skillId);
        if (from != null) this.router.release(interactionId);
        this.store.setQueued(interactionId, target, now);
        this.store.event(interactionId, now, 'transferred', from, detail);
        const a = this.router.offer({ interactionId, kind: r.channel_kind, ...target, queuedAt: r.queued_at ?? now }, now, from ?? undefined);
        if (a) this.persist(sq, [a], now, changes);
      }
      changes.interactions.add(interactionId);
      changes.queue = true;
      if (from != null) {
        changes.agents.add(from);
        this.persist(sq, this.router.drainFor(from, now), now, changes);
      }
    });
    return this.outcome(interactionId);
  }

  async requeue(interactionId: number, actor: string, reason?: string): Promise<RoutingOutcome> {
    await this.run((sq, now, changes) => {
      const r = this.interactionOrThrow(interactionId);
      if (!openStates.has(r.state)) throw new ParleyError('conflict', `Interaction ${interactionId} is ${r.state}; it cannot go back to the queue.`);
      this.returnToQueue(sq, interactionId, now, changes, reason ?? `requeued by ${actor}`, this.router.assignedTo(interactionId));
    });
    return this.outcome(interactionId);
  }

  /** Completes with a disposition code (required), frees the agent's slot and gives them the next one. */
  async complete(interactionId: number, dispositionCodeId: number, note: string | null, actor: string): Promise<RoutingOutcome> {
    const disposition = this.deps.config.snapshot.dispositions.find((d) => d.id === dispositionCodeId);
    if (!disposition || !disposition.active) {
      throw new ParleyError('invalid_input', 'Choose an active disposition code to complete the interaction.', { dispositionCodeId: disposition ? `"${disposition.label}" is no longer active` : 'Choose a disposition code' });
    }
    await this.run((sq, now, changes) => {
      const r = this.interactionOrThrow(interactionId);
      if (r.state === 'completed') throw new ParleyError('conflict', `Interaction ${interactionId} is already completed.`);
      if (r.state === 'ignored') throw new ParleyError('conflict', `Interaction ${interactionId} was ignored as spam; there is nothing to complete.`);
      const holder = this.router.release(interactionId);
      this.router.dequeue(interactionId);
      this.store.complete(interactionId, dispositionCodeId, note, now);
      this.store.event(interactionId, now, 'completed', holder, { dispositionCodeId, code: disposition.code, by: actor });
      changes.interactions.add(interactionId);
      changes.queue = true;
      if (holder != null) {
        changes.agents.add(holder);
        this.persist(sq, this.router.drainFor(holder, now), now, changes);
      }
    });
    return { interactionId, state: 'completed', agentId: null };
  }

  /** The first reply an agent sent (reports: first response time). Idempotent. */
  async recordFirstResponse(interactionId: number, agentId: number | null, at: number): Promise<boolean> {
    return this.run((_sq, now, changes) => {
      if (!this.store.firstResponse(interactionId, at, now)) return false;
      this.store.event(interactionId, at, 'first_response', agentId);
      changes.interactions.add(interactionId);
      return true;
    });
  }
}
