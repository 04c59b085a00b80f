// Everything tests and benchmarks may tune, with the defaults the spec gives for the real services.
// POST /_sandbox/config takes a partial of this (deep-merged); unknown keys are refused so typos show.
import { z } from 'zod';

/** Per-endpoint limits: requests per 15-minute window per app (bearer) and per user, plus 24-hour caps. */
export interface XEndpointLimit {
  app?: number;
  user?: number;
  app_day?: number;
  user_day?: number;
}

export const X_ENDPOINTS = [
  'GET /2/users/me',
  'GET /2/users/by/username/:username',
  'GET /2/users/:id/mentions',
  'GET /2/tweets/search/recent',
  'GET /2/tweets/search/stream',
  'GET /2/tweets/search/stream/rules',
  'POST /2/tweets/search/stream/rules',
  'POST /2/tweets',
  'DELETE /2/tweets/:id',
  'POST /2/users/:id/likes',
  'DELETE /2/users/:id/likes/:tweet_id',
  'POST /2/users/:id/retweets',
  'DELETE /2/users/:id/retweets/:source_tweet_id',
  'GET /2/dm_events',
  'GET /2/dm_conversations/with/:participant_id/dm_events',
  'GET /2/dm_conversations/:id/dm_events',
  'POST /2/dm_conversations/with/:participant_id/messages',
  'POST /2/dm_conversations/:dm_conversation_id/messages',
  'POST /2/oauth2/token',
] as const;
export type XEndpoint = (typeof X_ENDPOINTS)[number];

const defaultXLimits: Record<XEndpoint, XEndpointLimit> = {
  'GET /2/users/me': { user: 75 },
  'GET /2/users/by/username/:username': { app: 300, user: 900 },
  'GET /2/users/:id/mentions': { app: 450, user: 300 },
  'GET /2/tweets/search/recent': { app: 450, user: 300 },
  'GET /2/tweets/search/stream': { app: 50 },
  'GET /2/tweets/search/stream/rules': { app: 450 },
  'POST /2/tweets/search/stream/rules': { app: 100 },
  'POST /2/tweets': { user: 100, app_day: 10_000 },
  'DELETE /2/tweets/:id': { user: 50 },
  'POST /2/users/:id/likes': { user: 50, user_day: 1_000 },
  'DELETE /2/users/:id/likes/:tweet_id': { user: 50, user_day: 1_000 },
  'POST /2/users/:id/retweets': { user: 50 },
  'DELETE /2/users/:id/retweets/:source_tweet_id': { user: 50 },
  'GET /2/dm_events': { user: 15 },
  'GET /2/dm_conversations/with/:participant_id/dm_events': { user: 15 },
  'GET /2/dm_conversations/:id/dm_events': { user: 15 },
  'POST /2/dm_conversations/with/:participant_id/messages': { user: 15, app_day: 1_440, user_day: 1_440 },
  'POST /2/dm_conversations/:dm_conversation_id/messages': { user: 15, app_day: 1_440, user_day: 1_440 },
  // Not in the published table; generous so token refresh is never the thing that throttles.
  'POST /2/oauth2/token': { app: 1_000, user: 1_000 },
};

export type FacebookThrottleCode = 4 | 17 | 32 | 613;

