// VADER (Hutto & Gilbert, ICWSM 2014): a lexicon and rule-based sentiment model built for short social
// text, written here in TypeScript from the published lexicon and rules: booster words, negation
// (three words back, "never so", "without doubt", "least"), contrastive "but", ALL-CAPS emphasis,
// "!" and "?" emphasis, special idioms, and emoji read through their CLDR names.
import { emojiLexiconTsv } from './data/emojiLexicon';
import { vaderLexiconTsv } from './data/vaderLexicon';

export interface SentimentScores {
  /** -1 (most negative) .. +1 (most positive); the normalised sum of valences. */
  compound: number;
  /** Proportions of the text that read positive, negative and neutral (they sum to about 1). */
  pos: number;
  neg: number;
  neu: number;
}

const B_INCR = 0.293;
const B_DECR = -0.293;
const C_INCR = 0.733;
const N_SCALAR = -0.74;

const NEGATE = new Set([
  'aint', 'arent', 'cannot', 'cant', 'couldnt', 'darent', 'didnt', 'doesnt', "ain't", "aren't", "can't", "couldn't",
  "daren't", "didn't", "doesn't", 'dont', 'hadnt', 'hasnt', 'havent', 'isnt', 'mightnt', 'mustnt', 'neither', "don't",
  "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", 'neednt', "needn't", 'never', 'none', 'nope', 'nor',
  'not', 'nothing', 'nowhere', 'oughtnt', 'shant', 'shouldnt', 'uhuh', 'wasnt', 'werent', "oughtn't", "shan't",
  "shouldn't", 'uh-uh', "wasn't", "weren't", 'without', 'wont', 'wouldnt', "won't", "wouldn't", 'rarely', 'seldom', 'despite',
]);

const up = (words: string) => Object.fromEntries(words.split(' ').map((w) => [w, B_INCR]));
const down = (words: string) => Object.fromEntries(words.split(' ').map((w) => [w, B_DECR]));
const BOOSTERS: Record<string, number> = {
  ...up(
    'absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous enormously entirely ' +
      'especially exceptional exceptionally extreme extremely fabulously flipping flippin frackin fracking fricking frickin ' +
      'frigging friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly intensely major ' +
      'majorly more most particularly purely quite really remarkably so substantially thoroughly total totally tremendous ' +
      'tremendously uber unbelievably unusually utter utterly very',
  ),
  ...down(
    'almost barely hardly kinda kindof kind-of less little marginal marginally occasional occasionally partly scarce scarcely ' +
      'slight slightly somewhat sorta sortof sort-of',
  ),
  'just enough': B_DECR,
  'kind of': B_DECR,
  'sort of': B_DECR,
};

const SPECIAL_CASES: Record<string, number> = {
  'the shit': 3,
  'the bomb': 3,
  'bad ass': 1.5,
  badass: 1.5,
  'bus stop': 0,
  'yeah right': -2,
  'kiss of death': -1.5,
  'to die for': 3,
  'beating heart': 3.1,
  'broken heart': -2.9,
};

function parseTsv(tsv: string, value: (s: string) => number): Map<string, number>;
function parseTsv(tsv: string): Map<string, string>;
function parseTsv(tsv: string, value?: (s: string) => number): Map<string, number | string> {
  const map = new Map<string, number | string>();
  for (const line of tsv.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab > 0) map.set(line.slice(0, tab), value ? value(line.slice(tab + 1)) : line.slice(tab + 1));
  }
  return map;
}

let lexicon: Map<string, number> | null = null;
let emojis: Map<string, string> | null = null;
function load(): { lexicon: Map<string, number>; emojis: Map<string, string> } {
  lexicon ??= parseTsv(vaderLexiconTsv, Number);
  emojis ??= parseTsv(emojiLexiconTsv);
  return { lexicon, emojis };
}

// Python's str.isupper(): at least one cased letter and no lower-case one. Plain ASCII words (nearly all
// of them) are answered from their character codes; anything else goes through the Unicode classes.
function isUpper(w: string): boolean {
  let upper = false;
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) upper = true;
    else if (c > 127) return upperLetter.test(w) && !lowerLetter.test(w);
  }
  return upper;
}

const nonAscii = /[^\x00-\x7F]/;
// Module-level: the bundler turns a \p{...} literal into `new RegExp(...)` where it stands, once per call.
const upperLetter = /\p{Lu}/u;
const lowerLetter = /\p{Ll}/u;

