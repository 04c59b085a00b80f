// Routing decision latency with 200 agents and 100,000 interactions waiting. Two views:
//  - the decision itself (main/routing/router.ts, in memory): a new interaction is offered (probe + offer),
//    and an agent's slot frees (release + drainFor picks the best waiting item it may take);
//  - end to end through the routing service: an agent completes an interaction and the next one is
//    assigned to them, memory and SQLite in one transaction, events after the commit.
import fs from 'node:fs';
import { emptyLoad, Router, type AgentState, type QueueEntry } from '../main/routing/router';
import type { ChannelKind } from '../preload/contract/model';
import { BENCH_NOW, benchDir, busyDesk, openBrain } from './brain';
import { rng } from './corpus';
import { percentile, type BenchResult, type Row } from './report';

const kinds: ChannelKind[] = ['mention', 'mention', 'mention', 'dm', 'comment', 'messenger', 'post'];

function latencyRow(what: string, samples: number[]): Row {
  const sorted = [...samples].sort((a, b) => a - b);
  const us = (ms: number) => Math.round(ms * 1000);
  return { decision: what, samples: sorted.length, 'p50 µs': us(percentile(sorted, 50)), 'p99 µs': us(percentile(sorted, 99)), 'max µs': us(sorted[sorted.length - 1]!) };
}

export async function routingBench(options: { agents?: number; queued?: number } = {}): Promise<BenchResult> {
  const agentCount = options.agents ?? 200;
  const queued = options.queued ?? 100_000;
  const dir = benchDir('parley-bench-routing-');
  const rows: Row[] = [];
  try {
    const b = await openBrain(dir);
    await busyDesk(b, { agents: agentCount - 2, readyShare: 1, extraRules: 0 });
    const snap = b.ctx.config.snapshot;
    const skills = snap.skills.map((s) => s.id);
    const groups = snap.groups.map((g) => g.id);
    const r = rng(7);
    const target = () => {
      const roll = r();
      if (roll < 0.3) return { skillId: skills[Math.floor(r() * skills.length)]!, minLevel: 1 + Math.floor(r() * 8), groupId: null };
      if (roll < 0.4) return { skillId: null, minLevel: null, groupId: groups[0]! };
      return { skillId: null, minLevel: null, groupId: null };
    };

    // ---- the pure router ----------------------------------------------------------------------
    const router = new Router();
    for (const a of snap.agents) {
      const state: AgentState = {
        id: a.id, name: a.name, active: true, status: 'ready', notReadyReason: null, statusChangedAt: 0, idleSince: a.id,
        skills: new Map(a.skills.map((s) => [s.skillId, s.level])), groups: new Set(a.groupIds), capacity: { ...a.capacity }, load: emptyLoad(),
      };
      router.upsertAgent(state);
    }
    let nextId = 1;
    const entry = (at: number): QueueEntry => ({ interactionId: nextId++, kind: kinds[Math.floor(r() * kinds.length)]!, ...target(), priority: r() < 0.1 ? 5 : 0, queuedAt: at });
    // Fill every agent, then the queue.
    let t = BENCH_NOW - 10 * 86_400_000;
    while (router.queueSize < queued) router.offer(entry(t++), t);
    const held = [...snap.agents.map((a) => a.id)].flatMap((id) => router.workOf(id));

    const offers: number[] = [];
    const frees: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const e = entry(t++);
      let started = performance.now();
      router.probe(e, e.kind);
      router.offer(e, t);
      offers.push(performance.now() - started);
      // Someone finishes one: the freed slot takes the best waiting item that agent may take.
      const done = held[Math.floor(r() * held.length)]!;
      started = performance.now();
      const agentId = router.release(done);
      const got = agentId != null ? router.drainFor(agentId, t) : [];
      frees.push(performance.now() - started);
      held[held.indexOf(done)] = got[0]?.interactionId ?? held[0]!;
    }
    rows.push(latencyRow(`new interaction: probe + offer (queue ${router.queueSize.toLocaleString('en-US')})`, offers));
    rows.push(latencyRow('slot freed: release + drainFor', frees));

    // ---- end to end through the routing service ------------------------------------------------------
    const now = b.clock.now();
    const contact = Number(b.handle.sqlite.prepare(`insert into contact (display_name, notes, created_at, updated_at) values ('Bench', '', ?, ?)`).run(now, now).lastInsertRowid);
    const insert = b.handle.sqlite.prepare(
      `insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, skill_id, skill_level, group_id, priority, subject, created_at, queued_at, last_inbound_at, updated_at)
       values (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, 'Where is my order?', ?, ?, ?, ?)`,
    );
    b.handle.sqlite.transaction(() => {
      for (let i = 0; i < queued + 2_000; i++) {
        const kind = kinds[Math.floor(r() * kinds.length)]!;
        const tg = target();
        const at = now - (queued - i) * 1000;
        const x = kind === 'mention' || kind === 'dm';
        insert.run(contact, x ? b.accounts.x : b.accounts.facebook, x ? 'x' : 'facebook', kind, `t${i}`, tg.skillId, tg.skillId != null ? tg.minLevel : null, tg.groupId, r() < 0.1 ? 5 : 0, at, at, at, at);
      }
    })();
    b.ctx.routing.stop();
    await b.ctx.routing.start(); // reload, then every Ready agent takes what fits
    const disposition = snap.dispositions[0]!.id;
    const assigned = () => b.handle.sqlite.prepare(`select id from interaction where state = 'assigned'`).pluck().all() as number[];
    let work = assigned();
    const completes: number[] = [];
    for (let i = 0; i < 2_000 && work.length; i++) {
      const id = work[Math.floor(r() * work.length)]!;
      b.clock.advance(1000);
      const started = performance.now();
      await b.ctx.routing.complete(id, disposition, null, 'bench');
      completes.push(performance.now() - started);
      work = work.filter((w) => w !== id);
      if (i % 200 === 199) work = assigned();
    }
    rows.push(latencyRow(`complete + next assignment, persisted (queue ${b.ctx.routing.queueSize.toLocaleString('en-US')})`, completes));
    await b.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return {
    name: 'routing',
    title: `Routing decision latency: ${agentCount} agents, ${queued.toLocaleString('en-US')} interactions waiting`,
    rows,
    notes: ['Target: decision p99 under 1 ms (1,000 µs). Agents are Ready and full; 30% of the queue needs a skill level, 10% a group.'],
  };
}