export interface SandboxConfig {
  x: {
    rate_limits: Record<XEndpoint, XEndpointLimit>;
    /** Length of the per-endpoint window (15 minutes on X). */
    window_ms: number;
    /** Only this many most recent mentions are reachable through the mention timeline (800 on X). */
    mentions_cap: number;
    /** Recent search covers this much history (7 days on X); an older since_id is a 400. */
    search_window_ms: number;
    /** dm_events returns only this much history (30 days on X). */
    dm_window_ms: number;
    /** The same text from the same user inside this period is a 403 duplicate. */
    duplicate_window_ms: number;
    /** Lifetime of OAuth 2.0 user access tokens (2 hours). */
    token_ttl_ms: number;
    stream_keepalive_ms: number;
    /** Deliver every matching Tweet twice on the stream (the second copy after the next Tweet), to test de-dup. */
    stream_duplicates: boolean;
    max_rules: number;
    max_rule_length: number;
  };
  facebook: {
    /** Calls per rolling hour that make x-app-usage reach 100%; past it, throttle_code errors. */
    app_calls_per_hour: number;
    throttle_code: FacebookThrottleCode;
    /** Business-use-case budget per Page per 24 h: Pages calls (80001 past it) and Messenger calls (80006). */
    page_calls_per_day: number;
    messenger_calls_per_day: number;
    /** The app has the Human Agent feature: MESSAGE_TAG + HUMAN_AGENT works inside 7 days. */
    human_agent: boolean;
    /** true = every recipient is unavailable; a list = those PSIDs are (551/1545041). */
    recipient_unavailable: boolean | string[];
    /** Refuse calls without a valid appsecret_proof (off by default, as on most apps). */
    require_appsecret_proof: boolean;
    standard_window_ms: number;
    human_agent_window_ms: number;
    private_reply_window_ms: number;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function defaultConfig(options: { keepAliveMs?: number } = {}): SandboxConfig {
  return {
    x: {
      rate_limits: structuredClone(defaultXLimits),
      window_ms: 15 * 60_000,
      mentions_cap: 800,
      search_window_ms: 7 * DAY,
      dm_window_ms: 30 * DAY,
      duplicate_window_ms: DAY,
      token_ttl_ms: 2 * HOUR,
      stream_keepalive_ms: options.keepAliveMs ?? 20_000,
      stream_duplicates: false,
      max_rules: 1_000,
      max_rule_length: 1_024,
    },
    facebook: {
      app_calls_per_hour: 20_000,
      throttle_code: 4,
      page_calls_per_day: 200_000,
      messenger_calls_per_day: 200_000,
      human_agent: true,
      recipient_unavailable: false,
      require_appsecret_proof: false,
      standard_window_ms: DAY,
      human_agent_window_ms: 7 * DAY,
      private_reply_window_ms: 7 * DAY,
    },
  };
}

const count = z.number().int().min(0);
const ms = z.number().int().min(1);
const limitPatch = z.strictObject({ app: count.optional(), user: count.optional(), app_day: count.optional(), user_day: count.optional() });

export const configPatchSchema = z.strictObject({
  x: z
    .strictObject({
      rate_limits: z.partialRecord(z.enum(X_ENDPOINTS), limitPatch).optional(),
      window_ms: ms.optional(),
      mentions_cap: count.optional(),
      search_window_ms: ms.optional(),
      dm_window_ms: ms.optional(),
      duplicate_window_ms: count.optional(),
      token_ttl_ms: ms.optional(),
      stream_keepalive_ms: z.number().int().min(5).optional(),
      stream_duplicates: z.boolean().optional(),
      max_rules: count.optional(),
      max_rule_length: z.number().int().min(1).optional(),
    })
    .optional(),
  facebook: z
    .strictObject({
      app_calls_per_hour: count.optional(),
      throttle_code: z.union([z.literal(4), z.literal(17), z.literal(32), z.literal(613)]).optional(),
      page_calls_per_day: count.optional(),
      messenger_calls_per_day: count.optional(),
      human_agent: z.boolean().optional(),
      recipient_unavailable: z.union([z.boolean(), z.array(z.string().min(1))]).optional(),
      require_appsecret_proof: z.boolean().optional(),
      standard_window_ms: ms.optional(),
      human_agent_window_ms: ms.optional(),
      private_reply_window_ms: ms.optional(),
    })
    .optional(),
});
export type ConfigPatch = z.infer<typeof configPatchSchema>;

export function applyConfigPatch(config: SandboxConfig, patch: ConfigPatch): void {
  if (patch.x) {
    const { rate_limits, ...rest } = patch.x;
    Object.assign(config.x, rest);
    for (const [endpoint, limit] of Object.entries(rate_limits ?? {})) {
      const key = endpoint as XEndpoint;
      config.x.rate_limits[key] = { ...config.x.rate_limits[key], ...limit };
    }
  }
  if (patch.facebook) Object.assign(config.facebook, patch.facebook);
}
