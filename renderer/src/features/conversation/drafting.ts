// Helpers the composer and the move-to-private dialog share: a fresh send key per draft, and a length
// counted the way the network counts it.
// The package's browser build exports one default object (its named exports exist only for Node).
import twitterText from 'twitter-text';
import type { ReplyOption } from '../../../../preload/contract';

export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2, 12)}`);

/** Length as the network counts it: X's weighted count for posts, characters elsewhere. */
export function measure(text: string, max: ReplyOption['maxLength']): { used: number; limit: number; over: boolean } {
  if (max === 'tweet') {
    const t = twitterText.parseTweet(text);
    return { used: t.weightedLength, limit: 280, over: text.trim().length > 0 && !t.valid && t.weightedLength > 280 };
  }
  const used = [...text].length;
  return { used, limit: max, over: used > max };
}
