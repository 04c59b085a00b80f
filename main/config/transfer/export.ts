// Writes the configuration as a version-1 file: every part, references by name or code, in the order the
// engine evaluates them. The same function describes the current install when an import is previewed,
// so "what will change" compares like with like.
import type { SpecialDayRecord } from '../../../db/repositories/configTypes';
import type { KeywordRule, RuleAction, Template } from '../../../preload/contract/model';
import type { ConfigSnapshot } from '../snapshot';
import { CONFIG_FORMAT, CONFIG_VERSION, configFileSchema, type ConfigFile, type RuleFile } from './format';

/** Gives each item a key unique in its list: the natural key, with " #2", " #3" added where it repeats. */
export function uniqueKeys<T>(items: readonly T[], keyOf: (item: T) => string): string[] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  });
}

/** The key rules and strategies use for a template: its name, made unique where names repeat. */
export function templateKeys(templates: readonly Template[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const t of templates) count.set(t.name, (count.get(t.name) ?? 0) + 1);
  const described = templates.map((t) =>
    count.get(t.name)! > 1 ? `${t.name} (${t.kind.replace(/_/g, ' ')}, ${t.network ?? 'any network'}, ${t.visibility})` : t.name,
  );
  const keys = uniqueKeys(described, (d) => d);
  return new Map(templates.map((t, i) => [t.id, keys[i]!]));
}

function nameOf(list: readonly { id: number; name: string }[], id: number, what: string): string {
  const found = list.find((x) => x.id === id);
  // The config service refuses dangling references, so this only trips on a hand-edited database.
  if (!found) throw new Error(`${what} ${id} is referenced but does not exist`);
  return found.name;
}

function ruleToFile(rule: KeywordRule, s: ConfigSnapshot, tKeys: Map<number, string>): RuleFile {
  const a: RuleAction = rule.action;
  let action: RuleFile['action'];
  switch (a.type) {
    case 'route_skill':
      action = { type: 'route_skill', skill: nameOf(s.skills, a.skillId, 'Skill'), minLevel: a.minLevel, priority: a.priority };
      break;
    case 'route_group':
      action = { type: 'route_group', group: nameOf(s.groups, a.groupId, 'Agent group'), priority: a.priority };
      break;
    case 'auto_reply':
      action = { type: 'auto_reply', template: tKeys.get(a.templateId) ?? String(a.templateId), visibility: a.visibility, alsoRoute: a.alsoRoute };
      break;
    default:
      action = a;
  }
  return { name: rule.name, enabled: rule.enabled, match: rule.match, networks: rule.networks, channelKinds: rule.channelKinds, action };
}

export interface ExportMeta {
  exportedAt: string | null;
  exportedFrom: string | null;
}

/** The whole configuration as a file object (validated by the file schema, so it always reads back). */
export function exportConfiguration(s: ConfigSnapshot, specialDays: readonly SpecialDayRecord[], meta: ExportMeta): ConfigFile {
  const tKeys = templateKeys(s.templates);
  const { autoReply, dmRouting, ...strategy } = s.strategy;
  const file = {
    format: CONFIG_FORMAT,
    version: CONFIG_VERSION,
    exportedAt: meta.exportedAt,
    exportedFrom: meta.exportedFrom,
    timeZone: s.timeZone,
    weeklyHours: s.weeklyHours.map((h) => ({ weekday: h.weekday, opensAt: h.opensAt, closesAt: h.closesAt })),
    specialDays: specialDays.map((d) => ({
      name: d.name,
      date: d.date,
      recurrence: d.recurrence,
      closed: d.closed,
      hours: d.closed ? [] : d.hours,
      message: d.message,
      uid: d.icalUid,
    })),
    emergency: { scope: s.emergency.scope, message: s.emergency.message },
    skills: s.skills.map((k) => ({ name: k.name, description: k.description })),
    groups: s.groups.map((g) => ({ name: g.name, description: g.description })),
    agents: s.agents.map((a) => ({
      name: a.name,
      email: a.email,
      role: a.role,
      skills: a.skills.map((k) => ({ skill: nameOf(s.skills, k.skillId, 'Skill'), level: k.level })).sort((x, y) => x.skill.localeCompare(y.skill)),
      groups: a.groupIds.map((g) => nameOf(s.groups, g, 'Agent group')).sort(),
      capacity: a.capacity,
      active: a.active,
    })),
    templates: s.templates.map((t) => ({
      key: tKeys.get(t.id)!,
      kind: t.kind,
      name: t.name,
      network: t.network,
      visibility: t.visibility,
      variants: t.variants,
      active: t.active,
    })),
    dispositions: s.dispositions.map((d) => ({ code: d.code, label: d.label, description: d.description, active: d.active })),
    rules: s.keywordRules.map((r) => ruleToFile(r, s, tKeys)),
    strategy: {
      ...strategy,
      autoReply: {
        enabled: autoReply.enabled,
        networks: autoReply.networks,
        channelKinds: autoReply.channelKinds,
        template: autoReply.templateId == null ? null : (tKeys.get(autoReply.templateId) ?? null),
        retryMinutes: autoReply.retryMinutes,
        alsoRoute: autoReply.alsoRoute,
      },
      dmRouting: { group: dmRouting.groupId == null ? null : (s.groups.find((g) => g.id === dmRouting.groupId)?.name ?? null), priority: dmRouting.priority },
    },
  };
  return configFileSchema.parse(file);
}

/** The file's text: stable key order and two-space indentation, so two exports diff cleanly. */
export function configFileText(file: ConfigFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
