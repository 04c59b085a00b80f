// Mention polling: GET /2/users/:id/mentions with since_id, following next_token to the end. Pages go to
// ingest as they arrive, but the cursor (the newest id of the first page) travels only with the LAST
// page: a crash part-way re-reads from the old since_id, and ingest drops what it already has.
import { getChannelCursor } from '../../../db/repositories/channelAccounts';
import type { QuotaEntry } from '../../../preload/contract';
import type { InboundItem } from '../../services/inbound';
import { crashPoint } from '../crashPoint';
import type { PollFeed } from '../pollWorker';
import { quotaOf, type XConnection } from './connection';
import { TWEET_PARAMS, tweetToInbound, usersById, type XPage, type XTweet } from './mapping';

export const MENTIONS_FEED = 'x.mentions';

export class MentionsFeed implements PollFeed {
  readonly name = 'mentions';
  readonly interval = 'mentions' as const;

  constructor(private readonly x: XConnection) {}

  async poll(): Promise<{ quota: QuotaEntry[] }> {
    const { session } = this.x;
    const { ctx, ingest } = session.deps;
    const userId = await this.x.userId();
    const since = await getChannelCursor(ctx.db, session.id, MENTIONS_FEED);
    let token: string | undefined;
    let newest: string | null = null;
    let pending: InboundItem[] | null = null;
    let quota: QuotaEntry[] = [];
    for (;;) {
      const res = await this.x.asUser((c) =>
        c.v2.get<XPage<XTweet>>(
          `users/${userId}/mentions`,
          { ...TWEET_PARAMS, max_results: 100, ...(since ? { since_id: since } : {}), ...(token ? { pagination_token: token } : {}) },
          { fullResponse: true },
        ),
      );
      quota = quotaOf('mentions', res.rateLimit);
      const page = res.data;
      newest ??= page.meta?.newest_id ?? null;
      const users = usersById(page.includes?.users);
      const now = ctx.clock.now();
      const items = (page.data ?? []).map((t) => tweetToInbound(t, users, session.id, 'poll', now)).filter((i): i is InboundItem => i !== null);
      if (pending?.length) await ingest(ctx, pending);
      crashPoint('mentions.afterPage');
      pending = items;
      token = page.meta?.next_token;
      if (!token || session.isStopped) break;
    }
    if (session.isStopped && token) return { quota };
    if (newest) await ingest(ctx, pending ?? [], { accountId: session.id, feed: MENTIONS_FEED, value: newest });
    else if (pending?.length) await ingest(ctx, pending);
    return { quota };
  }
}
