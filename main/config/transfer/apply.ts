// Applies a checked configuration file inside ONE transaction the config service opens: items matched by
// name or code keep their database ids (so history, queue and routing still point at them), new ones are
// inserted, missing ones deleted, or deactivated where history points at them. Every row written is
// audited. Order matters: what is referenced is written before what references it, and deleted after.
import type { DB } from '../../../db/connection';
import * as agentsRepo from '../../../db/repositories/agents';
import * as calendarRepo from '../../../db/repositories/calendar';
import type { SpecialDayRecord } from '../../../db/repositories/configTypes';
import * as dispositionsRepo from '../../../db/repositories/dispositions';
import * as rulesWrite from '../../../db/repositories/keywordRules';
import { putSetting } from '../../../db/repositories/settings';
import * as templatesRepo from '../../../db/repositories/templates';
import type { AgentInput, KeywordRuleInput, RuleAction, StrategySettings } from '../../../preload/contract/model';
import { getKeywordRule } from '../rules';
import { STRATEGY_SETTINGS_KEY, TIME_ZONE_KEY } from '../settings';
import type { ConfigSnapshot } from '../snapshot';
import { identities, stable } from './diff';
import type { AgentFile, ConfigFile, RuleFile } from './format';

export type AuditFn = (action: string, entity: string, entityId: unknown, before: unknown, after: unknown) => Promise<void>;

export interface ApplyState {
  snapshot: ConfigSnapshot;
  /** The install as a file (exportConfiguration of the snapshot), item i of each list = the snapshot's item i. */
  current: ConfigFile;
  specialDays: SpecialDayRecord[];
  agentsWithHistory: Set<string>;
  dispositionsInUse: Set<string>;
  actor: string;
}

/** key -> database id, for each list part of the current install. */
function idsByKey(keys: string[], rows: readonly { id: number }[]): Map<string, number> {
  return new Map(keys.map((k, i) => [k, rows[i]!.id]));
}

function must<T>(map: Map<string, T>, key: string, what: string): T {
  const v = map.get(key);
  // checkConfigFile resolved every reference already; this guards the invariant.
  if (v === undefined) throw new Error(`${what} "${key}" was not written before it was referenced`);
  return v;
}