const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
function stripPunctuation(token: string): string {
  let a = 0;
  let b = token.length;
  while (a < b && PUNCTUATION.has(token[a]!)) a++;
  while (b > a && PUNCTUATION.has(token[b - 1]!)) b--;
  const stripped = token.slice(a, b);
  // Two characters or fewer left means it was most likely an emoticon such as ":)"; keep it whole.
  return stripped.length <= 2 ? token : stripped;
}

function replaceEmoji(text: string, emojiNames: Map<string, string>): string {
  // Every emoji in the lexicon is outside ASCII, so plain ASCII text has none to replace.
  if (!nonAscii.test(text)) return text.trim();
  let out = '';
  let prevSpace = true;
  // Variation selector 16 only asks for emoji presentation; it carries no meaning of its own.
  for (const ch of text.replace(/\uFE0F/g, '')) {
    const name = emojiNames.get(ch);
    if (name) {
      if (!prevSpace) out += ' ';
      out += name;
      prevSpace = false;
    } else {
      out += ch;
      prevSpace = ch === ' ';
    }
  }
  return out.trim();
}

function negated(word: string): boolean {
  const w = word.toLowerCase();
  return NEGATE.has(w) || w.includes("n't");
}

function scalarIncDec(word: string, valence: number, capDiff: boolean): number {
  const b = BOOSTERS[word.toLowerCase()];
  if (b === undefined) return 0;
  let scalar = valence < 0 ? -b : b;
  if (isUpper(word) && capDiff) scalar += valence > 0 ? C_INCR : -C_INCR;
  return scalar;
}

function negationCheck(valence: number, lower: string[], startI: number, i: number): number {
  if (startI === 0) {
    if (negated(lower[i - 1]!)) return valence * N_SCALAR;
  } else if (startI === 1) {
    if (lower[i - 2] === 'never' && (lower[i - 1] === 'so' || lower[i - 1] === 'this')) return valence * 1.25;
    if (lower[i - 2] === 'without' && lower[i - 1] === 'doubt') return valence;
    if (negated(lower[i - 2]!)) return valence * N_SCALAR;
  } else {
    if ((lower[i - 3] === 'never' && (lower[i - 2] === 'so' || lower[i - 2] === 'this')) || lower[i - 1] === 'so' || lower[i - 1] === 'this') return valence * 1.25;
    if (lower[i - 3] === 'without' && (lower[i - 2] === 'doubt' || lower[i - 1] === 'doubt')) return valence;
    if (negated(lower[i - 3]!)) return valence * N_SCALAR;
  }
  return valence;
}

/** Every word of a special case or a multi-word booster: a window without any of them matches none. */
const IDIOM_WORDS = new Set([...Object.keys(SPECIAL_CASES), ...Object.keys(BOOSTERS)].filter((k) => k.includes(' ')).flatMap((k) => k.split(' ')));

function specialIdiomsCheck(valence: number, lower: string[], i: number): number {
  let near = false;
  for (let k = Math.max(0, i - 3); k <= i + 2 && k < lower.length; k++) if (IDIOM_WORDS.has(lower[k]!)) near = true;
  if (!near) return valence;
  const w = (k: number) => lower[k] ?? '';
  const onezero = `${w(i - 1)} ${w(i)}`;
  const twoonezero = `${w(i - 2)} ${w(i - 1)} ${w(i)}`;
  const twoone = `${w(i - 2)} ${w(i - 1)}`;
  const threetwoone = `${w(i - 3)} ${w(i - 2)} ${w(i - 1)}`;
  const threetwo = `${w(i - 3)} ${w(i - 2)}`;
  for (const seq of [onezero, twoonezero, twoone, threetwoone, threetwo]) {
    if (seq in SPECIAL_CASES) {
      valence = SPECIAL_CASES[seq]!;
      break;
    }
  }
  if (lower.length - 1 > i && `${w(i)} ${w(i + 1)}` in SPECIAL_CASES) valence = SPECIAL_CASES[`${w(i)} ${w(i + 1)}`]!;
  if (lower.length - 1 > i + 1 && `${w(i)} ${w(i + 1)} ${w(i + 2)}` in SPECIAL_CASES) valence = SPECIAL_CASES[`${w(i)} ${w(i + 1)} ${w(i + 2)}`]!;
  for (const n of [threetwoone, threetwo, twoone]) if (n in BOOSTERS) valence += BOOSTERS[n]!;
  return valence;
}

