// The filtered stream's rules: one for the brand's @handle, and the tracked keywords (from Admin →
// Channels) packed into as few rules as fit X's 512-character limit. Only rules tagged "parley:" are
// Parley's; rules someone else added to the app are left alone.
import type { TwitterApi } from 'twitter-api-v2';

export const RULE_TAG_PREFIX = 'parley:';
const MAX_RULE_LENGTH = 512;

export interface StreamRule {
  value: string;
  tag: string;
}

const quote = (k: string) => (/\s/.test(k) ? `"${k}"` : k);

export function desiredRules(handle: string, keywords: readonly string[]): StreamRule[] {
  const rules: StreamRule[] = [{ value: `@${handle} -is:retweet`, tag: `${RULE_TAG_PREFIX}brand` }];
  const suffix = ' -is:retweet';
  let current: string[] = [];
  const flush = () => {
    if (!current.length) return;
    const n = rules.length;
    rules.push({ value: `(${current.join(' OR ')})${suffix}`, tag: `${RULE_TAG_PREFIX}keywords${n > 1 ? `:${n}` : ''}` });
    current = [];
  };
  for (const k of [...new Set(keywords.map((k) => k.trim()).filter(Boolean))]) {
    const next = [...current, quote(k)];
    if (`(${next.join(' OR ')})${suffix}`.length > MAX_RULE_LENGTH) flush();
    current.push(quote(k));
  }
  flush();
  return rules;
}

/** Makes the app's Parley rules exactly `wanted`. Returns true when something changed. */
export async function syncRules(app: TwitterApi, wanted: StreamRule[]): Promise<boolean> {
  const existing = await app.v2.streamRules();
  const ours = (existing.data ?? []).filter((r) => r.tag?.startsWith(RULE_TAG_PREFIX));
  const key = (r: { value: string; tag?: string }) => `${r.tag}\u0000${r.value}`;
  const wantedKeys = new Set(wanted.map(key));
  const haveKeys = new Set(ours.map(key));
  const stale = ours.filter((r) => !wantedKeys.has(key(r))).map((r) => r.id);
  const missing = wanted.filter((r) => !haveKeys.has(key(r)));
  if (stale.length) await app.v2.updateStreamRules({ delete: { ids: stale } });
  // A DuplicateRule answer (the rule exists under another tag) still counts: X matches on the value.
  if (missing.length) await app.v2.updateStreamRules({ add: missing });
  return stale.length > 0 || missing.length > 0;
}

/** The recent-search query that finds what a rule would have streamed. */
export function searchQueryFor(rule: StreamRule): string {
  return rule.value;
}
