// Message search inside one contact, done in JS over that contact's messages (SQLite). FTS5 cannot help here:
// a common prefix ("order*") costs it the whole doclist for every lookup, so filtering 1M messages' matches down
// to one contact took seconds, while a contact's own messages (at most tens of thousands) scan in milliseconds.
// The rule is FTS5's: words folded like unicode61 with remove_diacritics, every query word present (a word
// split by punctuation as a phrase), the last word a prefix; the snippet marks hits with [ and ].

const TOKEN = /[\p{L}\p{N}]+/gu;
// Module-level: the bundler turns a \p{...} literal into `new RegExp(...)` where it stands, once per call,
// and fold() runs for every word of every message a contact search reads.
const MARKS = /\p{M}+/gu;

export function fold(word: string): string {
  return word.normalize('NFD').replace(MARKS, '').toLowerCase();
}

/** The words of what a person typed (at most twelve), as every message search reads them. */
export function queryWords(text: string): string[] {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, 12);
}

interface Token {
  folded: string;
  start: number;
  end: number;
}

function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.normalize('NFKC').matchAll(TOKEN)) out.push({ folded: fold(m[0]), start: m.index!, end: m.index! + m[0].length });
  return out;
}

/** The query as phrases of folded tokens; null when it has no word. The last token of the last phrase is a prefix. */
export function matcherFor(text: string): ((body: string) => string | null) | null {
  const phrases = queryWords(text).map((w) => tokens(w).map((t) => t.folded)).filter((p) => p.length > 0);
  if (phrases.length === 0) return null;
  return (body: string) => {
    const normalized = body.normalize('NFKC');
    const ts = tokens(normalized);
    const hit = new Set<number>();
    for (const [pi, phrase] of phrases.entries()) {
      const lastPhrase = pi === phrases.length - 1;
      let found = false;
      for (let i = 0; i + phrase.length <= ts.length; i++) {
        const ok = phrase.every((p, k) => (lastPhrase && k === phrase.length - 1 ? ts[i + k]!.folded.startsWith(p) : ts[i + k]!.folded === p));
        if (ok) {
          found = true;
          for (let k = 0; k < phrase.length; k++) hit.add(i + k);
        }
      }
      if (!found) return null;
    }
    return snippet(normalized, ts, hit);
  };
}

/** About 12 tokens around the first hit, as FTS5's snippet(…, '[', ']', '…', 12) shows them. */
function snippet(text: string, ts: Token[], hit: Set<number>): string {
  const first = Math.min(...hit);
  const from = Math.max(0, Math.min(first - 3, ts.length - 12));
  const to = Math.min(ts.length, from + 12);
  let out = from > 0 ? '…' : '';
  let at = from > 0 ? ts[from]!.start : 0;
  for (let i = from; i < to; i++) {
    const t = ts[i]!;
    out += text.slice(at, t.start) + (hit.has(i) ? `[${text.slice(t.start, t.end)}]` : text.slice(t.start, t.end));
    at = t.end;
  }
  out += to < ts.length ? '…' : text.slice(at);
  return out;
}
