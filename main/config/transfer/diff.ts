// What importing a file would change, part by part: items are matched by what a person calls them (a
// skill's name, a code, an agent's email), never by database id, so a file from another install lines up.
import type { TransferItemChange, TransferItemRemoval, TransferPart, TransferPartPreview } from '../../../preload/contract/configTransfer';
import { uniqueKeys } from './export';
import { fileTemplateKeys } from './check';
import type { ConfigFile } from './format';

export const partLabels: Record<TransferPart, string> = {
  timeZone: 'Business time zone',
  weeklyHours: 'Weekly hours',
  specialDays: 'Special days',
  emergency: 'Emergency message',
  skills: 'Skills',
  groups: 'Agent groups',
  agents: 'Agents',
  templates: 'Templates',
  dispositions: 'Disposition codes',
  rules: 'Keyword rules',
  strategy: 'Strategies',
};

/** The identity of each item of a list part, as the import matches it. */
export function identities(file: ConfigFile) {
  return {
    skills: file.skills.map((s) => s.name),
    groups: file.groups.map((g) => g.name),
    templates: fileTemplateKeys(file),
    dispositions: file.dispositions.map((d) => d.code),
    agents: uniqueKeys(file.agents, (a) => a.email?.toLowerCase() ?? a.name),
    rules: uniqueKeys(file.rules, (r) => r.name),
    specialDays: uniqueKeys(file.specialDays, (d) => `${d.date} ${d.name}`),
  };
}
export type ListPart = keyof ReturnType<typeof identities>;

/** Stable text of a value: object keys sorted, so {a,b} and {b,a} compare equal. */
export function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

const words: Record<string, string> = {
  channelKinds: 'channel kinds',
  match: 'what it matches',
  variants: 'wording',
  enabled: 'on or off',
  active: 'active',
  uid: 'calendar UID',
  recurrence: 'yearly or once',
  closed: 'closed or open',
  skills: 'skills and levels',
  key: 'key',
};
const humanize = (k: string) => words[k] ?? k.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

function changedFields(a: Record<string, unknown>, b: Record<string, unknown>, ignore: string[]): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.includes(k));
  return keys.filter((k) => stable(a[k]) !== stable(b[k])).map(humanize);
}

/** Paths (a.b.c) whose values differ between two nested objects. */
function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  const isObj = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
  if (isObj(a) && isObj(b)) {
    return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => changedPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
  }
  return stable(a) === stable(b) ? [] : [prefix || '(value)'];
}

export interface RemovalFacts {
  /** Agent identities (as identities() gives them) with handled work: they are deactivated, not deleted. */
  agentsWithHistory: Set<string>;
  /** Disposition codes chosen on an interaction: deactivated, not deleted. */
  dispositionsInUse: Set<string>;
}

interface ListSpec<T> {
  part: ListPart & TransferPart;
  items: (f: ConfigFile) => T[];
  display: (item: T, key: string) => string;
  ignore: string[];
  ordered?: boolean;
}

const listSpecs: ListSpec<Record<string, unknown>>[] = [
  { part: 'specialDays', items: (f) => f.specialDays, display: (_d, k) => k, ignore: ['name', 'date'] },
  { part: 'skills', items: (f) => f.skills, display: (_s, k) => k, ignore: ['name'] },
  { part: 'groups', items: (f) => f.groups, display: (_g, k) => k, ignore: ['name'] },
  { part: 'agents', items: (f) => f.agents, display: (a) => String(a.name) + (a.email ? ` <${String(a.email)}>` : ''), ignore: [] },
  { part: 'templates', items: (f) => f.templates, display: (_t, k) => k, ignore: ['key'] },
  { part: 'dispositions', items: (f) => f.dispositions, display: (d) => `${String(d.code)} (${String(d.label)})`, ignore: ['code'], ordered: true },
  { part: 'rules', items: (f) => f.rules, display: (_r, k) => k, ignore: [], ordered: true },
];

