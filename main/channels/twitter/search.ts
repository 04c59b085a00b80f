// Recent search since an id, page by page (newest first), with the app bearer token when there is one
// (its limit is separate from the user's). A since_id older than X's 7-day window is answered with a
// start_time instead, so a long outage still recovers the last week.
import type { QuotaEntry } from '../../../preload/contract';
import type { InboundItem } from '../../services/inbound';
import { ChannelError } from '../errors';
import { quotaOf, type XConnection } from './connection';
import { TWEET_PARAMS, tweetToInbound, usersById, type XPage, type XTweet } from './mapping';

const WINDOW_MS = 7 * 24 * 60 * 60_000 - 5 * 60_000;

export interface SearchOptions {
  startTime?: number;
  via?: InboundItem['via'];
}

export async function searchPages(
  x: XConnection,
  query: string,
  params: Record<string, string>,
  onPage: (items: InboundItem[], page: XPage<XTweet>) => Promise<boolean | void>,
  via: InboundItem['via'] = 'backfill',
): Promise<{ quota: QuotaEntry[] }> {
  const { session } = x;
  const useApp = !!x.appClient();
  let token: string | undefined;
  let quota: QuotaEntry[] = [];
  for (;;) {
    const q = { ...TWEET_PARAMS, ...params, query, max_results: 100, ...(token ? { next_token: token } : {}) };
    const res = useApp
      ? await x.asApp((c) => c.v2.get<XPage<XTweet>>('tweets/search/recent', q, { fullResponse: true }))
      : await x.asUser((c) => c.v2.get<XPage<XTweet>>('tweets/search/recent', q, { fullResponse: true }));
    quota = quotaOf('search', res.rateLimit);
    const users = usersById(res.data.includes?.users);
    const now = session.ctx.clock.now();
    const items = (res.data.data ?? []).map((t) => tweetToInbound(t, users, session.id, via, now)).filter((i): i is InboundItem => i !== null);
    const stop = await onPage(items, res.data);
    token = res.data.meta?.next_token;
    if (stop === true || !token || session.isStopped) return { quota };
  }
}

export async function searchSince(x: XConnection, query: string, sinceId: string, onItems: (items: InboundItem[]) => Promise<void>): Promise<{ quota: QuotaEntry[] }> {
  try {
    return await searchPages(x, query, { since_id: sinceId }, async (items) => onItems(items));
  } catch (e) {
    if (!(e instanceof ChannelError) || e.reason !== 'invalid_request' || !/since_id/i.test(e.message)) throw e;
    const start = new Date(x.session.ctx.clock.now() - WINDOW_MS).toISOString();
    return searchPages(x, query, { start_time: start }, async (items) => onItems(items));
  }
}
