// Keyword rules compiled once per configuration change and matched per message, with the reasons
// a person reads in "What would happen" and in the rule tester.
import type { ChannelKind, KeywordRule, KeywordRuleInput, Network } from '../../preload/contract/model';
import { fold, hasPhrase, splitWords, textFeatures, type TextFeatures } from './text';

export interface CompiledRule {
  rule: KeywordRule | (KeywordRuleInput & { id: number; position: number });
  any: string[][];
  all: string[][];
  none: string[][];
  hashtags: string[];
  mentions: string[];
  regex: RegExp | null;
  /** The same pattern without accents, tried on the accent-folded text. */
  foldedRegex: RegExp | null;
  /** Set when the pattern does not compile; such a rule never matches. */
  regexError: string | null;
  /** The sentences of a miss that do not depend on the message, written once per configuration change
   *  instead of once per message (ingest explains the first few misses of every message). */
  misses: MissSentences;
}

interface MissSentences {
  networks: string;
  channelKinds: string;
  any: string;
  hashtags: string;
  mentions: string;
  regex: string;
}

export interface RuleMatchResult {
  matched: boolean;
  /** One sentence per condition checked, in order. */
  reasons: string[];
}

const strip = (s: string, prefix: string) => fold(s.trim()).replace(new RegExp(`^\\${prefix}+`), '');

const quote = (p: string[]) => `"${p.join(' ')}"`;

export function compileRegex(pattern: string): { regex: RegExp | null; error: string | null } {
  try {
    return { regex: new RegExp(pattern, 'iu'), error: null };
  } catch (e) {
    return { regex: null, error: (e as Error).message };
  }
}

export function compileRule(rule: CompiledRule['rule']): CompiledRule {
  const phrases = (list: string[]) => list.map(splitWords).filter((p) => p.length > 0);
  const { regex, error } = rule.match.regex ? compileRegex(rule.match.regex) : { regex: null, error: null };
  const any = phrases(rule.match.any);
  const hashtags = rule.match.hashtags.map((h) => strip(h, '#')).filter(Boolean);
  const mentions = rule.match.mentions.map((m) => strip(m, '@')).filter(Boolean);
  return {
    rule,
    any,
    all: phrases(rule.match.all),
    none: phrases(rule.match.none),
    hashtags,
    mentions,
    regex,
    // Marks only: lower-casing the pattern would turn \D or \W into other classes; flag i covers case.
    foldedRegex: regex ? compileRegex(rule.match.regex!.normalize('NFKD').replace(/\p{M}+/gu, '')).regex : null,
    regexError: error,
    misses: {
      networks: `The rule is limited to ${rule.networks.join(', ')}.`,
      channelKinds: `The rule is limited to ${rule.channelKinds.join(', ')} messages.`,
      any: `None of ${any.map(quote).join(', ')} appears.`,
      hashtags: `None of the hashtags ${hashtags.map((h) => `#${h}`).join(', ')} appears.`,
      mentions: `None of the mentions ${mentions.map((m) => `@${m}`).join(', ')} appears.`,
      regex: regex ? `The pattern /${regex.source}/ does not match.` : '',
    },
  };
}

export interface RuleSubject {
  text: string;
  network: Network;
  channelKind: ChannelKind;
  features?: TextFeatures;
}

/** Every non-empty condition must hold. Evaluation stops at the first that fails. */
export function matchRule(c: CompiledRule, subject: RuleSubject): RuleMatchResult {
  const reasons: string[] = [];
  const fail = (why: string): RuleMatchResult => ({ matched: false, reasons: [...reasons, why] });
  const { rule } = c;
  if (!rule.enabled) return fail('The rule is disabled.');
  if (rule.networks.length && !rule.networks.includes(subject.network)) return fail(c.misses.networks);
  if (rule.channelKinds.length && !rule.channelKinds.includes(subject.channelKind)) return fail(c.misses.channelKinds);
  if (c.regexError) return fail(`The pattern does not compile: ${c.regexError}`);
  const f = subject.features ?? textFeatures(subject.text);
  if (c.any.length) {
    const hit = c.any.find((p) => hasPhrase(f, p));
    if (!hit) return fail(c.misses.any);
    reasons.push(`Found ${quote(hit)}.`);
  }
  if (c.all.length) {
    const missing = c.all.filter((p) => !hasPhrase(f, p));
    if (missing.length) return fail(`Missing ${missing.map(quote).join(', ')}.`);
    reasons.push(`Found all of ${c.all.map(quote).join(', ')}.`);
  }
  if (c.none.length) {
    const present = c.none.find((p) => hasPhrase(f, p));
    if (present) return fail(`Contains excluded ${quote(present)}.`);
    reasons.push(`None of the excluded words appears.`);
  }
  if (c.hashtags.length) {
    const hit = c.hashtags.find((h) => f.hashtags.has(h));
    if (!hit) return fail(c.misses.hashtags);
    reasons.push(`Found #${hit}.`);
  }
  if (c.mentions.length) {
    const hit = c.mentions.find((m) => f.mentions.has(m));
    if (!hit) return fail(c.misses.mentions);
    reasons.push(`Found @${hit}.`);
  }
  if (c.regex) {
    // Tested on the text as written and accent-folded, so the pattern is accent-insensitive too.
    const m = c.regex.exec(subject.text) ?? c.regex.exec(f.folded) ?? c.foldedRegex?.exec(f.folded) ?? null;
    if (!m) return fail(c.misses.regex);
    reasons.push(`The pattern matches "${m[0].slice(0, 60)}".`);
  }
  return { matched: true, reasons };
}

