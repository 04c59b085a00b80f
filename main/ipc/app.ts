import { listChannelAccounts } from '../../db/repositories/channelAccounts';
import type { ChannelAccountSummary } from '../../preload/contract';
import type { EngineContext } from '../context';
import { getTimeZone } from '../config/settings';
import type { NamespaceHandlers } from './types';

export async function channelSummaries(ctx: EngineContext): Promise<ChannelAccountSummary[]> {
  const accounts = await listChannelAccounts(ctx.db);
  return accounts.map((a) => ({
    id: a.id,
    network: a.network,
    name: a.name,
    handle: a.handle,
    isSandbox: a.isSandbox,
    enabled: a.enabled,
    status: a.status,
    statusDetail: a.statusDetail,
    rateLimitedUntil: a.rateLimitedUntil,
    lastPollAt: a.lastPollAt,
    nextPollAt: a.nextPollAt,
  }));
}

export function appHandlers(ctx: EngineContext): NamespaceHandlers<'app'> {
  return {
    'app.info': async () => ({
      host: ctx.host,
      version: ctx.appVersion,
      dataDir: ctx.dataDir,
      sandbox: ctx.sandbox,
      timeZone: await getTimeZone(ctx.db),
      startedAt: ctx.startedAt,
    }),
    'app.channelStatus': () => channelSummaries(ctx),
  };
}
