// The routing engine as a service: the pure Router (main/routing) kept in memory, every change written in
// the same raw transaction as the memory change, events pushed after commit. Start-up loads only the agents,
// what they hold, and the open queue. On PostgreSQL (team mode) the router is a cache of the shared queue:
// each transaction takes the queue's lock and catches up with the other seats before deciding
// (main/team/routingTx.ts), so no interaction goes to two agents and capacity holds across seats.
// The rules of the workspace's actions (accept, transfer, requeue, complete, status) are in ./routingActions.ts.
import type BetterSqlite3 from 'better-sqlite3';
import { rawTransaction, type DB } from '../../db/connection';
import { dialectOf } from '../../db/dialect';
import type { BufferedRoutingStore } from '../../db/repositories/routingPostgres';
import { RoutingStore, type AgentStatusRow, type InteractionRoutingRow, type RoutingOps } from '../../db/repositories/routingSqlite';
import { appendAudit } from '../../db/repositories/audit';
import type { AgentRoutingState, QueuedInteraction, RoutingOutcome, TransferTarget } from '../../preload/contract/routing';
import type { AgentStatus, ChannelKind } from '../../preload/contract/model';
import type { Clock } from '../clock';
import type { ConfigService } from '../config/service';
import type { ConfigSnapshot } from '../config/snapshot';
import { ParleyError } from '../errors';
import type { EventBus } from '../events';
import type { Logger } from '../log';
import { Router, type Assignment, type QueueEntry } from '../routing/router';
import { agentStateOf, agentViews, applyChangedRows, routerFromRows } from '../routing/rows';
import { acceptInteraction, agentOrThrow, changeAgentStatus, completeInteraction, requeueInteraction, returnToQueue, transferInteraction, type RoutingScope } from './routingActions';
import { describeQueued } from './routingViews';
import type { Availability, RouteTarget } from '../strategy/types';
import { PostgresRouting } from '../team/routingTx';

