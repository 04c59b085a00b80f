// Messenger: the Page's conversations, most recently active first, and their messages since the
// watermark (the Page's own sends included; ingest recognises them). Conversations have cursor paging
// only, so the walk stops at the first conversation not updated since the watermark.
import { getChannelCursor } from '../../../db/repositories/channelAccounts';
import type { QuotaEntry } from '../../../preload/contract';
import type { InboundItem } from '../../services/inbound';
import type { PollFeed } from '../pollWorker';
import type { FacebookConnection } from './connection';
import { graphTime, messageToInbound, readWatermark, writeWatermark, type FbConversationData, type FbMessageData } from './mapping';

export const MESSENGER_CURSOR = 'fb.messenger';
const MESSAGE_FIELDS = 'id,message,created_time,from,to';

export class MessengerPoller implements PollFeed {
  readonly name = 'messenger';
  readonly interval = 'messenger' as const;

  constructor(private readonly fb: FacebookConnection) {}

  slowdown(): number {
    return this.fb.usage.slowdown();
  }

  blockedUntil(now: number): number | null {
    return this.fb.usage.blockedUntil(now);
  }

  async poll(): Promise<{ quota: QuotaEntry[] }> {
    const { session } = this.fb;
    const { ctx, ingest } = session.deps;
    const watermark = readWatermark(await getChannelCursor(ctx.db, session.id, MESSENGER_CURSOR));
    const now = ctx.clock.now();
    const items: InboundItem[] = [];
    let top = watermark ?? 0;
    outer: for await (const conversations of this.fb.pages<FbConversationData>(`${this.fb.pageId}/conversations`, {
      platform: 'messenger',
      fields: `id,updated_time,participants,messages.limit(25){${MESSAGE_FIELDS}}`,
      limit: 25,
    })) {
      for (const c of conversations) {
        const updated = graphTime(c.updated_time) ?? now;
        if (watermark !== null && updated < watermark) break outer;
        top = Math.max(top, await this.messages(c, watermark, items));
      }
    }
    if (session.isStopped) return { quota: this.fb.usage.quota() };
    if (items.length || top > (watermark ?? 0)) {
      await ingest(ctx, items, { accountId: session.id, feed: MESSENGER_CURSOR, value: writeWatermark(Math.max(top, watermark ?? 0)) });
    }
    return { quota: this.fb.usage.quota() };
  }

  /** Messages newer than the watermark, newest first from Graph; older pages only while still needed. */
  private async messages(c: FbConversationData, since: number | null, into: InboundItem[]): Promise<number> {
    const now = this.fb.session.ctx.clock.now();
    let top = 0;
    let batch: FbMessageData[] = c.messages?.data ?? [];
    let next = c.messages?.paging?.next ?? null;
    for (;;) {
      let reachedOld = false;
      for (const m of batch) {
        const at = graphTime(m.created_time) ?? now;
        if (since !== null && at < since) {
          reachedOld = true;
          break;
        }
        into.push(messageToInbound(m, c.id, this.fb.session.id, now));
        top = Math.max(top, at);
      }
      if (reachedOld || !next || this.fb.session.isStopped) return top;
      const url: string = next;
      const res = await this.fb.call((g) => g.get<{ data?: FbMessageData[]; paging?: { next?: string } }>(url));
      batch = res.data.data ?? [];
      next = res.data.paging?.next ?? null;
    }
  }
}
