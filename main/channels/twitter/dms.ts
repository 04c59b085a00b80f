// DM polling: GET /2/dm_events, newest first. There is no since_id: paging stops at the first event at or
// below the newest id already stored (ids grow with time). The brand's own sent messages come back too;
// ingest recognises them as the brand's.
import { getChannelCursor } from '../../../db/repositories/channelAccounts';
import type { QuotaEntry } from '../../../preload/contract';
import type { InboundItem } from '../../services/inbound';
import type { PollFeed } from '../pollWorker';
import { quotaOf, type XConnection } from './connection';
import { DM_PARAMS, dmToInbound, idGreater, usersById, type XDmEvent, type XPage } from './mapping';

export const DMS_FEED = 'x.dms';

export class DmFeed implements PollFeed {
  readonly name = 'direct messages';
  readonly interval = 'dms' as const;

  constructor(private readonly x: XConnection) {}

  async poll(): Promise<{ quota: QuotaEntry[] }> {
    const { session } = this.x;
    const { ctx, ingest } = session.deps;
    await this.x.userId();
    const known = await getChannelCursor(ctx.db, session.id, DMS_FEED);
    let token: string | undefined;
    let newest: string | null = null;
    let pending: InboundItem[] | null = null;
    let quota: QuotaEntry[] = [];
    let reachedKnown = false;
    for (;;) {
      const res = await this.x.asUser((c) =>
        c.v2.get<XPage<XDmEvent>>('dm_events', { ...DM_PARAMS, max_results: 100, ...(token ? { pagination_token: token } : {}) }, { fullResponse: true }),
      );
      quota = quotaOf('dm_events', res.rateLimit);
      const page = res.data;
      const users = usersById(page.includes?.users);
      const now = ctx.clock.now();
      const items: InboundItem[] = [];
      for (const e of page.data ?? []) {
        if (!idGreater(e.id, known)) {
          reachedKnown = true;
          break;
        }
        if (newest === null || idGreater(e.id, newest)) newest = e.id;
        const item = dmToInbound(e, users, session.id, now);
        if (item) items.push(item);
      }
      if (pending?.length) await ingest(ctx, pending);
      pending = items;
      token = page.meta?.next_token;
      if (reachedKnown || !token || session.isStopped) break;
    }
    if (session.isStopped && token && !reachedKnown) return { quota };
    if (newest) await ingest(ctx, pending ?? [], { accountId: session.id, feed: DMS_FEED, value: newest });
    else if (pending?.length) await ingest(ctx, pending);
    return { quota };
  }
}