export interface RoutingDeps {
  db: DB;
  /** The raw connection on SQLite (routing's prepared statements); absent on PostgreSQL. */
  sqlite?: BetterSqlite3.Database;
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

/** The store outside a PostgreSQL transaction: nothing may be read or written there. */
const noTransaction = new Proxy({} as RoutingOps, {
  get: (_t, name) => () => {
    throw new Error(`routing.${String(name)} called outside a routing transaction`);
  },
});

type Decide<T> = (now: number, changes: RoutingChanges) => T;

export class RoutingService {
  private router = new Router();
  private store: RoutingOps;
  /** Set on PostgreSQL: the shared queue's transactions. */
  private readonly pg: PostgresRouting | null;
  private unsubscribe: (() => void) | null = null;
  /** Configuration changes being applied, in order; every action waits for them first. */
  private applying: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RoutingDeps) {
    if (dialectOf(deps.db) === 'postgres') {
      this.pg = new PostgresRouting(deps.db);
      this.store = noTransaction;
    } else {
      if (!deps.sqlite) throw new Error('RoutingService on SQLite needs the raw connection (deps.sqlite)');
      this.pg = null;
      this.store = new RoutingStore(deps.sqlite);
    }
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
    await this.run((now, changes) => this.persist(this.router.drainAll(now), now, changes));
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Rebuilds the in-memory state from the database (start-up, and after a failed transaction). */
  async reload(): Promise<void> {
    if (this.pg) {
      const s = await this.pg.loadAll();
      this.router = routerFromRows(this.deps.config.snapshot.agents, s.statuses, s.assigned, s.queue);
      return;
    }
    await rawTransaction({ db: this.deps.db, sqlite: this.deps.sqlite! }, () => {
      this.router = routerFromRows(this.deps.config.snapshot.agents, this.store.loadAgentStatuses(), this.store.loadAssigned(), this.store.loadQueue());
    });
  }

  /** PostgreSQL: what other seats changed, applied to memory; published with the next events of this seat. */
  private readonly catchUp = {
    apply: (rows: InteractionRoutingRow[], statuses: AgentStatusRow[]) => {
      applyChangedRows(this.router, rows, statuses);
      for (const r of rows) this.remote.interactions.add(Number(r.id));
      if (rows.length) this.remote.queue = true;
      for (const s of statuses) this.remote.agents.add(Number(s.id));
    },
  };
  private remote = new RoutingChanges();

  /** Team mode: the name this seat signs its notices with (null on SQLite). */
  get seat(): string | null {
    return this.pg?.seat ?? null;
  }

  private takeRemote(into: RoutingChanges): RoutingChanges {
    const r = this.remote;
    this.remote = new RoutingChanges();
    for (const id of r.interactions) into.interactions.add(id);
    for (const id of r.agents) into.agents.add(id);
    into.queue ||= r.queue;
    return into;
  }

  /**
   * Team mode: another seat changed the queue or agents. Brings memory up to date and says what changed
   * (the caller pushes the events). A no-op on SQLite, where this process is the only writer.
   */
  async refreshFromDatabase(): Promise<void> {
    if (!this.pg) return;
    await this.applying;
    try {
      await this.pg.catchUp(this.catchUp);
    } catch (e) {
      await this.reload();
      throw e;
    }
    // What the others changed reaches this seat's windows as the same events its own changes raise.
    this.publish(this.takeRemote(new RoutingChanges()));
  }

  /** Skills, groups, capacity or activity changed: update the agents and let the able ones take work. */
  private async applyAgentConfig(snapshot: ConfigSnapshot): Promise<void> {
    // Another seat may have given work to an agent this seat did not know yet: count their load afresh.
    if (this.pg) await this.reload();
    const inactiveWork = () => snapshot.agents.filter((a) => !a.active).flatMap((a) => this.router.workOf(a.id));
    await this.runNow((now, changes) => {
      const scope = this.scope();
      const statuses = new Map(this.store.loadAgentStatuses().map((r) => [r.id, r]));
      const known = new Set(snapshot.agents.map((a) => a.id));
      for (const id of [...this.router.agents.keys()]) if (!known.has(id)) this.router.removeAgent(id);
      for (const a of snapshot.agents) {
        this.router.upsertAgent(agentStateOf(a, statuses.get(a.id)));
        changes.agents.add(a.id);
        if (!a.active) for (const i of this.router.workOf(a.id)) returnToQueue(scope, now, changes, i, 'agent deactivated', a.id);
      }
      this.persist(this.router.drainAll(now), now, changes);
    }, inactiveWork);
  }

  // ---- the transaction wrapper ------------------------------------------------------------------------

  /**
   * Runs memory + database changes as one transaction; on failure the memory is rebuilt from the database.
   * `reads` names the interactions `fn` reads (PostgreSQL fetches them under the lock first).
   */
  async run<T>(fn: Decide<T>, reads?: () => number[]): Promise<T> {
    await this.applying;
    return this.runNow(fn, reads);
  }

  private async runNow<T>(fn: Decide<T>, reads?: () => number[]): Promise<T> {
    const changes = new RoutingChanges();
    const now = this.deps.clock.now();
    let result: T;
    try {
      result = this.pg
        ? await this.pg.transact(this.catchUp, (store) => this.using(store, () => fn(now, changes)), { prefetch: reads })
        : await rawTransaction({ db: this.deps.db, sqlite: this.deps.sqlite! }, () => fn(now, changes));
    } catch (e) {
      await this.reload();
      throw e;
    }
    this.publish(this.pg ? this.takeRemote(changes) : changes);
    return result;
  }

  /** What the workspace's actions decide with; taken inside the transaction, whose store it carries. */
  private scope(): RoutingScope {
    return { router: this.router, store: this.store, config: this.deps.config.snapshot, persist: (a, now, changes, kind) => this.persist(a, now, changes, kind) };
  }

  private using<T>(store: BufferedRoutingStore, fn: () => T): T {
    this.store = store;
    try {
      return fn();
    } finally {
      this.store = noTransaction;
    }
  }

  /**
   * PostgreSQL ingest: one transaction under the queue's lock in which `body` stores a batch and calls
   * routeNew for what it routes. The router is caught up first, so probe() answers for the whole team.
   */
  async ingestTransaction<T>(body: (trx: DB) => Promise<T>): Promise<T> {
    if (!this.pg) throw new Error('ingestTransaction is for PostgreSQL; SQLite ingest runs in rawTransaction');
    await this.applying;
    return this.pg.transact(this.catchUp, async (store, trx) => {
      this.store = store;
      try {
        return await body(trx);
      } finally {
        this.store = noTransaction;
      }
    });
  }

  publish(changes: RoutingChanges): void {
    const ev = this.deps.events;
    if (changes.interactions.size) ev.emit('interactions.changed', { ids: [...changes.interactions] });
    if (changes.queue || changes.interactions.size) ev.emit('queue.changed', { queued: this.router.queueSize });
    if (changes.agents.size) ev.emit('agents.changed', this.agents());
  }

  /** Writes assignments the router made (inside the caller's transaction). */
  persist(assignments: Assignment[], now: number, changes: RoutingChanges, kind = 'assigned'): void {
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
  routeNew(interactionId: number, kind: ChannelKind, t: RouteTarget, now: number, changes: RoutingChanges): Assignment | null {
    const entry: QueueEntry = { interactionId, kind, skillId: t.skillId, minLevel: t.minLevel, groupId: t.groupId, priority: t.priority, queuedAt: now };
    this.store.event(interactionId, now, 'queued', null, { skillId: t.skillId, minLevel: t.minLevel, groupId: t.groupId, priority: t.priority });
    const a = this.router.offer(entry, now);
    changes.interactions.add(interactionId);
    changes.queue = true;
    if (a) this.persist([a], now, changes);
    return a;
  }

  // ---- the agent workspace's API ---------------------------------------------------------------------

  agents(): AgentRoutingState[] {
    return agentViews(this.router, this.deps.config.snapshot.agents);
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
    return { total: this.router.queueSize, items: await describeQueued(this.deps.db, entries.map((e) => e.interactionId)) };
  }

  async workOf(agentId: number): Promise<QueuedInteraction[]> {
    return describeQueued(this.deps.db, this.router.workOf(agentId));
  }

  async setAgentStatus(agentId: number, status: AgentStatus, reason: string | null, actor: string): Promise<AgentRoutingState> {
    await this.applying;
    const now = this.deps.clock.now();
    const before = agentOrThrow(this.router, agentId);
    if (!before.active && status !== 'offline') throw new ParleyError('conflict', `${before.name} is deactivated; activate the agent in Admin first.`);
    const previous = { status: before.status, reason: before.notReadyReason };
    await this.run(
      (at, changes) => changeAgentStatus(this.scope(), at, changes, agentId, status, reason, previous.status),
      () => (status === 'offline' ? this.router.workOf(agentId) : []),
    );
    await appendAudit(this.deps.db, { at: now, actor, action: 'status', entity: 'agent', entityId: agentId, before: previous, after: { status, reason } });
    return this.agents().find((a) => a.id === agentId)!;
  }

  private async outcome(interactionId: number): Promise<RoutingOutcome> {
    const agentId = this.router.assignedTo(interactionId);
    if (agentId != null) return { interactionId, state: 'assigned', agentId };
    if (this.router.isQueued(interactionId)) return { interactionId, state: 'queued', agentId: null };
    const r = await this.deps.db.selectFrom('interaction').select(['state', 'assigned_agent_id']).where('id', '=', interactionId).executeTakeFirst();
    return { interactionId, state: r?.state === 'completed' ? 'completed' : 'queued', agentId: r?.assigned_agent_id ?? null };
  }

  /** The agent takes the interaction: their own offer (recorded), or one from the queue if they have a free slot. */
  async accept(interactionId: number, agentId: number): Promise<RoutingOutcome> {
    await this.run((now, changes) => acceptInteraction(this.scope(), now, changes, interactionId, agentId), () => [interactionId]);
    return this.outcome(interactionId);
  }

  /** A supervisor gives the interaction to an agent (capacity is respected). */
  async assign(interactionId: number, agentId: number, actor: string): Promise<RoutingOutcome> {
    return this.transfer(interactionId, { agentId }, actor);
  }

  async transfer(interactionId: number, to: TransferTarget, actor: string, note?: string): Promise<RoutingOutcome> {
    await this.run((now, changes) => transferInteraction(this.scope(), now, changes, interactionId, to, actor, note), () => [interactionId]);
    return this.outcome(interactionId);
  }

  async requeue(interactionId: number, actor: string, reason?: string): Promise<RoutingOutcome> {
    await this.run((now, changes) => requeueInteraction(this.scope(), now, changes, interactionId, actor, reason), () => [interactionId]);
    return this.outcome(interactionId);
  }

  /** Completes with a disposition code (required), frees the agent's slot and gives them the next one. */
  async complete(interactionId: number, dispositionCodeId: number, note: string | null, actor: string): Promise<RoutingOutcome> {
    const disposition = this.deps.config.snapshot.dispositions.find((d) => d.id === dispositionCodeId);
    if (!disposition || !disposition.active) {
      throw new ParleyError('invalid_input', 'Choose an active disposition code to complete the interaction.', { dispositionCodeId: disposition ? `"${disposition.label}" is no longer active` : 'Choose a disposition code' });
    }
    await this.run((now, changes) => completeInteraction(this.scope(), now, changes, interactionId, disposition, note, actor), () => [interactionId]);
    return { interactionId, state: 'completed', agentId: null };
  }

  /** The first reply an agent sent (reports: first response time). Idempotent. */
  async recordFirstResponse(interactionId: number, agentId: number | null, at: number): Promise<boolean> {
    return this.run((now, changes) => {
      if (!this.store.firstResponse(interactionId, at, now)) return false;
      this.store.event(interactionId, at, 'first_response', agentId);
      changes.interactions.add(interactionId);
      return true;
    }, () => [interactionId]);
  }
}
