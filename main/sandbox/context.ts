// What every part of the sandbox shares: one clock, one configuration, both networks' state, credentials,
// limits, faults and the log of what the brand did. Built once in server.ts.
import type { SandboxClock } from './clock';
import type { SandboxConfig } from './config';
import type { FaultQueue } from './faults';
import type { FacebookIds, SnowflakeFactory } from './ids';
import type { GraphUsageMeter, XRateLimiter } from './rateLimits';
import type { FacebookState } from './state/facebook';
import type { OutboundLog } from './state/outbound';
import type { XState } from './state/x';
import type { TokenRegistry } from './tokens';

export interface Brand {
  xUserId: string;
  pageId: string;
}

export interface SandboxContext {
  clock: SandboxClock;
  config: SandboxConfig;
  x: XState;
  fb: FacebookState;
  brand: Brand;
  tokens: TokenRegistry;
  xLimits: XRateLimiter;
  graphUsage: GraphUsageMeter;
  faults: FaultQueue;
  outbound: OutboundLog;
  snowflakes: SnowflakeFactory;
  fbIds: FacebookIds;
  /** Origin that paging links point at (the public base URL, else the listening address). */
  publicBaseUrl(): string;
  /** Requests served, by "METHOD pattern" (for GET /_sandbox/state). */
  requestCounts: Map<string, number>;
}
