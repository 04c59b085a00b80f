// Configuration export and import through the engine's own dispatch (contract validation included), on
// real SQLite files: the round trip into a fresh install, the preview, the refusals, the one transaction.
import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit';
import type { ConfigExport, ConfigImportPreview, ConfigImportResult, ErrorInfo, TransferPartPreview } from '../../preload/contract';
import { seedDemoSetup } from '../../main/demo/seed';
import { startEngine, type Engine } from '../../main/engine';
import { silentLogger } from '../../main/log';
import { tempDir } from '../helpers/tempDir';

const session = { id: 'test', host: 'web' as const, agentId: null };

describe('configuration export and import', () => {
  const open: { engine: Engine; tmp: ReturnType<typeof tempDir> }[] = [];
  afterEach(async () => {
    for (const o of open.splice(0)) {
      await o.engine.close();
      o.tmp.cleanup();
    }
  });

  async function engine(): Promise<Engine> {
    const tmp = tempDir();
    const e = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
    open.push({ engine: e, tmp });
    return e;
  }

  async function call<T>(e: Engine, method: string, input: unknown): Promise<T> {
    const r = await e.dispatch(method, input, session);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { info: r.error });
    return r.value as T;
  }
  async function refusal(e: Engine, method: string, input: unknown): Promise<ErrorInfo> {
    const r = await e.dispatch(method, input, session);
    if (r.ok) throw new Error(`${method} was expected to refuse`);
    return r.error;
  }
  const exportOf = (e: Engine) => call<ConfigExport>(e, 'configTransfer.export', {});
  const withoutStamp = (text: string) => {
    const { exportedAt: _a, exportedFrom: _f, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return rest;
  };
  const part = (p: ConfigImportPreview, name: string): TransferPartPreview => p.parts.find((x) => x.part === name)!;

  /** A source install: the demo setup plus what tends to break a naive copy. */
  async function richSource(): Promise<Engine> {
    const a = await engine();
    await seedDemoSetup(a.ctx);
    const c = a.ctx.config;
    const s = c.snapshot;
    await c.setTimeZone('America/New_York', 'admin');
    // Two templates with the same name: references must still point at the right one.
    const t1 = await c.createTemplate({ kind: 'auto_reply', name: 'Thanks', network: 'x', visibility: 'public', variants: ['Thanks {name}!'] }, 'admin');
    await c.createTemplate({ kind: 'auto_reply', name: 'Thanks', network: 'facebook', visibility: 'public', variants: ['Thank you, {name}.'] }, 'admin');
    const vip = await c.createGroup({ name: 'VIP desk', description: 'Important people' }, 'admin');
    await c.createRule({ name: 'Praise', match: { any: ['love'], regex: 'great\\s+(app|service)' }, networks: ['x'], action: { type: 'auto_reply', templateId: t1.id, visibility: 'public', alsoRoute: true } }, 'admin');
    await c.createRule({ name: 'VIPs', match: { mentions: ['ceo'] }, action: { type: 'route_group', groupId: vip.id, priority: 9 } }, 'admin', 1);
    await c.setStrategySettings({ ...s.strategy, autoReply: { ...s.strategy.autoReply, enabled: true, templateId: t1.id }, dmRouting: { groupId: vip.id, priority: 4 }, autoMessageThrottleMinutes: 15 }, 'admin');
    await c.createAgent({ name: 'Cleo Former', email: 'cleo@example.com', skills: [{ skillId: s.skills[0]!.id, level: 3 }], groupIds: [vip.id], active: false }, 'admin');
    await c.updateDisposition(s.dispositions[1]!.id, { ...s.dispositions[1]!, active: false }, 'admin');
    await c.importIcs(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', 'BEGIN:VEVENT', 'UID:bastille@example.com', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20270714', 'SUMMARY:Bastille Day', 'END:VEVENT', 'END:VCALENDAR'].join('\r\n'), 'admin');
    await c.setEmergency({ active: false, scope: 'x', message: 'We are fixing an outage.', endsAt: null }, 'admin');
    return a;
  }

  it('copies the whole configuration into a fresh install, references intact, identical when exported again', async () => {
    const a = await richSource();
    const exported = await exportOf(a);
    const file = JSON.parse(exported.text) as Record<string, unknown>;
    expect(file).toMatchObject({ format: 'parley-config', version: 1 });
    expect(exported.fileName).toMatch(/^parley-configuration-\d{4}-\d{2}-\d{2}\.json$/);
    expect(exported.text).not.toMatch(/token|secret|"id":/i);

    const b = await engine();
    // Ids in the new install differ from the source's: a skill that exists only here shifts them.
    await b.ctx.config.createSkill({ name: 'Only here' }, 'admin');
    const preview = await call<ConfigImportPreview>(b, 'configTransfer.preview', { text: exported.text });
    expect(part(preview, 'skills').added.sort()).toEqual(['Billing', 'General', 'Technical']);
    expect(part(preview, 'skills').removed).toEqual([{ name: 'Only here', outcome: 'deleted', reason: null }]);
    expect(part(preview, 'rules').added).toEqual(['VIPs', 'Spam and scams', 'Money matters go to Billing', 'Broken things go to Technical', 'Praise']);
    expect(part(preview, 'timeZone').changed[0]!.fields[0]).toMatch(/→ America\/New_York$/);
    expect(b.ctx.config.snapshot.keywordRules).toEqual([]); // a preview changes nothing

    const result = await call<ConfigImportResult>(b, 'configTransfer.apply', { text: exported.text, baseVersion: preview.baseVersion });
    expect(result.totals.added).toBeGreaterThan(20);
    expect(withoutStamp((await exportOf(b)).text)).toEqual(withoutStamp(exported.text));

    // The references point at the same things by name, not by the source's ids.
    const s = b.ctx.config.snapshot;
    const praise = s.keywordRules.find((r) => r.name === 'Praise')!.action;
    expect(praise.type === 'auto_reply' && s.templates.find((t) => t.id === praise.templateId)).toMatchObject({ name: 'Thanks', network: 'x' });
    expect(s.templates.find((t) => t.id === s.strategy.autoReply.templateId)).toMatchObject({ name: 'Thanks', network: 'x' });
    expect(s.groups.find((g) => g.id === s.strategy.dmRouting.groupId)!.name).toBe('VIP desk');
    const ana = s.agents.find((x) => x.name === 'Ana Souza')!;
    expect(ana.skills.map((k) => [s.skills.find((x) => x.id === k.skillId)!.name, k.level]).sort()).toEqual([['Billing', 9], ['General', 6]]);
    expect(s.specialDays.find((d) => d.name === 'Bastille Day')).toMatchObject({ date: '2027-07-14', closed: true });
    expect(s.emergency).toMatchObject({ active: false, scope: 'x', message: 'We are fixing an outage.' });

    // Applied once, audited: one summary row and one row per item written.
    const audit = await listAudit(b.ctx.db, { limit: 1000 });
    expect(audit.filter((r) => r.action === 'import' && r.entity === 'configuration')).toHaveLength(1);
    expect(audit.filter((r) => r.entity === 'keyword_rule' && r.action === 'create')).toHaveLength(5);
    expect(audit.find((r) => r.entity === 'skill' && r.action === 'delete')!.before).toMatchObject({ name: 'Only here' });

    // Importing the same file again changes nothing.
    const again = await call<ConfigImportPreview>(b, 'configTransfer.preview', { text: exported.text });
    expect(again.totals).toEqual({ added: 0, changed: 0, removed: 0 });
  });

  it('shows what will be added, changed and removed per part, and keeps history by deactivating', async () => {
    const a = await richSource();
    const source = JSON.parse((await exportOf(a)).text) as {
      skills: { name: string; description: string }[];
      rules: { name: string }[];
      agents: { name: string; email: string | null }[];
      dispositions: { code: string; label: string }[];
      strategy: { autoMessageThrottleMinutes: number };
      weeklyHours: { weekday: number; opensAt: string; closesAt: string }[];
    };
    // Ben has handled an interaction closed with "resolved": neither can simply disappear.
    const s = a.ctx.config.snapshot;
    const ben = s.agents.find((x) => x.name === 'Ben Okafor')!;
    const resolved = s.dispositions.find((d) => d.code === 'resolved')!;
    const now = Date.now();
    a.ctx.sqlite.prepare("insert into contact (display_name, created_at, updated_at) values ('Zoe', ?, ?)").run(now, now);
    a.ctx.sqlite.prepare("insert into channel_account (network, name, auth_kind, created_at, updated_at) values ('x', 'Brand', 'oauth2', ?, ?)").run(now, now);
    a.ctx.sqlite
      .prepare("insert into interaction (contact_id, account_id, network, channel_kind, thread_key, state, assigned_agent_id, disposition_code_id, created_at, last_inbound_at, updated_at) values (1, 1, 'x', 'mention', 't1', 'completed', ?, ?, ?, ?, ?)")
      .run(ben.id, resolved.id, now, now, now);

    source.skills[0]!.description = 'Changed in the file';
    source.rules.reverse();
    source.rules = source.rules.filter((r) => r.name !== 'Spam and scams');
    source.agents = source.agents.filter((x) => x.name !== 'Ben Okafor' && x.name !== 'Ana Souza');
    source.agents.push({ ...structuredClone(source.agents[0]!), name: 'Dan New', email: 'dan@example.com' });
    source.dispositions = source.dispositions.filter((d) => d.code !== 'resolved' && d.code !== 'spam');
    source.strategy.autoMessageThrottleMinutes = 90;
    source.weeklyHours = source.weeklyHours.filter((h) => h.weekday !== 6);
    const text = JSON.stringify(source);

    const p = await call<ConfigImportPreview>(a, 'configTransfer.preview', { text });
    expect(part(p, 'skills').changed).toEqual([{ name: source.skills[0]!.name, fields: ['description'] }]);
    expect(part(p, 'rules')).toMatchObject({ added: [], removed: [{ name: 'Spam and scams', outcome: 'deleted' }], reordered: true });
    expect(part(p, 'agents').added).toEqual(['Dan New <dan@example.com>']);
    expect(part(p, 'agents').removed).toEqual([
      { name: 'Ana Souza <ana@example.com>', outcome: 'deleted', reason: null },
      { name: 'Ben Okafor <ben@example.com>', outcome: 'deactivated', reason: expect.stringMatching(/handled interactions/) },
    ]);
    expect(part(p, 'dispositions').removed).toEqual([
      { name: 'resolved (Resolved)', outcome: 'deactivated', reason: expect.stringMatching(/reports keep/) },
      { name: 'spam (Spam)', outcome: 'deleted', reason: null },
    ]);
    expect(part(p, 'strategy').changed[0]!.fields).toEqual(['auto message throttle minutes']);
    expect(part(p, 'weeklyHours').changed[0]!.fields).toEqual(['Saturday']);
    expect(part(p, 'templates')).toMatchObject({ added: [], changed: [], removed: [] });

    await call(a, 'configTransfer.apply', { text, baseVersion: p.baseVersion });
    const after = a.ctx.config.snapshot;
    expect(after.agents.find((x) => x.id === ben.id)).toMatchObject({ active: false }); // kept, with its history
    expect(after.agents.some((x) => x.name === 'Ana Souza')).toBe(false);
    expect(after.dispositions.find((d) => d.id === resolved.id)).toMatchObject({ active: false });
    expect(after.dispositions.some((d) => d.code === 'spam')).toBe(false);
    expect(after.keywordRules.map((r) => r.name)).toEqual(source.rules.map((r) => r.name));
    expect(after.strategy.autoMessageThrottleMinutes).toBe(90);
    expect(after.weeklyHours.some((h) => h.weekday === 6)).toBe(false);
  });

  it('refuses a file it cannot read, says why, and changes nothing', async () => {
    const a = await richSource();
    const good = JSON.parse((await exportOf(a)).text) as Record<string, unknown> & { rules: { match: { regex: string | null }; action: Record<string, unknown> }[]; agents: { email: string | null; skills: { skill: string; level: number }[] }[] };
    const before = (await exportOf(a)).text;
    const auditCount = (await listAudit(a.ctx.db, { limit: 1000 })).length;

    const notJson = await refusal(a, 'configTransfer.preview', { text: 'name,code\nResolved,resolved' });
    expect(notJson).toMatchObject({ code: 'invalid_input' });
    expect(notJson.message).toMatch(/not JSON/);

    const wrong = await refusal(a, 'configTransfer.preview', { text: JSON.stringify({ format: 'something-else', items: [] }) });
    expect(wrong.message).toMatch(/not a Parley configuration/);

    const newer = await refusal(a, 'configTransfer.apply', { text: JSON.stringify({ ...good, version: 2 }) });
    expect(newer.message).toMatch(/newer Parley \(file format version 2\).*reads version 1/);

    const broken = structuredClone(good);
    broken.rules[0]!.match.regex = '(unclosed';
    broken.agents[0]!.email = 'not an email';
    broken.agents[0]!.skills.push({ skill: 'Juggling', level: 2 });
    broken.rules[1]!.action = { type: 'route_skill', skill: 'Astrology', minLevel: 1, priority: 0 };
    const schemaError = await refusal(a, 'configTransfer.apply', { text: JSON.stringify(broken) });
    expect(schemaError.fields).toHaveProperty(['agents.0.email']);
    // Schema problems come first; once the shape is right, references and patterns are checked.
    broken.agents[0]!.email = null;
    const refs = await refusal(a, 'configTransfer.apply', { text: JSON.stringify(broken) });
    expect(refs.fields).toMatchObject({
      'rules.0.match.regex': expect.stringMatching(/does not compile/),
      'rules.1.action.skill': 'No skill called "Astrology" in this file',
      [`agents.0.skills.${broken.agents[0]!.skills.length - 1}.skill`]: 'No skill called "Juggling" in this file',
    });
    expect(refs.message).toMatch(/3 parts are not valid.*Nothing was changed/);

    expect((await exportOf(a)).text.replace(/"exportedAt": "[^"]+"/, '')).toBe(before.replace(/"exportedAt": "[^"]+"/, ''));
    expect(await listAudit(a.ctx.db, { limit: 1000 })).toHaveLength(auditCount);
  });

  it('applies all or nothing, and refuses a preview that went stale', async () => {
    const a = await richSource();
    const text = (await exportOf(a)).text;
    const b = await engine();
    const p = await call<ConfigImportPreview>(b, 'configTransfer.preview', { text });
    await b.ctx.config.createSkill({ name: 'Saved in between' }, 'admin');
    const stale = await refusal(b, 'configTransfer.apply', { text, baseVersion: p.baseVersion });
    expect(stale).toMatchObject({ code: 'conflict', message: expect.stringMatching(/changed since this preview/) });

    // A failure part-way (the database refuses the keyword rules) rolls back the skills and templates too.
    b.ctx.sqlite.exec("create trigger refuse_rules before insert on keyword_rule begin select raise(abort, 'refused by test trigger'); end");
    const failed = await b.dispatch('configTransfer.apply', { text }, session);
    expect(failed.ok).toBe(false);
    expect(b.ctx.sqlite.prepare('select name from skill order by name').all()).toEqual([{ name: 'Saved in between' }]);
    expect(b.ctx.sqlite.prepare('select count(*) as n from message_template').get()).toEqual({ n: 0 });
    expect(b.ctx.config.snapshot.templates).toEqual([]);

    b.ctx.sqlite.exec('drop trigger refuse_rules');
    await call(b, 'configTransfer.apply', { text });
    expect(withoutStamp((await exportOf(b)).text)).toEqual(withoutStamp(text));
  });

  it('never switches the emergency, and keeps a live emergency with something to say', async () => {
    const a = await richSource();
    const file = JSON.parse((await exportOf(a)).text) as { emergency: { message: string }; templates: { kind: string; active: boolean }[] };
    const b = await engine();
    await b.ctx.config.setEmergency({ active: true, scope: 'all', message: 'Storm', endsAt: null }, 'admin');
    await call(b, 'configTransfer.apply', { text: JSON.stringify(file) });
    expect(b.ctx.config.snapshot.emergency).toMatchObject({ active: true, scope: 'x', message: 'We are fixing an outage.' });

    file.emergency.message = '';
    file.templates = file.templates.filter((t) => t.kind !== 'emergency');
    const refused = await refusal(b, 'configTransfer.preview', { text: JSON.stringify(file) });
    expect(refused.fields).toHaveProperty(['emergency.message']);
  });

  it('lists the audit log filtered by entity, actor and days, newest first, in pages', async () => {
    const a = await richSource();
    const page1 = await call<{ entries: { id: number; entity: string; actorLabel: string }[]; hasMore: boolean }>(a, 'audit.list', { entity: 'keyword_rule', limit: 2 });
    expect(page1.entries).toHaveLength(2);
    expect(page1.hasMore).toBe(true);
    expect(page1.entries.every((e) => e.entity === 'keyword_rule')).toBe(true);
    const page2 = await call<typeof page1>(a, 'audit.list', { entity: 'keyword_rule', limit: 2, beforeId: page1.entries[1]!.id });
    expect(page2.entries[0]!.id).toBeLessThan(page1.entries[1]!.id);
    const byAdmin = await call<typeof page1>(a, 'audit.list', { actor: 'admin', limit: 500 });
    expect(byAdmin.entries.length).toBeGreaterThan(5);
    expect(byAdmin.entries.every((e) => e.actorLabel === 'Admin')).toBe(true);
    const none = await call<typeof page1>(a, 'audit.list', { from: '2001-01-01', to: '2001-01-31' });
    expect(none.entries).toEqual([]);
    const badRange = await refusal(a, 'audit.list', { from: '2026-02-01', to: '2026-01-01' });
    expect(badRange.fields).toHaveProperty('to');
    const facets = await call<{ entities: string[]; actors: { actor: string; label: string }[] }>(a, 'audit.facets', {});
    expect(facets.entities).toEqual(expect.arrayContaining(['agent', 'keyword_rule', 'special_day', 'emergency']));
    expect(facets.actors).toEqual(expect.arrayContaining([{ actor: 'admin', label: 'Admin' }, { actor: 'Sandbox demo setup', label: 'Sandbox demo setup' }]));
  });
});
