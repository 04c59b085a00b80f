// Text as the rules see it: case- and accent-folded words, hashtags and mentions.

const nonAscii = /[^\x00-\x7F]/;
// Module-level: the bundler turns a \p{...} literal into `new RegExp(...)` where it stands, once per call.
const marks = /\p{M}+/gu;

/** Lower case without accents: "Café" -> "cafe". */
export function fold(s: string): string {
  // Plain ASCII has nothing to decompose: lower case is the whole fold.
  if (!nonAscii.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(marks, '').toLowerCase();
}


export interface TextFeatures {
  folded: string;
  words: string[];
  /** The same words as a set: most rule words are single words, answered by one lookup. */
  wordSet: Set<string>;
  hashtags: Set<string>;
  mentions: Set<string>;
}

const wordRe = /[\p{L}\p{N}_]+(?:['’][\p{L}\p{N}_]+)*/gu;

export function splitWords(s: string): string[] {
  return fold(s).match(wordRe) ?? [];
}

export function textFeatures(text: string): TextFeatures {
  const folded = fold(text);
  const hashtags = new Set<string>();
  const mentions = new Set<string>();
  if (folded.includes('#')) for (const m of folded.matchAll(/(^|[^\p{L}\p{N}_])#([\p{L}\p{N}_]+)/gu)) hashtags.add(m[2]!);
  if (folded.includes('@')) for (const m of folded.matchAll(/(^|[^\p{L}\p{N}_])@([\p{L}\p{N}_]+)/gu)) mentions.add(m[2]!);
  const words = folded.match(wordRe) ?? [];
  return { folded, words, wordSet: new Set(words), hashtags, mentions };
}

/** Whether the text has `phrase` (already split into words) as consecutive words; a phrase whose first
 *  word is absent is answered by one set lookup, without scanning the text. */
export function hasPhrase(f: Pick<TextFeatures, 'words' | 'wordSet'>, phrase: readonly string[]): boolean {
  if (phrase.length === 0 || !f.wordSet.has(phrase[0]!)) return false;
  return phrase.length === 1 || containsPhrase(f.words, phrase);
}

/** Whether `phrase` (already split into words) occurs as consecutive words. */
export function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (words[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/** The first words of a message, for the queue row. */
export function subjectOf(text: string, maxChars = 80): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine.length <= maxChars) return oneLine;
  const cut = oneLine.slice(0, maxChars);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
