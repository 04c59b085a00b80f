// The part of the strategy that reads nothing but the message: which keyword rule matches, with the
// sentence that explains it, and the sentiment. It depends only on the text and the configuration's rules
// and threshold, so ingest has it computed on a second thread while the main thread writes the batch
// (analysisPool.ts); decide() computes it itself whenever nobody did. Both run this one function.
import { publicKinds } from '../../preload/contract/kinds';
import type { ChannelKind, Network } from '../../preload/contract/model';
import { judgeSentiment, type SentimentJudgement } from '../sentiment/positive';
import { firstMatchingRule, type CompiledRule } from './rules';
import { subjectOf } from './text';

/** How many missed rules the decision path explains. */
export const SHOWN_MISSES = 5;

export interface AnalysisSubject {
  text: string;
  network: Network;
  channelKind: ChannelKind;
}

export interface TextAnalysis extends RuleVerdict {
  /** For public posts (the only ones ever liked or retweeted); null for private messages. */
  sentiment: SentimentJudgement | null;
  /** The first words, for the queue row (ingest stores it with the interaction). */
  subject: string;
}

export interface RuleVerdict {
  /** Position in the configuration's rule list of the rule that matched, or -1. */
  rule: number;
  /** For a match, why it matched; for a miss, the whole "rules" step of the decision path. */
  sentence: string;
}

export function ruleVerdict(rules: readonly CompiledRule[], m: AnalysisSubject): RuleVerdict {
  const found = firstMatchingRule(rules, m, SHOWN_MISSES);
  if (found.rule) return { rule: rules.findIndex((c) => c.rule === found.rule), sentence: found.checked.at(-1)?.reasons.join(' ') ?? '' };
  const n = found.checked.length;
  // The first few reasons explain a miss; hundreds would only bloat every stored decision.
  const shown = found.checked.slice(0, SHOWN_MISSES).map((c) => `"${c.name}": ${c.reasons.at(-1) ?? ''}`).join(' ');
  return { rule: -1, sentence: n === 0 ? 'No enabled keyword rule.' : `None of ${n} enabled rule(s) matched: ${shown}${n > SHOWN_MISSES ? ` (and ${n - SHOWN_MISSES} more)` : ''}` };
}

export function analyzeText(rules: readonly CompiledRule[], threshold: number, m: AnalysisSubject): TextAnalysis {
  return { ...ruleVerdict(rules, m), sentiment: publicKinds.includes(m.channelKind) ? judgeSentiment(m.text, threshold) : null, subject: subjectOf(m.text) };
}

/** What the analysing thread needs to know of a configuration: its rules as stored (it compiles them
 *  itself) and the engagement threshold, under the snapshot's version. */
export interface AnalysisConfig {
  version: number;
  rules: Array<CompiledRule['rule']>;
  threshold: number;
}
