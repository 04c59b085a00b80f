import { describe, expect, it } from 'vitest';
import { emptyLoad, Router, type AgentState, type QueueEntry } from '../../../main/routing/router';
import type { Capacity } from '../../../preload/contract/model';

const cap = (n: number): Capacity => ({ mention: n, dm: n, post: n, comment: n, messenger: n });
function agent(id: number, over: Partial<AgentState> = {}): AgentState {
  return { id, name: `A${id}`, active: true, status: 'ready', notReadyReason: null, statusChangedAt: 0, idleSince: id, skills: new Map(), groups: new Set(), capacity: cap(1), load: emptyLoad(), ...over };
}
const item = (interactionId: number, over: Partial<QueueEntry> = {}): QueueEntry => ({ interactionId, kind: 'mention', skillId: null, minLevel: null, groupId: null, priority: 0, queuedAt: interactionId, ...over });

describe('the router', () => {
  it('gives work to the longest-idle Ready agent with a free slot', () => {
    const r = new Router();
    r.upsertAgent(agent(1, { idleSince: 500 }));
    r.upsertAgent(agent(2, { idleSince: 100 }));
    r.upsertAgent(agent(3, { idleSince: 50, status: 'not_ready' }));
    expect(r.offer(item(10), 1000)).toEqual({ interactionId: 10, agentId: 2, kind: 'mention' });
    expect(r.offer(item(11), 1001)).toEqual({ interactionId: 11, agentId: 1, kind: 'mention' });
    expect(r.offer(item(12), 1002)).toBeNull(); // both full
    expect(r.queueSize).toBe(1);
  });

  it('respects skills with levels and groups', () => {
    const r = new Router();
    r.upsertAgent(agent(1, { skills: new Map([[7, 3]]) }));
    r.upsertAgent(agent(2, { skills: new Map([[7, 8]]), idleSince: 999 }));
    r.upsertAgent(agent(3, { groups: new Set([4]) }));
    expect(r.offer(item(1, { skillId: 7, minLevel: 5 }), 0)?.agentId).toBe(2);
    expect(r.offer(item(2, { groupId: 4 }), 0)?.agentId).toBe(3);
    expect(r.offer(item(3, { skillId: 9 }), 0)).toBeNull();
    expect(r.probe({ skillId: 9, minLevel: 1, groupId: null, priority: 0 }, 'mention')).toEqual({ available: false, agentId: null, reason: 'No active agent has the required skill or group; it waits in the queue.' });
  });

  it('keeps capacity per channel kind', () => {
    const r = new Router();
    r.upsertAgent(agent(1, { capacity: { mention: 2, dm: 0, post: 0, comment: 0, messenger: 1 } }));
    expect(r.offer(item(1), 0)?.agentId).toBe(1);
    expect(r.offer(item(2), 0)?.agentId).toBe(1);
    expect(r.offer(item(3), 0)).toBeNull();
    expect(r.offer(item(4, { kind: 'dm' }), 0)).toBeNull();
    expect(r.offer(item(5, { kind: 'messenger' }), 0)?.agentId).toBe(1);
    expect(r.agents.get(1)!.load).toEqual({ mention: 2, dm: 0, post: 0, comment: 0, messenger: 1 });
  });

  it('the queue waits in order of priority, then age, and is offered the moment an agent becomes able', () => {
    const r = new Router();
    r.upsertAgent(agent(1, { status: 'offline', capacity: cap(10) }));
    r.offer(item(1, { queuedAt: 100 }), 0);
    r.offer(item(2, { queuedAt: 50 }), 0);
    r.offer(item(3, { queuedAt: 300, priority: 9 }), 0);
    r.offer(item(4, { queuedAt: 200, kind: 'dm' }), 0);
    expect(r.queueInOrder().map((e) => e.interactionId)).toEqual([3, 2, 1, 4]);
    const a = r.agents.get(1)!;
    a.status = 'ready';
    a.capacity = { mention: 2, dm: 1, post: 0, comment: 0, messenger: 0 };
    expect(r.drainFor(1, 1000).map((x) => x.interactionId)).toEqual([3, 2, 4]);
    expect(r.queueInOrder().map((e) => e.interactionId)).toEqual([1]);
    // Completing one frees the slot: the oldest waiting one follows.
    r.release(3);
    expect(r.drainFor(1, 1001).map((x) => x.interactionId)).toEqual([1]);
  });

  it('drainAll lets the longest-idle agent take the best item first', () => {
    const r = new Router();
    r.offer(item(1, { priority: 1 }), 0);
    r.offer(item(2, { priority: 5 }), 0);
    r.upsertAgent(agent(1, { idleSince: 900 }));
    r.upsertAgent(agent(2, { idleSince: 100 }));
    expect(r.drainAll(1000)).toEqual([
      { interactionId: 2, agentId: 2, kind: 'mention' },
      { interactionId: 1, agentId: 1, kind: 'mention' },
    ]);
  });

  it('stays correct under random arrivals, completions and status changes', () => {
    // Invariant after every step: no able agent qualifies for any queued interaction, and loads match holdings.
    let seed = 42;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const r = new Router();
    for (let i = 1; i <= 8; i++) r.upsertAgent(agent(i, { skills: new Map([[1 + (i % 3), 1 + (i % 5)]]), groups: new Set([i % 2]), capacity: cap(1 + (i % 3)) }));
    const held = new Map<number, number>();
    for (let step = 0, next = 1; step < 3000; step++) {
      const op = rand(10);
      if (op < 5) {
        const e = item(next++, { kind: (['mention', 'dm', 'comment'] as const)[rand(3)], skillId: rand(3) === 0 ? 1 + rand(3) : null, minLevel: 1 + rand(4), groupId: rand(4) === 0 ? rand(2) : null, priority: rand(3), queuedAt: step });
        const a = r.offer(e, step);
        if (a) held.set(a.interactionId, a.agentId);
      } else if (op < 8 && held.size) {
        const id = [...held.keys()][rand(held.size)]!;
        const agentId = r.release(id)!;
        held.delete(id);
        for (const a of r.drainFor(agentId, step)) held.set(a.interactionId, a.agentId);
      } else {
        const a = r.agents.get(1 + rand(8))!;
        a.status = a.status === 'ready' ? 'not_ready' : 'ready';
        if (a.status === 'ready') for (const x of r.drainFor(a.id, step)) held.set(x.interactionId, x.agentId);
      }
      if (step % 10 !== 0) continue;
      for (const q of r.queueInOrder()) expect(r.bestAgent(q, q.kind)).toBeNull();
      for (const a of r.agents.values()) {
        const mine = [...held.values()].filter((x) => x === a.id).length;
        expect(Object.values(a.load).reduce((s, n) => s + n, 0)).toBe(mine);
      }
    }
  });
});
