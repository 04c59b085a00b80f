// Rate limits as both networks report them. X: fixed 15-minute windows per endpoint and per bucket (the app
// for bearer calls, each user for user-context calls) plus optional 24-hour caps, surfaced in x-rate-limit-*
// and x-(app|user)-limit-24hour-* headers on every response. Facebook: usage percentages that rise with calls
// (x-app-usage, x-business-use-case-usage) and a throttle error once a budget is spent.
import type { SandboxConfig, XEndpoint, XEndpointLimit } from './config';

interface Window {
  start: number;
  used: number;
}

export interface XLimitState {
  headers: Record<string, string>;
  /** Set when this call is over a limit: the reset (epoch ms) it must wait for. */
  exceededUntil: number | null;
}

const DAY = 86_400_000;

export class XRateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly config: SandboxConfig,
    private readonly now: () => number,
  ) {}

  private window(key: string, length: number): Window {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t >= w.start + length) {
      w = { start: t, used: 0 };
      this.windows.set(key, w);
    }
    return w;
  }

  /**
   * Counts one call (unless `count` is false, e.g. an unauthenticated one) and returns the headers to send.
   * A call over the limit is not counted and reports remaining 0.
   */
  hit(endpoint: XEndpoint | null, bucket: 'app' | 'user', subject: string, count: boolean): XLimitState {
    const limits: XEndpointLimit = endpoint ? this.config.x.rate_limits[endpoint] : { app: 900, user: 900 };
    const limit = (bucket === 'app' ? (limits.app ?? limits.user) : (limits.user ?? limits.app)) ?? 900;
    const key = `${endpoint ?? 'other'}|${bucket}|${subject}`;
    const w = this.window(key, this.config.x.window_ms);
    const days: Array<{ prefix: string; limit: number; w: Window }> = [];
    if (limits.app_day !== undefined) days.push({ prefix: 'x-app-limit-24hour', limit: limits.app_day, w: this.window(`${endpoint}|app_day`, DAY) });
    if (limits.user_day !== undefined && bucket === 'user') {
      days.push({ prefix: 'x-user-limit-24hour', limit: limits.user_day, w: this.window(`${endpoint}|user_day|${subject}`, DAY) });
    }
    let exceededUntil: number | null = null;
    if (w.used >= limit) exceededUntil = w.start + this.config.x.window_ms;
    for (const d of days) if (d.w.used >= d.limit) exceededUntil = Math.max(exceededUntil ?? 0, d.w.start + DAY);
    if (count && exceededUntil === null) {
      w.used++;
      for (const d of days) d.w.used++;
    }
    const headers: Record<string, string> = {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, limit - w.used)),
      'x-rate-limit-reset': String(Math.ceil((w.start + this.config.x.window_ms) / 1000)),
    };
    for (const d of days) {
      headers[`${d.prefix}-limit`] = String(d.limit);
      headers[`${d.prefix}-remaining`] = String(Math.max(0, d.limit - d.w.used));
      headers[`${d.prefix}-reset`] = String(Math.ceil((d.w.start + DAY) / 1000));
    }
    if (exceededUntil !== null) headers['x-rate-limit-remaining'] = w.used >= limit ? '0' : headers['x-rate-limit-remaining']!;
    return { headers, exceededUntil };
  }

  clear(): void {
    this.windows.clear();
  }
}

export type GraphBudget = 'pages' | 'messenger';

export interface GraphUsageState {
  headers: Record<string, string>;
  /** The throttle error to answer with, when a budget was already spent before this call. */
  throttled: { code: number; message: string; minutes: number } | null;
}

const throttleMessages: Record<number, string> = {
  4: '(#4) Application request limit reached',
  17: '(#17) User request limit reached',
  32: '(#32) Page request limit reached',
  613: '(#613) Calls to this api have exceeded the rate limit.',
  80001:
    '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
  80006: '(#80006) There have been too many messenger api calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
};

export class GraphUsageMeter {
  private app: Window | null = null;
  private readonly buc = new Map<string, Window>();

  constructor(
    private readonly config: SandboxConfig,
    private readonly now: () => number,
  ) {}

  private roll(w: Window | null | undefined, length: number): Window {
    const t = this.now();
    return w && t < w.start + length ? w : { start: t, used: 0 };
  }

  /** Counts the call (throttled calls count too, as on Graph) and reports usage as it was before it. */
  hit(pageId: string, budget: GraphBudget): GraphUsageState {
    const HOUR = 3_600_000;
    const app = (this.app = this.roll(this.app, HOUR));
    const key = `${pageId}|${budget}`;
    const buc = this.roll(this.buc.get(key), DAY);
    this.buc.set(key, buc);
    const appLimit = Math.max(1, this.config.facebook.app_calls_per_hour);
    const bucLimit = Math.max(1, budget === 'pages' ? this.config.facebook.page_calls_per_day : this.config.facebook.messenger_calls_per_day);
    let throttled: GraphUsageState['throttled'] = null;
    const minutesLeft = (w: Window, length: number) => Math.max(1, Math.ceil((w.start + length - this.now()) / 60_000));
    if (app.used >= appLimit) {
      const code = this.config.facebook.throttle_code;
      throttled = { code, message: throttleMessages[code]!, minutes: minutesLeft(app, HOUR) };
    } else if (buc.used >= bucLimit) {
      const code = budget === 'pages' ? 80001 : 80006;
      throttled = { code, message: throttleMessages[code]!, minutes: minutesLeft(buc, DAY) };
    }
    app.used++;
    buc.used++;
    const appPct = Math.floor((app.used * 100) / appLimit);
    const bucEntry = (b: GraphBudget) => {
      const w = b === budget ? buc : this.roll(this.buc.get(`${pageId}|${b}`), DAY);
      const limit = Math.max(1, b === 'pages' ? this.config.facebook.page_calls_per_day : this.config.facebook.messenger_calls_per_day);
      const pct = Math.floor((w.used * 100) / limit);
      return {
        type: b,
        call_count: pct,
        total_cputime: Math.floor(pct / 2),
        total_time: Math.floor(pct / 2),
        estimated_time_to_regain_access: pct >= 100 ? minutesLeft(w, DAY) : 0,
      };
    };
    return {
      headers: {
        'x-app-usage': JSON.stringify({ call_count: appPct, total_cputime: Math.floor(appPct / 2), total_time: Math.floor(appPct / 2) }),
        'x-business-use-case-usage': JSON.stringify({ [pageId]: [bucEntry('pages'), bucEntry('messenger')] }),
      },
      throttled,
    };
  }

  clear(): void {
    this.app = null;
    this.buc.clear();
  }
}