function leastCheck(valence: number, lower: string[], lex: Map<string, number>, i: number): number {
  if (i > 1 && !lex.has(lower[i - 1]!) && lower[i - 1] === 'least') {
    if (lower[i - 2] !== 'at' && lower[i - 2] !== 'very') return valence * N_SCALAR;
  } else if (i > 0 && !lex.has(lower[i - 1]!) && lower[i - 1] === 'least') return valence * N_SCALAR;
  return valence;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Scores one text. Empty or sentiment-free text scores all zeros. */
export function polarityScores(input: string): SentimentScores {
  const { lexicon: lex, emojis: emojiNames } = load();
  const text = replaceEmoji(input, emojiNames);
  const words = text.split(/\s+/).filter(Boolean).map(stripPunctuation);
  const lower = words.map((w) => w.toLowerCase());
  const upperCount = words.filter(isUpper).length;
  const capDiff = upperCount > 0 && upperCount < words.length;

  const sentiments: number[] = [];
  words.forEach((item, i) => {
    const itemLower = lower[i]!;
    if (itemLower in BOOSTERS || (itemLower === 'kind' && lower[i + 1] === 'of')) {
      sentiments.push(0);
      return;
    }
    const base = lex.get(itemLower);
    if (base === undefined) {
      sentiments.push(0);
      return;
    }
    let valence = base;
    // "no" before another lexicon word negates that word instead of counting itself.
    if (itemLower === 'no' && i !== words.length - 1 && lex.has(lower[i + 1]!)) valence = 0;
    if ((i > 0 && lower[i - 1] === 'no') || (i > 1 && lower[i - 2] === 'no') || (i > 2 && lower[i - 3] === 'no' && (lower[i - 1] === 'or' || lower[i - 1] === 'nor'))) {
      valence = base * N_SCALAR;
    }
    if (isUpper(item) && capDiff) valence += valence > 0 ? C_INCR : -C_INCR;
    for (let startI = 0; startI < 3; startI++) {
      // Boosters up to three words back, dampened with distance; negations up to three words back.
      if (i > startI && !lex.has(lower[i - (startI + 1)]!)) {
        let s = scalarIncDec(words[i - (startI + 1)]!, valence, capDiff);
        if (startI === 1 && s !== 0) s *= 0.95;
        if (startI === 2 && s !== 0) s *= 0.9;
        valence += s;
        valence = negationCheck(valence, lower, startI, i);
        if (startI === 2) valence = specialIdiomsCheck(valence, lower, i);
      }
    }
    valence = leastCheck(valence, lower, lex, i);
    sentiments.push(valence);
  });

  // "but" shifts weight to what follows: before it counts half, after it one and a half.
  const bi = lower.indexOf('but');
  if (bi >= 0) for (let k = 0; k < sentiments.length; k++) sentiments[k] = k < bi ? sentiments[k]! * 0.5 : k > bi ? sentiments[k]! * 1.5 : sentiments[k]!;

  if (sentiments.length === 0) return { compound: 0, pos: 0, neg: 0, neu: 0 };
  const ep = Math.min((text.match(/!/g) ?? []).length, 4) * 0.292;
  const qmCount = (text.match(/\?/g) ?? []).length;
  const qm = qmCount > 1 ? (qmCount <= 3 ? qmCount * 0.18 : 0.96) : 0;
  const emphasis = ep + qm;
  let sum = sentiments.reduce((a, b) => a + b, 0);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const compound = Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + 15)));

  let posSum = 0;
  let negSum = 0;
  let neuCount = 0;
  for (const s of sentiments) {
    if (s > 0) posSum += s + 1; // +1 compensates for neutral words counted as 1
    if (s < 0) negSum += s - 1;
    if (s === 0) neuCount += 1;
  }
  if (posSum > Math.abs(negSum)) posSum += emphasis;
  else if (posSum < Math.abs(negSum)) negSum -= emphasis;
  const total = posSum + Math.abs(negSum) + neuCount;
  return {
    compound: round(compound, 4),
    pos: round(Math.abs(posSum / total), 3),
    neg: round(Math.abs(negSum / total), 3),
    neu: round(Math.abs(neuCount / total), 3),
  };
}
