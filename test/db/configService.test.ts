import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DataHandle } from '../../db/connection';
import { listAudit } from '../../db/repositories/audit';
import { ManualClock } from '../../main/clock';
import { ConfigService } from '../../main/config/service';
import { ParleyError } from '../../main/errors';
import { tempDir } from '../helpers/tempDir';
import { openTestDatabase } from '../helpers/testDb';

describe('the config service', () => {
  let tmp: ReturnType<typeof tempDir>;
  let handle: DataHandle;
  let drop: () => Promise<void>;
  let clock: ManualClock;
  let config: ConfigService;
  beforeEach(async () => {
    tmp = tempDir();
    ({ handle, drop } = await openTestDatabase(tmp.dir));
    clock = new ManualClock(Date.UTC(2026, 10, 25, 12));
    config = new ConfigService(handle.db, clock);
    await config.load();
  });
  afterEach(async () => {
    config.stop();
    await drop();
    await handle.close();
    tmp.cleanup();
  });

  const fieldsOf = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(ParleyError);
    return (e as ParleyError).fields ?? {};
  };

  it('saves each change at once, records who and when, and refreshes the snapshot', async () => {
    const v0 = config.snapshot.version;
    const billing = await config.createSkill({ name: 'Billing' }, 'admin@web');
    const vip = await config.createGroup({ name: 'VIP desk' }, 'admin@web');
    const ana = await config.createAgent({ name: 'Ana', skills: [{ skillId: billing.id, level: 7 }], groupIds: [vip.id] }, 'admin@web');
    expect(ana.capacity).toEqual({ mention: 5, dm: 3, post: 5, comment: 5, messenger: 3 });
    expect(ana.status).toBe('offline');
    expect(config.snapshot.version).toBeGreaterThan(v0);
    expect(config.snapshot.agents.map((a) => a.name)).toEqual(['Ana']);
    expect(config.snapshot.agents[0]!.skills).toEqual([{ skillId: billing.id, level: 7 }]);
    const audit = await listAudit(handle.db, {});
    expect(audit.map((a) => `${a.action} ${a.entity}`)).toEqual(['create agent', 'create agent_group', 'create skill']);
    expect(audit.every((a) => a.actor === 'admin@web' && a.at === clock.now())).toBe(true);
  });

  it('keeps keyword rules in order and reorders them', async () => {
    const skill = await config.createSkill({ name: 'Refunds' }, 'a');
    const r1 = await config.createRule({ name: 'Refund', match: { any: ['refund'] }, action: { type: 'route_skill', skillId: skill.id } }, 'a');
    const r2 = await config.createRule({ name: 'Spam', match: { any: ['crypto giveaway'] }, action: { type: 'ignore' } }, 'a');
    const r3 = await config.createRule({ name: 'First', match: { hashtags: ['#urgent'] }, action: { type: 'route_skill', skillId: skill.id, priority: 9 } }, 'a', 1);
    expect(config.snapshot.keywordRules.map((r) => [r.name, r.position])).toEqual([['First', 1], ['Refund', 2], ['Spam', 3]]);
    await config.reorderRules([r2.id, r1.id, r3.id], 'a');
    expect(config.snapshot.keywordRules.map((r) => r.name)).toEqual(['Spam', 'Refund', 'First']);
    await config.deleteRule(r2.id, 'a');
    expect(config.snapshot.keywordRules.map((r) => [r.name, r.position])).toEqual([['Refund', 1], ['First', 2]]);
    await expect(config.reorderRules([r1.id], 'a')).rejects.toThrow(/every rule exactly once/);
  });

  it('says which field is wrong: a bad pattern, a missing skill, an unknown placeholder, a time zone', async () => {
    expect(await fieldsOf(config.createRule({ name: 'Bad', match: { regex: '(unclosed' }, action: { type: 'ignore' } }, 'a'))).toHaveProperty('match.regex');
    expect(await fieldsOf(config.createRule({ name: 'Bad', match: { any: ['x'] }, action: { type: 'route_skill', skillId: 99 } }, 'a'))).toEqual({ 'action.skillId': 'Skill 99 does not exist' });
    expect(await fieldsOf(config.createRule({ name: '', match: { any: ['x'] }, action: { type: 'ignore' } }, 'a'))).toHaveProperty('name');
    const f = await fieldsOf(config.createTemplate({ kind: 'closed', name: 'Closed', visibility: 'public', variants: ['Back at {opens_at}', 'Hi {nmae}'] }, 'a'));
    expect(f['variants.1']).toMatch(/Unknown placeholder \{nmae\}/);
    expect(await fieldsOf(config.setTimeZone('Mars/Olympus', 'a'))).toHaveProperty('timeZone');
    expect(await listAudit(handle.db, {})).toEqual([]);
  });

  it('refuses to delete what is still used, and never deletes history', async () => {
    const skill = await config.createSkill({ name: 'Refunds' }, 'a');
    await config.createRule({ name: 'Refund', match: { any: ['refund'] }, action: { type: 'route_skill', skillId: skill.id } }, 'a');
    await expect(config.deleteSkill(skill.id, 'a')).rejects.toThrow(/used by the rule\(s\) "Refund"/);
    await expect(config.createSkill({ name: 'Refunds' }, 'a')).rejects.toMatchObject({ code: 'conflict' });
    const d = await config.createDisposition({ code: 'resolved', label: 'Resolved' }, 'a');
    await expect(config.createDisposition({ code: 'resolved', label: 'Again' }, 'a')).rejects.toMatchObject({ code: 'conflict', fields: { code: 'Already in use' } });
    await config.deleteDisposition(d.id, 'a');
    expect(config.snapshot.dispositions).toEqual([]);
  });

  it('switches the emergency on with who and when, and ends it at its automatic end time', async () => {
    const endsAt = clock.now() + 60_000;
    await config.setEmergency({ active: true, scope: 'x', message: 'We are restoring service.', endsAt }, 'admin@web');
    expect(config.snapshot.emergency).toMatchObject({ active: true, scope: 'x', endsAt, changedBy: 'admin@web', changedAt: clock.now() });
    expect(await config.endEmergencyIfDue()).toBe(false);
    clock.advance(60_000);
    expect(await config.endEmergencyIfDue()).toBe(true);
    expect(config.snapshot.emergency.active).toBe(false);
    const history = await listAudit(handle.db, { entity: 'emergency' });
    expect(history.map((h) => [h.action, h.actor])).toEqual([['auto_end', 'system'], ['switch_on', 'admin@web']]);
    await expect(config.setEmergency({ active: true, message: 'x', endsAt: clock.now() - 1 }, 'a')).rejects.toMatchObject({ fields: { endsAt: 'The automatic end must be in the future' } });
  });

  it('keeps strategy settings with their defaults and checks references', async () => {
    expect(config.snapshot.strategy.autoMessageThrottleMinutes).toBe(60);
    const g = await config.createGroup({ name: 'DM desk' }, 'a');
    await config.setStrategySettings({ dmRouting: { groupId: g.id, priority: 3 } }, 'a');
    expect(config.snapshot.strategy.dmRouting).toEqual({ groupId: g.id, priority: 3 });
    expect(config.snapshot.strategy.engagement.threshold).toBe(0.6);
    await expect(config.deleteGroup(g.id, 'a')).rejects.toThrow(/direct-message routing/);
    expect(await fieldsOf(config.setStrategySettings({ autoReply: { enabled: true } }, 'a'))).toHaveProperty('autoReply.templateId');
  });
});
