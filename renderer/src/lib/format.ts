// Times and numbers as a person reads them.
export function relativeTime(ms: number, now = Date.now()): string {
  const d = Math.round((now - ms) / 1000);
  const abs = Math.abs(d);
  const fmt = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  const s =
    abs < 45 ? 'moments' : abs < 3600 ? fmt(Math.round(abs / 60), 'min') : abs < 86_400 ? fmt(Math.round(abs / 3600), 'hour') : fmt(Math.round(abs / 86_400), 'day');
  // A clock that re-renders every few seconds can be a little behind a fresh timestamp: that is "just now".
  if (d > -60 && d < 45) return 'just now';
  if (s === 'moments') return 'in a moment';
  return d >= 0 ? `${s} ago` : `in ${s}`;
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function dateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(ms);
}
