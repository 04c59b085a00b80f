// Who gets what next, in memory. Pure: every method takes `now` and returns what changed; the routing
// service persists it in the same transaction. Invariant kept by every mutation: no able agent could take
// any queued interaction (so a newcomer never jumps a queue some free agent could serve).
//  - An interaction goes to a Ready, active agent with the required skill level (or in the group) and a
//    free slot for its channel kind; among those, the longest idle (least recently assigned or made Ready).
//  - Otherwise it waits; waiting order is priority (high first), then age (oldest first), then id.
import type { AgentStatus, Capacity, ChannelKind } from '../../preload/contract/model';
import { Heap } from './heap';
import type { Availability, RouteTarget } from '../strategy/types';

export const channelKinds: readonly ChannelKind[] = ['mention', 'dm', 'post', 'comment', 'messenger'];

export interface AgentState {
  id: number;
  name: string;
  active: boolean;
  status: AgentStatus;
  notReadyReason: string | null;
  statusChangedAt: number;
  /** Longest-idle-first reads this: when the agent last got work or became Ready. */
  idleSince: number;
  skills: Map<number, number>;
  groups: Set<number>;
  capacity: Capacity;
  load: Record<ChannelKind, number>;
}

export interface QueueEntry {
  interactionId: number;
  kind: ChannelKind;
  skillId: number | null;
  minLevel: number | null;
  groupId: number | null;
  priority: number;
  queuedAt: number;
}

export interface Assignment {
  interactionId: number;
  agentId: number;
  kind: ChannelKind;
}

const before = (a: QueueEntry, b: QueueEntry) =>
  a.priority !== b.priority ? a.priority > b.priority : a.queuedAt !== b.queuedAt ? a.queuedAt < b.queuedAt : a.interactionId < b.interactionId;

export function requirementKey(e: Pick<QueueEntry, 'skillId' | 'minLevel' | 'groupId'>): string {
  if (e.skillId != null) return `s:${e.skillId}:${e.minLevel ?? 1}`;
  if (e.groupId != null) return `g:${e.groupId}`;
  return 'any';
}

export const emptyLoad = (): Record<ChannelKind, number> => ({ mention: 0, dm: 0, post: 0, comment: 0, messenger: 0 });

export class Router {
  readonly agents = new Map<number, AgentState>();
  private readonly queues = new Map<string, Heap<QueueEntry>>(); // `${kind}|${requirement}`
  // Which queues exist, by what they require, so an agent looks only at the queues it could serve.
  private readonly anyQueue = new Map<ChannelKind, string>();
  private readonly groupQueues = new Map<ChannelKind, Map<number, string>>();
  private readonly skillQueues = new Map<ChannelKind, Map<number, Map<number, string>>>(); // skill -> min level -> key
  private readonly queued = new Map<number, QueueEntry>();
  private readonly assigned = new Map<number, { agentId: number; kind: ChannelKind }>();

  // ---- agents -----------------------------------------------------------------------------------

  upsertAgent(a: AgentState): void {
    const prev = this.agents.get(a.id);
    if (prev) a.load = prev.load; // load follows the assignments, not the configuration
    this.agents.set(a.id, a);
  }

  removeAgent(id: number): void {
    this.agents.delete(id);
  }

  isAble(a: AgentState, kind?: ChannelKind): boolean {
    if (!a.active || a.status !== 'ready') return false;
    if (kind) return a.load[kind] < a.capacity[kind];
    return channelKinds.some((k) => a.load[k] < a.capacity[k]);
  }

  qualifies(a: AgentState, t: Pick<QueueEntry, 'skillId' | 'minLevel' | 'groupId'>): boolean {
    if (t.skillId != null) return (a.skills.get(t.skillId) ?? 0) >= (t.minLevel ?? 1);
    if (t.groupId != null) return a.groups.has(t.groupId);
    return true;
  }

