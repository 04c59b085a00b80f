// A keyword rule in one line of words, for the ordered list.
import type { ConfigOverview, KeywordRuleInput } from '../../../../../preload/contract';
import { kindLabel, networkLabel } from '../shared/labels';

const list = (xs: string[], max = 3) => (xs.length > max ? `${xs.slice(0, max).join(', ')} +${xs.length - max}` : xs.join(', '));

export function matchText(m: KeywordRuleInput['match']): string {
  const parts: string[] = [];
  if (m.any.length) parts.push(`any of ${list(m.any.map((w) => `“${w}”`))}`);
  if (m.all.length) parts.push(`all of ${list(m.all.map((w) => `“${w}”`))}`);
  if (m.hashtags.length) parts.push(list(m.hashtags.map((h) => `#${h}`)));
  if (m.mentions.length) parts.push(list(m.mentions.map((h) => `@${h}`)));
  if (m.regex) parts.push(`pattern /${m.regex.length > 24 ? `${m.regex.slice(0, 24)}…` : m.regex}/`);
  if (m.none.length) parts.push(`but none of ${list(m.none.map((w) => `“${w}”`))}`);
  return parts.join('; ') || 'nothing yet';
}

export function actionText(a: KeywordRuleInput['action'], c: Pick<ConfigOverview, 'skills' | 'groups' | 'templates'>): string {
  switch (a.type) {
    case 'route_skill':
      return `Route to ${c.skills.find((s) => s.id === a.skillId)?.name ?? 'a missing skill'} (level ${a.minLevel}+, priority ${a.priority})`;
    case 'route_group':
      return `Route to ${c.groups.find((g) => g.id === a.groupId)?.name ?? 'a missing group'} (priority ${a.priority})`;
    case 'auto_reply':
      return `Auto-reply ${a.visibility} with “${c.templates.find((t) => t.id === a.templateId)?.name ?? 'a missing template'}”${a.alsoRoute ? ', then route' : ''}`;
    case 'engage':
      return `${[a.like ? 'Like' : '', a.retweet ? 'retweet' : ''].filter(Boolean).join(' and ')}${a.alsoRoute ? ', then route' : ''}`;
    case 'ignore':
      return 'Ignore (no reply, not queued)';
  }
}

export function scopeText(r: Pick<KeywordRuleInput, 'networks' | 'channelKinds'>): string {
  const n = r.networks.length ? r.networks.map((x) => networkLabel[x]).join(', ') : 'All networks';
  const k = r.channelKinds.length ? r.channelKinds.map((x) => kindLabel[x]).join(', ') : 'all channel kinds';
  return `${n}; ${k}`;
}

/** The pattern's compile error as the engine would report it (flags "iu"), or null. */
export function regexError(pattern: string | null): string | null {
  if (!pattern) return null;
  try {
    new RegExp(pattern, 'iu');
    return null;
  } catch (e) {
    return (e as Error).message.replace(/^Invalid regular expression: /, '');
  }
}
