// Newest-first pages over a sorted id index, with X's opaque tokens. A token remembers the boundary id of
// the page it continues from and the query it belongs to, so Tweets that arrive while a client pages never
// shift what the next page holds; they show up on the next since_id poll instead.
import type { SortedIds } from '../state/sortedIds';

export interface PageToken {
  /** 'n' = older than `bound` (next_token); 'p' = newer than `bound` (previous_token). */
  dir: 'n' | 'p';
  bound: string;
  /** The endpoint family it was issued for, so a mentions token is not accepted by search. */
  scope: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function base32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function unbase32(s: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

export function encodeToken(t: PageToken): string {
  return base32(Buffer.from(`${t.scope}|${t.dir}|${t.bound}|parley`, 'utf8'));
}

export function decodeToken(s: string, scope: string): PageToken | null {
  const raw = unbase32(s)?.toString('utf8');
  const m = raw ? /^([a-z_]+)\|([np])\|([0-9]{1,19})\|parley$/.exec(raw) : null;
  if (!m || m[1] !== scope) return null;
  return { scope, dir: m[2] as 'n' | 'p', bound: m[3]! };
}

/** true = include, false = skip, 'stop' = nothing further down can match (e.g. older than a time window). */
export type Accept = (id: string) => boolean | 'stop';

export interface PageRequest {
  index: SortedIds;
  sinceId: string | null;
  untilId: string | null;
  /** Lowest index position reachable (the mentions 800-cap). */
  floor: number;
  max: number;
  token: PageToken | null;
  accept: Accept;
}

export interface PageResult {
  ids: string[];
  /** The page's oldest id when older matches remain. */
  nextBound: string | null;
  /** The page's newest id when newer matches remain (inside the query's bounds). */
  previousBound: string | null;
}

function collectDown(r: PageRequest, before: string | null, limit: number): string[] {
  const out: string[] = [];
  r.index.walkDown({ after: r.sinceId, before, floor: r.floor }, (id) => {
    const a = r.accept(id);
    if (a === 'stop') return false;
    if (a) out.push(id);
    return out.length < limit;
  });
  return out;
}

function collectUp(r: PageRequest, after: string | null, limit: number): string[] {
  const out: string[] = [];
  r.index.walkUp({ after, before: r.untilId, floor: r.floor }, (id) => {
    const a = r.accept(id);
    if (a === true) out.push(id);
    return out.length < limit;
  });
  return out;
}

const minId = (a: string | null, b: string | null) => (!a ? b : !b ? a : a.length < b.length || (a.length === b.length && a < b) ? a : b);
const maxId = (a: string | null, b: string | null) => (!a ? b : !b ? a : a.length > b.length || (a.length === b.length && a > b) ? a : b);

export function page(r: PageRequest): PageResult {
  let ids: string[];
  let more: boolean;
  if (r.token?.dir === 'p') {
    // The page just newer than the bound, closest first, then shown newest first.
    const up = collectUp(r, maxId(r.sinceId, r.token.bound), r.max + 1);
    more = up.length > r.max;
    ids = up.slice(0, r.max).reverse();
    const older = ids.length ? collectDown(r, ids[ids.length - 1]!, 1).length > 0 : false;
    return { ids, nextBound: older && ids.length ? ids[ids.length - 1]! : null, previousBound: more && ids.length ? ids[0]! : null };
  }
  const before = minId(r.untilId, r.token?.bound ?? null);
  const down = collectDown(r, before, r.max + 1);
  more = down.length > r.max;
  ids = down.slice(0, r.max);
  const newer = ids.length ? collectUp(r, ids[0]!, 1).length > 0 : false;
  return { ids, nextBound: more ? ids[ids.length - 1]! : null, previousBound: newer ? ids[0]! : null };
}