  /** The agent who would get it now, without changing anything. */
  bestAgent(t: Pick<QueueEntry, 'skillId' | 'minLevel' | 'groupId'>, kind: ChannelKind, exclude?: number): AgentState | null {
    let best: AgentState | null = null;
    for (const a of this.agents.values()) {
      if (a.id === exclude || !this.isAble(a, kind) || !this.qualifies(a, t)) continue;
      if (!best || a.idleSince < best.idleSince || (a.idleSince === best.idleSince && a.id < best.id)) best = a;
    }
    return best;
  }

  probe(t: RouteTarget, kind: ChannelKind): Availability {
    // One pass finds the best agent and, when there is none, counts why (ingest probes every message,
    // and in a backlog nobody is free, so this is the common path).
    let best: AgentState | null = null;
    let suitable = 0;
    let ready = 0;
    for (const a of this.agents.values()) {
      if (!a.active || !this.qualifies(a, t)) continue;
      suitable++;
      if (a.status !== 'ready') continue;
      ready++;
      if (a.load[kind] >= a.capacity[kind]) continue;
      if (!best || a.idleSince < best.idleSince || (a.idleSince === best.idleSince && a.id < best.id)) best = a;
    }
    if (best) return { available: true, agentId: best.id, reason: `${best.name} is Ready with a free ${kind} slot and has waited longest.` };
    if (suitable === 0) return { available: false, agentId: null, reason: 'No active agent has the required skill or group; it waits in the queue.' };
    if (ready === 0) return { available: false, agentId: null, reason: `None of the ${suitable} suitable agent(s) is Ready; it waits in the queue.` };
    return { available: false, agentId: null, reason: `All ${ready} Ready suitable agent(s) are at capacity for ${kind}; it waits in the queue.` };
  }

  // ---- queue ----------------------------------------------------------------------------------

  get queueSize(): number {
    return this.queued.size;
  }

  isQueued(interactionId: number): boolean {
    return this.queued.has(interactionId);
  }

  assignedTo(interactionId: number): number | null {
    return this.assigned.get(interactionId)?.agentId ?? null;
  }

  /** Interactions held by an agent. */
  workOf(agentId: number): number[] {
    return [...this.assigned].filter(([, v]) => v.agentId === agentId).map(([id]) => id);
  }

  /** Puts an interaction in the queue without looking for an agent (loading, or when forced). */
  enqueue(e: QueueEntry): void {
    this.dequeue(e.interactionId);
    const key = `${e.kind}|${requirementKey(e)}`;
    let heap = this.queues.get(key);
    if (!heap) {
      heap = new Heap(before);
      this.queues.set(key, heap);
      if (e.skillId != null) {
        const bySkill = this.skillQueues.get(e.kind) ?? new Map<number, Map<number, string>>();
        const byLevel = bySkill.get(e.skillId) ?? new Map<number, string>();
        byLevel.set(e.minLevel ?? 1, key);
        bySkill.set(e.skillId, byLevel);
        this.skillQueues.set(e.kind, bySkill);
      } else if (e.groupId != null) {
        const byGroup = this.groupQueues.get(e.kind) ?? new Map<number, string>();
        byGroup.set(e.groupId, key);
        this.groupQueues.set(e.kind, byGroup);
      } else this.anyQueue.set(e.kind, key);
    }
    heap.push(e);
    this.queued.set(e.interactionId, e);
  }

  /** Removes an interaction from the queue (lazily from its heap). */
  dequeue(interactionId: number): QueueEntry | null {
    const e = this.queued.get(interactionId) ?? null;
    this.queued.delete(interactionId);
    return e;
  }

  /** Records that an agent holds an interaction (loading, or an assignment decided elsewhere). */
  hold(a: Assignment, now: number, touchIdle = true): void {
    this.dequeue(a.interactionId);
    const agent = this.agents.get(a.agentId);
    this.assigned.set(a.interactionId, { agentId: a.agentId, kind: a.kind });
    if (agent) {
      agent.load[a.kind] += 1;
      if (touchIdle) agent.idleSince = now;
    }
  }

  /** Frees the agent's slot; returns who held it. */
  release(interactionId: number): number | null {
    const held = this.assigned.get(interactionId);
    if (!held) return null;
    this.assigned.delete(interactionId);
    const agent = this.agents.get(held.agentId);
    if (agent) agent.load[held.kind] = Math.max(0, agent.load[held.kind] - 1);
    return held.agentId;
  }

