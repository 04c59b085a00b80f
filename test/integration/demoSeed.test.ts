import { afterEach, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../main/engine';
import { seedDemoSetup } from '../../main/demo/seed';
import { silentLogger } from '../../main/log';
import { tempDir } from '../helpers/tempDir';

describe('the Sandbox demo setup', () => {
  let engine: Engine | undefined;
  let tmp: ReturnType<typeof tempDir> | undefined;
  afterEach(async () => {
    await engine?.close();
    tmp?.cleanup();
  });

  it('gives a fresh data folder two agents with different skills, rules, hours, a special day, templates and dispositions', async () => {
    tmp = tempDir();
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
    expect(await seedDemoSetup(engine.ctx)).toBe(true);
    const s = engine.ctx.config.snapshot;
    expect(s.agents.map((a) => a.name)).toEqual(['Ana Souza', 'Ben Okafor']);
    const skillNames = (ids: number[]) => ids.map((id) => s.skills.find((k) => k.id === id)!.name).sort();
    expect(skillNames(s.agents[0]!.skills.map((k) => k.skillId))).toEqual(['Billing', 'General']);
    expect(skillNames(s.agents[1]!.skills.map((k) => k.skillId))).toEqual(['General', 'Technical']);
    expect(s.keywordRules.map((r) => r.action.type)).toEqual(['ignore', 'route_skill', 'route_skill']);
    expect(s.weeklyHours.length).toBe(6);
    expect(s.specialDays.some((d) => d.recurrence === 'yearly' && d.date.endsWith('-12-25') && d.closed)).toBe(true);
    for (const kind of ['closed', 'special_day', 'emergency', 'acknowledgement', 'auto_reply', 'canned', 'move_to_private']) {
      expect(s.templates.some((t) => t.kind === kind)).toBe(true);
    }
    expect(s.dispositions.map((d) => d.code)).toContain('resolved');
    expect(s.strategy.dmRouting.groupId).toBe(s.groups[0]!.id);
    // Each piece went through the audited config service.
    const audit = await engine.ctx.db.selectFrom('audit_log').select(['actor']).where('actor', '=', 'Sandbox demo setup').execute();
    expect(audit.length).toBeGreaterThan(20);
  });

  it('runs once per data folder, and never over an existing configuration', async () => {
    tmp = tempDir();
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
    await engine.ctx.config.createSkill({ name: 'Mine' }, 'admin');
    expect(await seedDemoSetup(engine.ctx)).toBe(false);
    expect(engine.ctx.config.snapshot.skills.map((k) => k.name)).toEqual(['Mine']);
    await engine.ctx.config.deleteSkill(engine.ctx.config.snapshot.skills[0]!.id, 'admin');
    expect(await seedDemoSetup(engine.ctx)).toBe(false);
    expect(engine.ctx.config.snapshot.skills).toEqual([]);
  });
});
