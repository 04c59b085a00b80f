// The strategy, routing, contacts and config namespaces through the real dispatcher (zod validation,
// error envelopes) on a real engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../../main/engine';
import { silentLogger } from '../../../main/log';
import { tempDir } from '../../helpers/tempDir';

describe('the brain over the contract', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: Engine;
  const session = { id: 's', host: 'web' as const, agentId: null };
  const call = (method: string, input: unknown) => engine.dispatch(method, input, session);
  const ok = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await call(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  beforeAll(async () => {
    tmp = tempDir();
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
  });
  afterAll(async () => {
    await engine.close();
    tmp.cleanup();
  });

  it('config changes are validated field by field and pushed as config.changed', async () => {
    const seen: string[] = [];
    const off = engine.ctx.events.subscribe((name) => seen.push(name));
    const bad = await call('config.createRule', { name: 'Refunds', match: { any: [] }, action: { type: 'route_skill', skillId: 1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { match: 'A rule must look for at least one word, phrase, hashtag, mention or pattern' } } });
    const missing = await call('config.createRule', { name: 'Refunds', match: { any: ['refund'] }, action: { type: 'route_skill', skillId: 1 } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { 'action.skillId': 'Skill 1 does not exist' } } });
    const skill = await ok<{ id: number }>('config.createSkill', { name: 'Billing' });
    const rule = await ok<{ id: number; position: number }>('config.createRule', { name: 'Refunds', match: { any: ['refund'] }, action: { type: 'route_skill', skillId: skill.id, priority: 4 } });
    expect(rule.position).toBe(1);
    expect(seen).toContain('config.changed');
    const history = await ok<Array<{ action: string; entity: string; actor: string }>>('config.history', { entity: 'keyword_rule' });
    expect(history[0]).toMatchObject({ action: 'create', entity: 'keyword_rule', actor: 'admin@web' });
    off();
  });

  it('rules.test says whether a sample matches and why, before the rule is saved', async () => {
    const r = await ok<{ matched: boolean; reasons: string[] }>('rules.test', { rule: { name: 'x', match: { all: ['order', 'late'] }, action: { type: 'ignore' } }, text: 'My ORDER is late!' });
    expect(r).toEqual({ matched: true, reasons: ['Found all of "order", "late".'] });
  });

  it('strategy.preview shows the path and the exact message, and sends nothing', async () => {
    await ok('config.setTimeZone', { timeZone: 'America/New_York' });
    await ok('config.setWeeklyHours', { hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opensAt: '09:00', closesAt: '17:00' })) });
    await ok('config.createTemplate', { kind: 'closed', name: 'Closed', visibility: 'private', variants: ['Hi {name}, we open {opens_at}.'] });
    const p = await ok<{ localTime: string; decision: { state: string; route: unknown }; autoMessageAct: unknown }>('strategy.preview', {
      network: 'facebook',
      channelKind: 'messenger',
      text: 'Need a refund',
      at: '2026-11-26T22:15',
      authorName: 'Ana',
    });
    expect(p.localTime).toBe('2026-11-26 22:15 (America/New_York)');
    expect(p.decision.route).toEqual({ skillId: 1, minLevel: 1, groupId: null, priority: 4 });
    expect(p.autoMessageAct).toEqual({ kind: 'messenger', network: 'facebook', recipientPsid: 'the-customer', text: 'Hi Ana, we open Friday 27 November at 09:00 (EST).', tag: 'RESPONSE' });
    expect((engine.ctx.sqlite.prepare('select count(*) as n from outbox_item').get() as { n: number }).n).toBe(0);
    const bad = await call('strategy.preview', { network: 'x', channelKind: 'mention', text: 'x', at: 'next tuesday' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { at: 'Use ISO-8601, e.g. 2026-12-24T18:30' } } });
  });

  it('agents change status through routing.setStatus; Not Ready needs a reason', async () => {
    const agent = await ok<{ id: number }>('config.createAgent', { name: 'Sam' });
    const noReason = await call('routing.setStatus', { agentId: agent.id, status: 'not_ready' });
    expect(noReason).toMatchObject({ ok: false, error: { code: 'invalid_input', fields: { reason: 'Say why the agent is Not Ready (e.g. Break, Training)' } } });
    const s = await ok<{ status: string; notReadyReason: string }>('routing.setStatus', { agentId: agent.id, status: 'not_ready', reason: 'Training' });
    expect(s).toMatchObject({ status: 'not_ready', notReadyReason: 'Training' });
    expect((await ok<Array<{ id: number }>>('routing.agents', {})).map((a) => a.id)).toContain(agent.id);
    expect(await ok('routing.queue', {})).toEqual({ total: 0, items: [] });
  });

  it('contacts.get refuses an unknown contact with not_found', async () => {
    expect(await call('contacts.get', { id: 4242 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ok('contacts.search', { query: 'nobody' })).toEqual([]);
  });
});

describe('agent status in the configuration lists', () => {
  it('config.listAgents shows the live status routing keeps', async () => {
    const tmp = tempDir();
    const engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
    try {
      const session = { id: 's', host: 'web' as const, agentId: null };
      const created = await engine.dispatch('config.createAgent', { name: 'Kim' }, session);
      const id = created.ok ? (created.value as { id: number }).id : 0;
      await engine.dispatch('routing.setStatus', { agentId: id, status: 'ready' }, session);
      const list = await engine.dispatch('config.listAgents', {}, session);
      expect(list.ok && (list.value as Array<{ id: number; status: string }>).find((a) => a.id === id)?.status).toBe('ready');
    } finally {
      await engine.close();
      tmp.cleanup();
    }
  });
});
