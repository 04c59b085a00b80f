// Graph's usage headers: x-app-usage (percent of the app's hourly budget) and x-business-use-case-usage
// (per Page and use case, with estimated_time_to_regain_access in minutes). Parley slows its polling as
// usage nears 100% and stops calling until the estimated time once a limit is reached, as Meta asks.
import type { QuotaEntry } from '../../../preload/contract';

export interface GraphUsageSnapshot {
  /** Highest of call_count / total_time / total_cputime in x-app-usage. */
  appPercent: number | null;
  /** Highest percentage over every business-use-case entry. */
  bucPercent: number | null;
  /** When a throttled use case is available again, from estimated_time_to_regain_access. */
  regainAt: number | null;
  at: number;
}

function parse(v: string | null): unknown {
  if (!v) return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

const pct = (o: Record<string, unknown>): number =>
  Math.max(...['call_count', 'total_time', 'total_cputime'].map((k) => (typeof o[k] === 'number' ? (o[k] as number) : 0)));

export function readUsage(headers: Headers, now: number): GraphUsageSnapshot {
  const app = parse(headers.get('x-app-usage')) as Record<string, unknown> | null;
  const buc = parse(headers.get('x-business-use-case-usage')) as Record<string, Array<Record<string, unknown>>> | null;
  let bucPercent: number | null = null;
  let regainMinutes = 0;
  if (buc && typeof buc === 'object') {
    for (const entries of Object.values(buc)) {
      if (!Array.isArray(entries)) continue;
      for (const e of entries) {
        bucPercent = Math.max(bucPercent ?? 0, pct(e));
        const m = e.estimated_time_to_regain_access;
        if (typeof m === 'number' && m > regainMinutes) regainMinutes = m;
      }
    }
  }
  return {
    appPercent: app && typeof app === 'object' ? pct(app) : null,
    bucPercent,
    regainAt: regainMinutes > 0 ? now + regainMinutes * 60_000 : null,
    at: now,
  };
}

export function regainAccessAt(headers: Headers, now: number): number | null {
  return readUsage(headers, now).regainAt;
}

/** Decides how fast one Page may be polled, from the last usage the Graph API reported. */
export class UsageGovernor {
  private last: GraphUsageSnapshot | null = null;
  private blocked: number | null = null;

  update(s: GraphUsageSnapshot): void {
    if (s.appPercent === null && s.bucPercent === null && s.regainAt === null) return;
    this.last = s;
    const top = Math.max(s.appPercent ?? 0, s.bucPercent ?? 0);
    if (s.regainAt) this.blocked = s.regainAt;
    else if (top >= 100) this.blocked = s.at + 5 * 60_000;
    else this.blocked = null;
  }

  /** Called with the wait a throttle error asked for. */
  blockUntil(t: number): void {
    this.blocked = Math.max(this.blocked ?? 0, t);
  }

  blockedUntil(now: number): number | null {
    return this.blocked && this.blocked > now ? this.blocked : null;
  }

  /** Poll interval multiplier: 1 normally, 2 above 75%, 4 above 90%. */
  slowdown(): number {
    const top = Math.max(this.last?.appPercent ?? 0, this.last?.bucPercent ?? 0);
    return top >= 90 ? 4 : top >= 75 ? 2 : 1;
  }

  quota(): QuotaEntry[] {
    if (!this.last) return [];
    const out: QuotaEntry[] = [];
    if (this.last.appPercent !== null) out.push({ name: 'graph_app', remaining: null, limit: null, usedPercent: this.last.appPercent, resetsAt: null });
    if (this.last.bucPercent !== null) {
      out.push({ name: 'graph_page', remaining: null, limit: null, usedPercent: this.last.bucPercent, resetsAt: this.last.regainAt });
    }
    return out;
  }
}
