// Customer text, shown as text: React text nodes only (never HTML), web links shown as links that open
// outside Parley (the desktop app hands them to the system browser), and anything else that looks like a
// link (javascript:, data:) left as plain words. Characters that hide or reorder text are isolated, and
// the agent can reveal them.
import { useState } from 'react';

const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/gi;
const TRAILING = /[.,;:!?)\]}'"»”’]+$/;
/** Zero-width, direction-changing and other invisible format characters (not the joiner U+200D, which
 *  emoji sequences such as 👩‍👩‍👧 are made of). */
const HIDDEN = /[\u00AD\u061C\u180E\u200B\u200C\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const HAS_HIDDEN = new RegExp(HIDDEN.source);

/** The address a link goes to, or null when it is not a plain web address. */
export function safeHref(raw: string): string | null {
  const candidate = /^www\./i.test(raw) ? `https://${raw}` : raw;
  try {
    const u = new URL(candidate);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    // A link with invisible characters may not go where it reads: shown as text only.
    if (HAS_HIDDEN.test(candidate)) return null;
    return u.href;
  } catch {
    return null;
  }
}

export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

export function splitLinks(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    let raw = m[0];
    const trail = TRAILING.exec(raw)?.[0] ?? '';
    raw = raw.slice(0, raw.length - trail.length);
    const start = m.index;
    const href = raw ? safeHref(raw) : null;
    if (!href) continue;
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

export function hiddenCharacters(text: string): string[] {
  return [...new Set(text.match(HIDDEN) ?? [])].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
}

function reveal(text: string): string {
  return text.replace(HIDDEN, (c) => `⟦U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

export function MessageText({ text, className }: { text: string; className?: string }) {
  const [revealed, setRevealed] = useState(false);
  const hidden = hiddenCharacters(text);
  const shown = revealed ? reveal(text) : text;
  return (
    <div className={className}>
      <bdi className="message-text" dir="auto">
        {splitLinks(shown).map((p, i) =>
          p.kind === 'link' ? (
            <a key={i} href={p.href} target="_blank" rel="noopener noreferrer nofollow" className="message-link" title={`Opens ${p.href} in your browser`}>
              {p.text}
            </a>
          ) : (
            <span key={i}>{p.text}</span>
          ),
        )}
      </bdi>
      {hidden.length > 0 ? (
        <button type="button" className="hidden-chars" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed}>
          {revealed ? 'Hide invisible characters' : `Contains ${hidden.length} kind${hidden.length === 1 ? '' : 's'} of invisible characters (${hidden.join(', ')}): show`}
        </button>
      ) : null}
    </div>
  );
}
