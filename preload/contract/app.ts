// The app namespace: what the shell needs to draw itself.
import { z } from 'zod';
import { event, method } from './core';
import type { HostKind } from './core';
import type { Network } from './model';

export type AccountStatus = 'unknown' | 'connected' | 'rate_limited' | 'token_expired' | 'error' | 'disabled';

export interface ChannelAccountSummary {
  id: number;
  network: Network;
  name: string;
  handle: string | null;
  isSandbox: boolean;
  enabled: boolean;
  status: AccountStatus;
  statusDetail: string | null;
  rateLimitedUntil: number | null;
  lastPollAt: number | null;
  nextPollAt: number | null;
}

export interface AppInfo {
  host: HostKind;
  version: string;
  dataDir: string;
  /** Set when the engine talks to the local emulator instead of the real networks. */
  sandbox: { url: string } | null;
  timeZone: string;
  startedAt: number;
}

export const appMethods = {
  'app.info': method(z.object({}).strict()).returns<AppInfo>(),
  'app.channelStatus': method(z.object({}).strict()).returns<ChannelAccountSummary[]>(),
};

export const appEvents = {
  'channels.status': event<ChannelAccountSummary[]>(),
};