function listPreview(spec: ListSpec<Record<string, unknown>>, current: ConfigFile, incoming: ConfigFile, facts: RemovalFacts): TransferPartPreview {
  const curKeys = identities(current)[spec.part];
  const newKeys = identities(incoming)[spec.part];
  const curItems = spec.items(current);
  const newItems = spec.items(incoming);
  const curByKey = new Map(curKeys.map((k, i) => [k, curItems[i]!]));
  const newSet = new Set(newKeys);
  const added: string[] = [];
  const changed: TransferItemChange[] = [];
  let unchanged = 0;
  newKeys.forEach((k, i) => {
    const item = newItems[i]!;
    const before = curByKey.get(k);
    if (!before) added.push(spec.display(item, k));
    else {
      const fields = changedFields(before, item, spec.ignore);
      if (fields.length) changed.push({ name: spec.display(item, k), fields });
      else unchanged++;
    }
  });
  const removed: TransferItemRemoval[] = [];
  curKeys.forEach((k, i) => {
    if (newSet.has(k)) return;
    const item = curItems[i]!;
    let outcome: TransferItemRemoval['outcome'] = 'deleted';
    let reason: string | null = null;
    if (spec.part === 'agents' && facts.agentsWithHistory.has(k)) {
      outcome = 'deactivated';
      reason = 'has handled interactions, so the history keeps the agent';
    } else if (spec.part === 'dispositions' && facts.dispositionsInUse.has(k)) {
      outcome = 'deactivated';
      reason = 'was chosen on interactions, so reports keep the code';
    }
    // Something already inactive that stays inactive is no change at all.
    if (outcome === 'deactivated' && item.active === false) unchanged++;
    else removed.push({ name: spec.display(item, k), outcome, reason });
  });
  let reordered = false;
  if (spec.ordered) {
    const common = (keys: string[], other: Set<string>) => keys.filter((k) => other.has(k));
    reordered = stable(common(curKeys, newSet)) !== stable(common(newKeys, new Set(curKeys)));
  }
  return { part: spec.part, label: partLabels[spec.part], added, changed, removed, unchanged, reordered };
}

const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function single(part: TransferPart, change: TransferItemChange | null): TransferPartPreview {
  return { part, label: partLabels[part], added: [], changed: change ? [change] : [], removed: [], unchanged: change ? 0 : 1, reordered: false };
}

/** The preview of every part, in the order the import screen lists them. */
export function diffConfiguration(current: ConfigFile, incoming: ConfigFile, facts: RemovalFacts): TransferPartPreview[] {
  const parts: TransferPartPreview[] = [];
  parts.push(
    single('timeZone', current.timeZone === incoming.timeZone ? null : { name: 'Business time zone', fields: [`${current.timeZone} → ${incoming.timeZone}`] }),
  );
  const dayText = (f: ConfigFile, d: number) =>
    f.weeklyHours
      .filter((h) => h.weekday === d)
      .map((h) => `${h.opensAt}-${h.closesAt}`)
      .sort()
      .join(', ');
  const days = weekdays.filter((_n, i) => dayText(current, i + 1) !== dayText(incoming, i + 1));
  parts.push(single('weeklyHours', days.length ? { name: 'Opening hours', fields: days } : null));
  const spec = (p: ListPart) => listSpecs.find((s) => s.part === p)!;
  parts.push(listPreview(spec('specialDays'), current, incoming, facts));
  const em = changedFields(current.emergency, incoming.emergency, []);
  parts.push(single('emergency', em.length ? { name: 'Emergency scope and message', fields: em } : null));
  for (const p of ['skills', 'groups', 'agents', 'templates', 'dispositions', 'rules'] as const) parts.push(listPreview(spec(p), current, incoming, facts));
  const st = changedPaths(current.strategy, incoming.strategy).map((p) => p.split('.').map(humanize).join(' › '));
  parts.push(single('strategy', st.length ? { name: 'Strategy settings', fields: st } : null));
  return parts;
}
