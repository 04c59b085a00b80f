// Text facts both networks need: @mentions and #hashtags with code-point indices (as the X API reports
// them), a language guess by script, and the tokenizer search and stream rules match against.
import twitterText from 'twitter-text';

export interface MentionEntity {
  start: number;
  end: number;
  username: string;
}
export interface HashtagEntity {
  start: number;
  end: number;
  tag: string;
}

export function extractEntities(text: string): { mentions: MentionEntity[]; hashtags: HashtagEntity[] } {
  const mentions = twitterText.extractMentionsWithIndices(text);
  const hashtags = twitterText.extractHashtagsWithIndices(text);
  twitterText.modifyIndicesFromUTF16ToUnicode(text, mentions);
  twitterText.modifyIndicesFromUTF16ToUnicode(text, hashtags);
  return {
    mentions: mentions.map((m) => ({ start: m.indices[0], end: m.indices[1], username: m.screenName })),
    hashtags: hashtags.map((h) => ({ start: h.indices[0], end: h.indices[1], tag: h.hashtag })),
  };
}

/** Weighted length as X counts it (emoji and CJK count double). */
export function tweetLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

export function guessLang(text: string): string {
  const body = text.replace(/[@#][\p{L}\p{N}_]+/gu, '');
  if (/[\u0600-\u06FF]/.test(body)) return 'ar';
  if (/[\u0590-\u05FF]/.test(body)) return 'iw';
  if (/[\u3040-\u30FF]/.test(body)) return 'ja';
  if (/[\u4E00-\u9FFF]/.test(body)) return 'zh';
  if (/[\u0400-\u04FF]/.test(body)) return 'ru';
  if (/[¿¡ñ]|\b(hola|gracias|pedido|por favor)\b/i.test(body)) return 'es';
  if (/\p{L}/u.test(body)) return 'en';
  return 'und';
}

/** Scripts written without spaces: keywords there match as substrings, not tokens. */
const unspaced = /[\u3040-\u30FF\u4E00-\u9FFF\uAC00-\uD7AF]/;

export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}\p{M}_@#$']+/u)
    .map((t) => t.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

/** Does `text` contain `keyword` as X's tokenized match would (case-insensitive; substring for CJK)? */
export function containsKeyword(text: string, tokens: readonly string[], keyword: string): boolean {
  const k = keyword.toLowerCase();
  if (unspaced.test(k)) return text.toLowerCase().includes(k);
  return tokens.includes(k) || tokens.includes(`#${k}`);
}

/** Phrase match: the words in order, ignoring case and punctuation between them. */
export function containsPhrase(tokens: readonly string[], lowered: string, phrase: string): boolean {
  const p = phrase.toLowerCase();
  if (unspaced.test(p)) return lowered.includes(p);
  const words = tokenize(p);
  if (words.length === 0) return false;
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) if (tokens[i + j] !== words[j]) continue outer;
    return true;
  }
  return false;
}
