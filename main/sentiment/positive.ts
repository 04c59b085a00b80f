// When a post counts as positive for automatic engagement (seed strategy (c)).
import { polarityScores, type SentimentScores } from './vader';

/** A post is mixed when both its positive and its negative share reach this bound, whatever the sum:
 *  "love the app but the update deleted my photos" must never be liked automatically. */
export const MIXED_BOUND = 0.1;
/** VADER's own cut-off for a negative text. */
export const NEGATIVE_COMPOUND = -0.05;

export type SentimentVerdict = 'positive' | 'negative' | 'mixed' | 'neutral';

export interface SentimentJudgement {
  scores: SentimentScores;
  verdict: SentimentVerdict;
  /** Whether it would be engaged at this threshold. */
  positive: boolean;
  reason: string;
}

export function judgeSentiment(text: string, threshold: number): SentimentJudgement {
  const scores = polarityScores(text);
  const c = scores.compound;
  if (scores.pos >= MIXED_BOUND && scores.neg >= MIXED_BOUND) {
    return { scores, verdict: 'mixed', positive: false, reason: `Mixed: positive ${scores.pos} and negative ${scores.neg} are both at least ${MIXED_BOUND}.` };
  }
  if (c <= NEGATIVE_COMPOUND) return { scores, verdict: 'negative', positive: false, reason: `Negative: compound ${c}.` };
  if (c > 0 && c >= threshold) return { scores, verdict: 'positive', positive: true, reason: `Positive: compound ${c} is at or above the threshold ${threshold}.` };
  return { scores, verdict: c > 0 ? 'positive' : 'neutral', positive: false, reason: `Compound ${c} is below the threshold ${threshold}.` };
}