  /** A new (or returned) interaction: to the best able agent now, or into the queue. */
  offer(e: QueueEntry, now: number, exclude?: number): Assignment | null {
    const agent = this.bestAgent(e, e.kind, exclude);
    if (!agent) {
      this.enqueue(e);
      return null;
    }
    const a = { interactionId: e.interactionId, agentId: agent.id, kind: e.kind };
    this.hold(a, now);
    return a;
  }

  private head(key: string): QueueEntry | undefined {
    const heap = this.queues.get(key);
    if (!heap) return undefined;
    for (;;) {
      const top = heap.peek();
      if (!top) return undefined;
      if (this.queued.get(top.interactionId) === top) return top;
      heap.pop(); // stale: dequeued or re-queued since
    }
  }

  /** The best queued interaction this agent could take now, looking only at queues it qualifies for. */
  private bestFor(agent: AgentState): QueueEntry | undefined {
    let best: QueueEntry | undefined;
    const consider = (key: string | undefined) => {
      if (!key) return;
      const h = this.head(key);
      if (h && (!best || before(h, best))) best = h;
    };
    for (const kind of channelKinds) {
      if (agent.load[kind] >= agent.capacity[kind]) continue;
      consider(this.anyQueue.get(kind));
      const groups = this.groupQueues.get(kind);
      if (groups) for (const g of agent.groups) consider(groups.get(g));
      const skills = this.skillQueues.get(kind);
      if (skills) {
        for (const [skillId, level] of agent.skills) {
          const byLevel = skills.get(skillId);
          if (byLevel) for (const [minLevel, key] of byLevel) if (minLevel <= level) consider(key);
        }
      }
    }
    return best;
  }

  /** Gives an able agent queued work until they are full or nothing fits. */
  drainFor(agentId: number, now: number): Assignment[] {
    const agent = this.agents.get(agentId);
    const out: Assignment[] = [];
    if (!agent) return out;
    for (;;) {
      if (!this.isAble(agent)) return out;
      const best = this.bestFor(agent);
      if (!best) return out;
      const a = { interactionId: best.interactionId, agentId, kind: best.kind };
      this.hold(a, now);
      out.push(a);
    }
  }

  /** Every able agent, longest idle first, takes what fits. */
  drainAll(now: number): Assignment[] {
    const able = [...this.agents.values()].filter((a) => this.isAble(a)).sort((a, b) => a.idleSince - b.idleSince || a.id - b.id);
    const out: Assignment[] = [];
    // One round per agent at a time keeps "longest idle first" fair when several can take the same item.
    let progress = true;
    while (progress) {
      progress = false;
      for (const a of able) {
        const got = this.drainOne(a.id, now);
        if (got) {
          out.push(got);
          progress = true;
        }
      }
      able.sort((a, b) => a.idleSince - b.idleSince || a.id - b.id);
    }
    return out;
  }

  private drainOne(agentId: number, now: number): Assignment | null {
    const agent = this.agents.get(agentId);
    if (!agent || !this.isAble(agent)) return null;
    const best = this.bestFor(agent);
    if (!best) return null;
    const a = { interactionId: best.interactionId, agentId, kind: best.kind };
    this.hold(a, now);
    return a;
  }

  /** The first `limit` queued interactions in waiting order (for screens): one pass with a bounded heap. */
  queueInOrder(limit = Infinity): QueueEntry[] {
    if (limit >= this.queued.size) return [...this.queued.values()].sort((a, b) => (before(a, b) ? -1 : 1));
    // Keep the `limit` best seen so far in a heap whose top is the worst of them.
    const keep = new Heap<QueueEntry>((a, b) => before(b, a));
    for (const e of this.queued.values()) {
      if (keep.size < limit) keep.push(e);
      else if (before(e, keep.peek()!)) {
        keep.pop();
        keep.push(e);
      }
    }
    return keep.toArray().sort((a, b) => (before(a, b) ? -1 : 1));
  }
}
