import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../main/log';
import { ingestBatch } from '../../../main/services/ingest';
import { RoutingService } from '../../../main/services/routing';
import { inbound, startBrain, type Brain } from '../ingest/harness';

const open24 = Array.from({ length: 7 }, (_, i) => ({ weekday: i + 1, opensAt: '00:00', closesAt: '24:00' }));

describe('the routing service', () => {
  let b: Brain;
  let billing: number;
  let vip: number;
  let ana: number;
  let ben: number;
  beforeEach(async () => {
    b = await startBrain();
    await b.ctx.config.setWeeklyHours(open24, 'test');
    billing = (await b.ctx.config.createSkill({ name: 'Billing' }, 'test')).id;
    vip = (await b.ctx.config.createGroup({ name: 'VIP' }, 'test')).id;
    ana = (await b.ctx.config.createAgent({ name: 'Ana', skills: [{ skillId: billing, level: 5 }], capacity: { mention: 1, dm: 1, post: 1, comment: 1, messenger: 1 } }, 'test')).id;
    ben = (await b.ctx.config.createAgent({ name: 'Ben', groupIds: [vip], capacity: { mention: 2, dm: 1, post: 1, comment: 1, messenger: 1 } }, 'test')).id;
  });
  afterEach(async () => {
    await b.close();
  });

  const state = async (id: number) => (await b.q.get(`select state, assigned_agent_id as agent from interaction where id = ?`, id)) as { state: string; agent: number | null };
  const events = async (id: number) => ((await b.q.all(`select kind, agent_id as agent from interaction_event where interaction_id = ? order by id`, id)) as Array<{ kind: string; agent: number | null }>).map((e) => `${e.kind}${e.agent ? `:${e.agent}` : ''}`);
  const ingestOne = async (text: string, at: number) => (await ingestBatch(b.ctx, [inbound(b.accounts.x, { text, user: `u${at}`, sentAt: at })])).interactionIds[0]!;

  it('queues while nobody is Ready, then offers in order the moment an agent becomes Ready', async () => {
    const first = await ingestOne('first', 1);
    const second = await ingestOne('second', 2);
    expect((await state(first))).toEqual({ state: 'queued', agent: null });
    expect((await b.ctx.routing.queue(10)).items.map((q) => q.interactionId)).toEqual([first, second]);
    b.events.length = 0;
    await b.ctx.routing.setAgentStatus(ben, 'ready', null, 'agent:2');
    expect([(await state(first)), (await state(second))]).toEqual([{ state: 'assigned', agent: ben }, { state: 'assigned', agent: ben }]);
    expect((await events(first))).toEqual(['created', 'queued', `assigned:${ben}`]);
    expect(b.events.map((e) => e.name)).toEqual(expect.arrayContaining(['interactions.changed', 'queue.changed', 'agents.changed']));
    const third = await ingestOne('third', 3);
    expect((await state(third))).toEqual({ state: 'queued', agent: null }); // Ben is full for mentions
    // Completing needs a disposition code and frees the slot for the next one.
    await expect(b.ctx.routing.complete(first, 999, null, 'agent:2')).rejects.toMatchObject({ code: 'invalid_input', fields: { dispositionCodeId: 'Choose a disposition code' } });
    const done = await b.ctx.config.createDisposition({ code: 'answered', label: 'Answered' }, 'test');
    await b.ctx.routing.complete(first, done.id, 'All good', 'agent:2');
    expect((await b.q.get(`select state, disposition_code_id as d, disposition_note as note from interaction where id = ?`, first))).toEqual({ state: 'completed', d: done.id, note: 'All good' });
    expect((await state(third))).toEqual({ state: 'assigned', agent: ben });
  });

  it('routes by skill level from a rule, and a Not Ready agent gets nothing new', async () => {
    await b.ctx.config.createRule({ name: 'Billing', match: { any: ['invoice'] }, action: { type: 'route_skill', skillId: billing, minLevel: 3 } }, 'test');
    await b.ctx.routing.setAgentStatus(ben, 'ready', null, 'test');
    await b.ctx.routing.setAgentStatus(ana, 'not_ready', 'Break', 'test');
    const id = await ingestOne('wrong invoice', 10);
    expect((await state(id))).toEqual({ state: 'queued', agent: null }); // Ben lacks the skill; Ana is on a break
    await b.ctx.routing.setAgentStatus(ana, 'ready', null, 'test');
    expect((await state(id))).toEqual({ state: 'assigned', agent: ana });
  });

  it('transfers to an agent, a group or a skill, and an agent going Offline returns unfinished work', async () => {
    await b.ctx.routing.setAgentStatus(ana, 'ready', null, 'test');
    const id = await ingestOne('help', 20);
    expect((await state(id)).agent).toBe(ana);
    await b.ctx.routing.setAgentStatus(ben, 'ready', null, 'test');
    await b.ctx.routing.transfer(id, { agentId: ben }, 'agent:1', 'needs VIP');
    expect((await state(id))).toEqual({ state: 'assigned', agent: ben });
    await b.ctx.routing.transfer(id, { skillId: billing, minLevel: 5 }, 'agent:2');
    expect((await state(id))).toEqual({ state: 'assigned', agent: ana });
    await b.ctx.routing.transfer(id, { groupId: vip, priority: 7 }, 'agent:1');
    expect((await state(id))).toEqual({ state: 'assigned', agent: ben });
    expect((await b.q.get(`select group_id as g, priority as p from interaction where id = ?`, id))).toEqual({ g: vip, p: 7 });
    await b.ctx.routing.setAgentStatus(ben, 'offline', null, 'agent:2');
    expect((await state(id))).toEqual({ state: 'queued', agent: null }); // only VIP members may take it, and Ben is gone
    expect((await events(id))).toEqual(['created', 'queued', `assigned:${ana}`, `transferred:${ana}`, `assigned:${ben}`, `transferred:${ben}`, `assigned:${ana}`, `transferred:${ana}`, `assigned:${ben}`, `requeued:${ben}`]);
    await expect(b.ctx.routing.transfer(id, { agentId: ben }, 'x')).rejects.toThrow(/offline/);
  });

  it('lets an agent pull a queued interaction within capacity, and records the first response', async () => {
    const id = await ingestOne('anyone?', 30);
    await expect(b.ctx.routing.accept(id, ana)).rejects.toThrow(/offline/);
    await b.ctx.routing.setAgentStatus(ana, 'not_ready', 'Wrap-up', 'test');
    expect(await b.ctx.routing.accept(id, ana)).toEqual({ interactionId: id, state: 'assigned', agentId: ana });
    expect(await b.ctx.routing.recordFirstResponse(id, ana, 12345)).toBe(true);
    expect(await b.ctx.routing.recordFirstResponse(id, ana, 99999)).toBe(false);
    expect((await b.q.get(`select first_response_at as t from interaction where id = ?`, id))).toEqual({ t: 12345 });
    expect((await events(id))).toEqual(['created', 'queued', `accepted:${ana}`, `first_response:${ana}`]);
  });

  it('survives a restart: the queue and who holds what come back from the database', async () => {
    await b.ctx.routing.setAgentStatus(ana, 'ready', null, 'test');
    const held = await ingestOne('one', 40);
    const waiting = await ingestOne('two', 41);
    const again = new RoutingService({ db: b.ctx.db, sqlite: b.handle.dialect === 'sqlite' ? b.handle.sqlite : undefined, clock: b.clock, events: b.ctx.events, log: silentLogger, config: b.ctx.config });
    await again.reload();
    expect(again.agents().find((a) => a.id === ana)).toMatchObject({ status: 'ready', load: { mention: 1 } });
    expect((await again.queue(10)).items.map((q) => q.interactionId)).toEqual([waiting]);
    expect(held).not.toBe(waiting);
  });

  it('a deactivated agent goes offline and their work goes back to the queue', async () => {
    await b.ctx.routing.setAgentStatus(ana, 'ready', null, 'test');
    const id = await ingestOne('x', 50);
    expect((await state(id)).agent).toBe(ana);
    await b.ctx.config.updateAgent(ana, { name: 'Ana', skills: [], active: false }, 'test');
    await expect.poll(async () => (await state(id)).state).toBe('queued');
    expect(b.ctx.routing.agents().find((a) => a.id === ana)?.status).toBe('offline');
  });
});

describe('routing after configuration changes', () => {
  it('a deleted skill no longer holds its waiting interactions back', async () => {
    const b = await startBrain();
    try {
      await b.ctx.config.setWeeklyHours(open24, 'test');
      const skill = (await b.ctx.config.createSkill({ name: 'Legacy' }, 'test')).id;
      const sam = (await b.ctx.config.createAgent({ name: 'Sam' }, 'test')).id;
      await b.ctx.routing.setAgentStatus(sam, 'ready', null, 'test');
      const id = (await ingestBatch(b.ctx, [inbound(b.accounts.x, { text: 'hi' })])).interactionIds[0]!;
      await b.ctx.routing.transfer(id, { skillId: skill, minLevel: 1 }, 'test');
      expect((await b.q.get(`select state from interaction where id = ?`, id))).toEqual({ state: 'queued' });
      await b.ctx.config.deleteSkill(skill, 'test');
      await expect.poll(async () => (await b.q.get(`select state, assigned_agent_id as a from interaction where id = ?`, id))).toEqual({ state: 'assigned', a: sam });
    } finally {
      await b.close();
    }
  });
});
