// Graph field expansion (`fields=id,message,comments.limit(5).summary(true){id,from},reactions.summary(true)`)
// and cursor paging whose `next`/`previous` links point back at the sandbox. Pages are cut from the full list
// before deleted items are dropped, so a page can be empty and still have `next`, exactly as Graph documents.
import { invalidParam } from './errors';

export interface FieldSpec {
  name: string;
  limit?: number;
  summary?: boolean;
  filter?: string;
  order?: string;
  children: FieldSpec[] | null;
}

export function parseFields(raw: string | null): FieldSpec[] | null {
  if (raw === null || raw.trim() === '') return null;
  let i = 0;
  const s = raw;
  const parseList = (closing: string | null): FieldSpec[] => {
    const out: FieldSpec[] = [];
    for (;;) {
      while (s[i] === ' ' || s[i] === ',') i++;
      if (i >= s.length || (closing && s[i] === closing)) break;
      let name = '';
      while (i < s.length && /[A-Za-z0-9_]/.test(s[i]!)) name += s[i++];
      if (!name) throw invalidParam(`Syntax error "Expected name." at character ${i}: ${raw}`);
      const spec: FieldSpec = { name, children: null };
      while (s[i] === '.') {
        i++;
        let mod = '';
        while (i < s.length && /[a-z_]/.test(s[i]!)) mod += s[i++];
        if (s[i] !== '(') throw invalidParam(`Syntax error "Expected "("." at character ${i}: ${raw}`);
        const close = s.indexOf(')', i);
        if (close < 0) throw invalidParam(`Syntax error "Expected ")"." at character ${i}: ${raw}`);
        const arg = s.slice(i + 1, close);
        i = close + 1;
        if (mod === 'limit') spec.limit = Math.max(0, Number.parseInt(arg, 10) || 0);
        else if (mod === 'summary') spec.summary = arg === 'true' || arg === '1' || arg === 'total_count';
        else if (mod === 'filter') spec.filter = arg;
        else if (mod === 'order') spec.order = arg;
      }
      if (s[i] === '{') {
        i++;
        spec.children = parseList('}');
        if (s[i] !== '}') throw invalidParam(`Syntax error "Expected "}"." at character ${i}: ${raw}`);
        i++;
      }
      out.push(spec);
      if (s[i] === ',') i++;
      else if (closing && s[i] === closing) break;
      else if (i < s.length && s[i] !== ',') throw invalidParam(`Syntax error "Expected end of string instead of "${s[i]}"." at character ${i}: ${raw}`);
    }
    return out;
  };
  return parseList(null);
}

export function serializeFields(fields: FieldSpec[]): string {
  return fields
    .map((f) => {
      let s = f.name;
      if (f.filter) s += `.filter(${f.filter})`;
      if (f.order) s += `.order(${f.order})`;
      if (f.summary) s += '.summary(true)';
      if (f.children) s += `{${serializeFields(f.children)}}`;
      return s;
    })
    .join(',');
}

export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64');
export function decodeCursor(c: string): string {
  const id = Buffer.from(c, 'base64').toString('utf8');
  if (!id || /[^\x20-\x7e]/.test(id)) throw invalidParam(`Invalid cursor "${c}"`);
  return id;
}

export interface PagingLinks {
  /** Absolute URL of the edge without query, e.g. http://127.0.0.1:4790/v23.0/123/comments */
  edgeUrl: string;
  /** Query parameters to carry into next/previous links (fields, access_token, filter...). */
  query: URLSearchParams;
}

export interface PageOut<T> {
  data: T[];
  paging?: { cursors: { before: string; after: string }; next?: string; previous?: string };
}

/**
 * One page of `list` (ids in display order, tombstones included). `after`/`before` are cursors from an
 * earlier page; `keep` drops tombstones (and hidden items) after the page is cut.
 */
export function cursorPage<T>(list: readonly string[], opts: { limit: number; after: string | null; before: string | null; keep: (id: string) => T | null; links: PagingLinks | null }): PageOut<T> {
  let start = 0;
  let end = list.length;
  if (opts.after !== null) {
    const pos = list.indexOf(decodeCursor(opts.after));
    start = pos < 0 ? list.length : pos + 1;
    end = Math.min(list.length, start + opts.limit);
  } else if (opts.before !== null) {
    const pos = list.indexOf(decodeCursor(opts.before));
    end = pos < 0 ? 0 : pos;
    start = Math.max(0, end - opts.limit);
  } else {
    end = Math.min(list.length, opts.limit);
  }
  const slice = list.slice(start, end);
  const data = slice.map(opts.keep).filter((v): v is T => v !== null);
  if (slice.length === 0) return { data };
  const cursors = { before: encodeCursor(slice[0]!), after: encodeCursor(slice[slice.length - 1]!) };
  const out: PageOut<T> = { data, paging: { cursors } };
  if (opts.links) {
    const link = (key: 'after' | 'before', cursor: string) => {
      const q = new URLSearchParams(opts.links!.query);
      q.delete('after');
      q.delete('before');
      q.set('limit', String(opts.limit));
      q.set(key, cursor);
      return `${opts.links!.edgeUrl}?${q.toString()}`;
    };
    if (end < list.length) out.paging!.next = link('after', cursors.after);
    if (start > 0) out.paging!.previous = link('before', cursors.before);
  }
  return out;
}

/** Graph's timestamp format in reads: 2023-12-04T03:38:42+0000. */
export const fbTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

/** `since`/`until`: Unix seconds or anything Date.parse understands. */
export function parseTimeParam(v: string | null, name: string): number | null {
  if (v === null || v === '') return null;
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const t = Date.parse(v);
  if (!Number.isFinite(t)) throw invalidParam(`The parameter ${name} is not a valid time: ${v}`);
  return t;
}