export async function applyConfiguration(trx: DB, now: number, audit: AuditFn, st: ApplyState, incoming: ConfigFile): Promise<void> {
  const s = st.snapshot;
  const cur = identities(st.current);
  const inc = identities(incoming);
  const same = (a: unknown, b: unknown) => stable(a) === stable(b);

  // ---- skills and groups (referenced by agents and rules) ----
  const skillIds = idsByKey(cur.skills, s.skills);
  for (const [i, k] of incoming.skills.entries()) {
    const id = skillIds.get(k.name);
    if (id == null) {
      const newId = await agentsRepo.insertSkill(trx, k, now);
      skillIds.set(k.name, newId);
      await audit('create', 'skill', newId, null, { id: newId, ...k });
    } else {
      const before = st.current.skills[cur.skills.indexOf(k.name)]!;
      if (!same(before, k)) {
        await agentsRepo.updateSkill(trx, id, k);
        await audit('update', 'skill', id, { id, ...before }, { id, ...incoming.skills[i]! });
      }
    }
  }
  const groupIds = idsByKey(cur.groups, s.groups);
  for (const g of incoming.groups) {
    const id = groupIds.get(g.name);
    if (id == null) {
      const newId = await agentsRepo.insertGroup(trx, g, now);
      groupIds.set(g.name, newId);
      await audit('create', 'agent_group', newId, null, { id: newId, ...g });
    } else {
      const before = st.current.groups[cur.groups.indexOf(g.name)]!;
      if (!same(before, g)) {
        await agentsRepo.updateGroup(trx, id, g);
        await audit('update', 'agent_group', id, { id, ...before }, { id, ...g });
      }
    }
  }

  // ---- templates (referenced by rules and the strategy) ----
  const templateIds = idsByKey(cur.templates, s.templates);
  for (const [i, t] of incoming.templates.entries()) {
    const key = inc.templates[i]!;
    const { key: _k, ...input } = t;
    const id = templateIds.get(key);
    if (id == null) {
      const newId = await templatesRepo.insertTemplate(trx, input, now);
      templateIds.set(key, newId);
      await audit('create', 'message_template', newId, null, { id: newId, ...input });
    } else {
      const { key: _bk, ...before } = st.current.templates[cur.templates.indexOf(key)]!;
      if (!same(before, input)) {
        await templatesRepo.updateTemplate(trx, id, input, now);
        await audit('update', 'message_template', id, { id, ...before }, { id, ...input });
      }
    }
  }

  // ---- agents ----
  const agentIds = idsByKey(cur.agents, s.agents);
  const toAgentInput = (a: AgentFile): AgentInput => ({
    name: a.name,
    email: a.email,
    role: a.role,
    skills: a.skills.map((k) => ({ skillId: must(skillIds, k.skill, 'Skill'), level: k.level })),
    groupIds: a.groups.map((g) => must(groupIds, g, 'Agent group')),
    capacity: a.capacity,
    active: a.active,
  });
  for (const [i, a] of incoming.agents.entries()) {
    const key = inc.agents[i]!;
    const id = agentIds.get(key);
    if (id == null) {
      const newId = await agentsRepo.insertAgent(trx, toAgentInput(a), now);
      await audit('create', 'agent', newId, null, await agentsRepo.getAgent(trx, newId));
    } else if (!same(st.current.agents[cur.agents.indexOf(key)], a)) {
      const before = await agentsRepo.getAgent(trx, id);
      await agentsRepo.updateAgent(trx, id, toAgentInput(a), now);
      await audit('update', 'agent', id, before, await agentsRepo.getAgent(trx, id));
    }
  }
  const incAgents = new Set(inc.agents);
  for (const [i, key] of cur.agents.entries()) {
    if (incAgents.has(key)) continue;
    const agent = s.agents[i]!;
    if (st.agentsWithHistory.has(key)) {
      if (!agent.active) continue;
      const before = await agentsRepo.getAgent(trx, agent.id);
      // The agent's skills may be about to go; keep only links that survive, so nothing dangles.
      const keep: AgentInput = {
        ...agent,
        skills: agent.skills.filter((k) => incoming.skills.some((x) => skillIds.get(x.name) === k.skillId)),
        groupIds: agent.groupIds.filter((g) => incoming.groups.some((x) => groupIds.get(x.name) === g)),
        active: false,
      };
      await agentsRepo.updateAgent(trx, agent.id, keep, now);
      await audit('deactivate', 'agent', agent.id, before, await agentsRepo.getAgent(trx, agent.id));
    } else {
      await agentsRepo.deleteAgent(trx, agent.id);
      await audit('delete', 'agent', agent.id, agent, null);
    }
  }

  // ---- disposition codes (ordered) ----
  const codeIds = idsByKey(cur.dispositions, s.dispositions);
  const order: number[] = [];
  for (const d of incoming.dispositions) {
    const id = codeIds.get(d.code);
    if (id == null) {
      const newId = await dispositionsRepo.insertDisposition(trx, d, now);
      order.push(newId);
      await audit('create', 'disposition_code', newId, null, { id: newId, ...d });
    } else {
      order.push(id);
      const before = st.current.dispositions[cur.dispositions.indexOf(d.code)]!;
      if (!same(before, d)) {
        await dispositionsRepo.updateDisposition(trx, id, d, now);
        await audit('update', 'disposition_code', id, { id, ...before }, { id, ...d });
      }
    }
  }
  const incCodes = new Set(inc.dispositions);
  for (const [i, code] of cur.dispositions.entries()) {
    if (incCodes.has(code)) continue;
    const d = s.dispositions[i]!;
    if (st.dispositionsInUse.has(code)) {
      order.push(d.id); // kept for reports, after the file's codes
      if (d.active) {
        await dispositionsRepo.updateDisposition(trx, d.id, { code: d.code, label: d.label, description: d.description, active: false }, now);
        await audit('deactivate', 'disposition_code', d.id, d, { ...d, active: false });
      }
    } else {
      await dispositionsRepo.deleteDisposition(trx, d.id);
      await audit('delete', 'disposition_code', d.id, d, null);
    }
  }
  const oldOrder = s.dispositions.map((d) => d.id).filter((id) => order.includes(id));
  await dispositionsRepo.renumberDispositions(trx, order);
  if (!same(oldOrder, order.filter((id) => oldOrder.includes(id)))) await audit('reorder', 'disposition_code', null, oldOrder, order);

  // ---- keyword rules (ordered) ----
  const ruleIds = idsByKey(cur.rules, s.keywordRules);
  const toRuleInput = (r: RuleFile): KeywordRuleInput => {
    const a = r.action;
    let action: RuleAction;
    if (a.type === 'route_skill') action = { type: 'route_skill', skillId: must(skillIds, a.skill, 'Skill'), minLevel: a.minLevel, priority: a.priority };
    else if (a.type === 'route_group') action = { type: 'route_group', groupId: must(groupIds, a.group, 'Agent group'), priority: a.priority };
    else if (a.type === 'auto_reply') action = { type: 'auto_reply', templateId: must(templateIds, a.template, 'Template'), visibility: a.visibility, alsoRoute: a.alsoRoute };
    else action = a;
    return { name: r.name, enabled: r.enabled, match: r.match, networks: r.networks, channelKinds: r.channelKinds, action };
  };
  const incRules = new Set(inc.rules);
  for (const [i, key] of cur.rules.entries()) {
    if (incRules.has(key)) continue;
    const rule = s.keywordRules[i]!;
    await rulesWrite.deleteKeywordRule(trx, rule.id);
    await audit('delete', 'keyword_rule', rule.id, rule, null);
  }
  const ruleOrder: number[] = [];
  for (const [i, r] of incoming.rules.entries()) {
    const key = inc.rules[i]!;
    const id = ruleIds.get(key);
    if (id == null) {
      const newId = await rulesWrite.insertKeywordRule(trx, toRuleInput(r), now);
      ruleOrder.push(newId);
      await audit('create', 'keyword_rule', newId, null, await getKeywordRule(trx, newId));
    } else {
      ruleOrder.push(id);
      if (!same(st.current.rules[cur.rules.indexOf(key)], r)) {
        const before = await getKeywordRule(trx, id);
        await rulesWrite.updateKeywordRule(trx, id, toRuleInput(r), now);
        await audit('update', 'keyword_rule', id, before, await getKeywordRule(trx, id));
      }
    }
  }
  const oldRuleOrder = s.keywordRules.map((r) => r.id).filter((id) => ruleOrder.includes(id));
  await rulesWrite.renumberKeywordRules(trx, ruleOrder);
  if (!same(oldRuleOrder, ruleOrder.filter((id) => oldRuleOrder.includes(id)))) await audit('reorder', 'keyword_rule', null, oldRuleOrder, ruleOrder);

  // ---- strategy, time zone, hours ----
  if (!same(st.current.strategy, incoming.strategy)) {
    const { autoReply, dmRouting, ...rest } = incoming.strategy;
    const settings: StrategySettings = {
      ...rest,
      autoReply: {
        enabled: autoReply.enabled,
        networks: autoReply.networks,
        channelKinds: autoReply.channelKinds,
        templateId: autoReply.template == null ? null : must(templateIds, autoReply.template, 'Template'),
        retryMinutes: autoReply.retryMinutes,
        alsoRoute: autoReply.alsoRoute,
      },
      dmRouting: { groupId: dmRouting.group == null ? null : must(groupIds, dmRouting.group, 'Agent group'), priority: dmRouting.priority },
    };
    await putSetting(trx, STRATEGY_SETTINGS_KEY, settings, st.actor, now);
    await audit('update', 'setting', STRATEGY_SETTINGS_KEY, s.strategy, settings);
  }
  if (st.current.timeZone !== incoming.timeZone) {
    await putSetting(trx, TIME_ZONE_KEY, incoming.timeZone, st.actor, now);
    await audit('update', 'setting', TIME_ZONE_KEY, st.current.timeZone, incoming.timeZone);
  }
  if (!same(st.current.weeklyHours, incoming.weeklyHours)) {
    await calendarRepo.replaceWeeklyHours(trx, incoming.weeklyHours);
    await audit('update', 'weekly_hours', null, st.current.weeklyHours, incoming.weeklyHours);
  }

  // ---- special days ----
  const dayIds = idsByKey(cur.specialDays, st.specialDays);
  const incDays = new Set(inc.specialDays);
  for (const [i, key] of cur.specialDays.entries()) {
    if (incDays.has(key)) continue;
    const d = st.specialDays[i]!;
    await calendarRepo.deleteSpecialDay(trx, d.id);
    await audit('delete', 'special_day', d.id, d, null);
  }
  for (const [i, d] of incoming.specialDays.entries()) {
    const key = inc.specialDays[i]!;
    const { uid, ...input } = d;
    const id = dayIds.get(key);
    const before = id == null ? null : st.specialDays[cur.specialDays.indexOf(key)]!;
    if (id == null || (before && before.icalUid !== uid)) {
      // New, or a different calendar UID (the repository keeps the UID from the insert): write it anew.
      if (id != null) await calendarRepo.deleteSpecialDay(trx, id);
      const newId = await calendarRepo.insertSpecialDay(trx, input, now, uid);
      await audit(id == null ? 'create' : 'update', 'special_day', newId, before, { id: newId, ...input, hours: input.closed ? [] : input.hours });
    } else if (!same(st.current.specialDays[cur.specialDays.indexOf(key)], d)) {
      await calendarRepo.updateSpecialDay(trx, id, input, now);
      await audit('update', 'special_day', id, before, { id, ...input, hours: input.closed ? [] : input.hours });
    }
  }

  // ---- emergency scope and message (the switch itself stays as it is) ----
  if (!same(st.current.emergency, incoming.emergency)) {
    const before = await calendarRepo.getEmergency(trx);
    await calendarRepo.putEmergency(trx, { active: before.active, endsAt: before.endsAt, scope: incoming.emergency.scope, message: incoming.emergency.message }, st.actor, now);
    await audit('update', 'emergency', 1, before, await calendarRepo.getEmergency(trx));
  }

  // ---- last: what nothing references any more ----
  const incTemplates = new Set(inc.templates);
  for (const [i, key] of cur.templates.entries()) {
    if (incTemplates.has(key)) continue;
    const t = s.templates[i]!;
    await templatesRepo.deleteTemplate(trx, t.id);
    await audit('delete', 'message_template', t.id, t, null);
  }
  const incGroups = new Set(inc.groups);
  for (const [i, key] of cur.groups.entries()) {
    if (incGroups.has(key)) continue;
    const g = s.groups[i]!;
    await agentsRepo.deleteGroup(trx, g.id);
    await audit('delete', 'agent_group', g.id, g, null);
  }
  const incSkills = new Set(inc.skills);
  for (const [i, key] of cur.skills.entries()) {
    if (incSkills.has(key)) continue;
    const k = s.skills[i]!;
    await agentsRepo.deleteSkill(trx, k.id);
    await audit('delete', 'skill', k.id, k, null);
  }
}
