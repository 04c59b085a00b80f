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
}

export interface RuleMatchResult {
  matched: boolean;
  /** One sentence per condition checked, in order. */
  reasons: string[];
}

const strip = (s: string, prefix: string) => fold(s.trim()).replace(new RegExp(`^\\${prefix}+`), '');

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
  return {
    rule,
    any: phrases(rule.match.any),
    all: phrases(rule.match.all),
    none: phrases(rule.match.none),
    hashtags: rule.match.hashtags.map((h) => strip(h, '#')).filter(Boolean),
    mentions: rule.match.mentions.map((m) => strip(m, '@')).filter(Boolean),
    regex,
    // Marks only: lower-casing the pattern would turn \D or \W into other classes; flag i covers case.
    foldedRegex: regex ? compileRegex(rule.match.regex!.normalize('NFKD').replace(/\p{M}+/gu, '')).regex : null,
    regexError: error,
  };
}

export interface RuleSubject {
  text: string;
  network: Network;
  channelKind: ChannelKind;
  features?: TextFeatures;
}

const quote = (p: string[]) => `"${p.join(' ')}"`;

/** Every non-empty condition must hold. Evaluation stops at the first that fails. */
export function matchRule(c: CompiledRule, subject: RuleSubject): RuleMatchResult {
  const reasons: string[] = [];
  const fail = (why: string): RuleMatchResult => ({ matched: false, reasons: [...reasons, why] });
  const { rule } = c;
  if (!rule.enabled) return fail('The rule is disabled.');
  if (rule.networks.length && !rule.networks.includes(subject.network)) return fail(`The rule is limited to ${rule.networks.join(', ')}.`);
  if (rule.channelKinds.length && !rule.channelKinds.includes(subject.channelKind)) return fail(`The rule is limited to ${rule.channelKinds.join(', ')} messages.`);
  if (c.regexError) return fail(`The pattern does not compile: ${c.regexError}`);
  const f = subject.features ?? textFeatures(subject.text);
  if (c.any.length) {
    const hit = c.any.find((p) => hasPhrase(f, p));
    if (!hit) return fail(`None of ${c.any.map(quote).join(', ')} appears.`);
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
    if (!hit) return fail(`None of the hashtags ${c.hashtags.map((h) => `#${h}`).join(', ')} appears.`);
    reasons.push(`Found #${hit}.`);
  }
  if (c.mentions.length) {
    const hit = c.mentions.find((m) => f.mentions.has(m));
    if (!hit) return fail(`None of the mentions ${c.mentions.map((m) => `@${m}`).join(', ')} appears.`);
    reasons.push(`Found @${hit}.`);
  }
  if (c.regex) {
    // Tested on the text as written and accent-folded, so the pattern is accent-insensitive too.
    const m = c.regex.exec(subject.text) ?? c.regex.exec(f.folded) ?? c.foldedRegex?.exec(f.folded) ?? null;
    if (!m) return fail(`The pattern /${c.regex.source}/ does not match.`);
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

/** Evaluates rules in order; the first that matches decides. Only the first `explainMisses` misses carry
 *  their reasons (building hundreds of sentences per message nobody reads was most of ingest's strategy cost). */
export function firstMatchingRule(rules: readonly CompiledRule[], subject: RuleSubject, explainMisses = Infinity): FirstMatch {
  const withFeatures = { ...subject, features: subject.features ?? textFeatures(subject.text) };
  const checked: FirstMatch['checked'] = [];
  for (const c of rules) {
    if (!c.rule.enabled) continue;
    // Sentences only for the match and the misses shown; the rest are settled by ruleHolds alone.
    if (checked.length >= explainMisses && !ruleHolds(c, withFeatures, withFeatures.features)) {
      checked.push({ ruleId: c.rule.id, name: c.rule.name, matched: false, reasons: [] });
      continue;
    }
    const r = matchRule(c, withFeatures);
    checked.push({ ruleId: c.rule.id, name: c.rule.name, matched: r.matched, reasons: r.reasons });
    if (r.matched) return { rule: c.rule, checked };
  }
  return { rule: null, checked };
}