const anyPhrase = (f: TextFeatures, phrases: string[][]): boolean => {
  for (const p of phrases) if (hasPhrase(f, p)) return true;
  return false;
};
const anyIn = (set: Set<string>, items: string[]): boolean => {
  for (const i of items) if (set.has(i)) return true;
  return false;
};

/** matchRule's verdict without its sentences (no allocation): the same conditions in the same order. */
export function ruleHolds(c: CompiledRule, subject: RuleSubject, f: TextFeatures): boolean {
  const { rule } = c;
  if (!rule.enabled || c.regexError) return false;
  if (rule.networks.length && !rule.networks.includes(subject.network)) return false;
  if (rule.channelKinds.length && !rule.channelKinds.includes(subject.channelKind)) return false;
  if (c.any.length && !anyPhrase(f, c.any)) return false;
  if (c.all.length) for (const p of c.all) if (!hasPhrase(f, p)) return false;
  if (c.none.length && anyPhrase(f, c.none)) return false;
  if (c.hashtags.length && !anyIn(f.hashtags, c.hashtags)) return false;
  if (c.mentions.length && !anyIn(f.mentions, c.mentions)) return false;
  if (c.regex && !c.regex.test(subject.text) && !c.regex.test(f.folded) && !c.foldedRegex?.test(f.folded)) return false;
  return true;
}

export interface FirstMatch {
  rule: CompiledRule['rule'] | null;
  /** Per rule checked, in order: its name and the outcome. */
  checked: Array<{ ruleId: number; name: string; matched: boolean; reasons: string[] }>;
}

/** Per rule list (one per configuration snapshot): rule positions by the first word of each phrase in their
 *  "any" list. A message containing none of a rule's first words cannot pass that condition, so one lookup
 *  per message word replaces one per phrase per rule. */
const firstWords = new WeakMap<readonly CompiledRule[], Map<string, number[]>>();
function firstWordIndex(rules: readonly CompiledRule[]): Map<string, number[]> {
  let index = firstWords.get(rules);
  if (!index) {
    index = new Map();
    rules.forEach((c, i) => {
      for (const p of c.any) {
        const list = index!.get(p[0]!) ?? [];
        if (list[list.length - 1] !== i) list.push(i);
        index!.set(p[0]!, list);
      }
    });
    firstWords.set(rules, index);
  }
  return index;
}

/** Evaluates rules in order; the first that matches decides. Only the first `explainMisses` misses carry
 *  their reasons (building hundreds of sentences per message nobody reads was most of ingest's strategy cost). */
export function firstMatchingRule(rules: readonly CompiledRule[], subject: RuleSubject, explainMisses = Infinity): FirstMatch {
  const withFeatures = { ...subject, features: subject.features ?? textFeatures(subject.text) };
  const f = withFeatures.features;
  const index = firstWordIndex(rules);
  const mayHaveAny = new Uint8Array(rules.length);
  for (const w of f.wordSet) {
    const list = index.get(w);
    if (list) for (const i of list) mayHaveAny[i] = 1;
  }
  const checked: FirstMatch['checked'] = [];
  for (let i = 0; i < rules.length; i++) {
    const c = rules[i]!;
    if (!c.rule.enabled) continue;
    // Sentences only for the match and the misses shown; the rest are settled by ruleHolds alone.
    if (checked.length >= explainMisses && ((c.any.length > 0 && mayHaveAny[i] === 0) || !ruleHolds(c, withFeatures, f))) {
      checked.push({ ruleId: c.rule.id, name: c.rule.name, matched: false, reasons: [] });
      continue;
    }
    const r = matchRule(c, withFeatures);
    checked.push({ ruleId: c.rule.id, name: c.rule.name, matched: r.matched, reasons: r.reasons });
    if (r.matched) return { rule: c.rule, checked };
  }
  return { rule: null, checked };
}
