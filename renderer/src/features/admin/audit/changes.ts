// An audit entry's before and after, as rows a person can read: only what changed, by field path.
export interface ChangeRow {
  field: string;
  before: string | null;
  after: string | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function flatten(v: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isObj(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0 && prefix) out.set(prefix, v);
    for (const k of keys) flatten(v[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(v) && v.some((x) => isObj(x))) {
    if (v.length === 0 && prefix) out.set(prefix, v);
    v.forEach((x, i) => flatten(x, `${prefix}.${i + 1}`, out));
  } else {
    out.set(prefix || 'value', v);
  }
}

export function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (Array.isArray(v)) return v.length ? v.map(show).join(', ') : 'none';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const noise = new Set(['id', 'position', 'status', 'statusChangedAt', 'idleSince', 'notReadyReason', 'changedAt', 'changedBy']);

export function changeRows(before: unknown, after: unknown): ChangeRow[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, '', b);
  if (after !== null && after !== undefined) flatten(after, '', a);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys
    // Ids, positions and live status are bookkeeping, not settings a person changed.
    .filter((k) => !noise.has(k.split('.').pop()!))
    .filter((k) => show(b.get(k)) !== show(a.get(k)))
    .map((k) => ({ field: k, before: b.has(k) ? show(b.get(k)) : null, after: a.has(k) ? show(a.get(k)) : null }));
}

/** What the entry was about, from its before/after: a name, a label or a code. */
export function subjectOf(before: unknown, after: unknown): string | null {
  for (const v of [after, before]) {
    if (isObj(v)) {
      const name = v.name ?? v.label ?? v.code;
      if (typeof name === 'string') return name;
    }
  }
  return null;
}
