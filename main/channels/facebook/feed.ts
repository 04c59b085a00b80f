// The Page's feed: visitor posts, and comments (and replies) under any post, the Page's own included.
// Graph lists the feed newest first by creation, but a comment revives an old post (its updated_time
// moves), so each round walks the posts created within a look-back window and reads the comments of those
// updated since the watermark. Everything found is stored with the new watermark in one ingest call;
// times are inclusive (>=), so an item at the boundary is seen twice rather than never (ingest de-duplicates).
import { getChannelCursor } from '../../../db/repositories/channelAccounts';
import type { QuotaEntry } from '../../../preload/contract';
import type { InboundItem } from '../../services/inbound';
import type { PollFeed } from '../pollWorker';
import type { FacebookConnection } from './connection';
import { commentToInbound, graphTime, postToInbound, readWatermark, writeWatermark, type FbCommentData, type FbPostData } from './mapping';

export const FEED_CURSOR = 'fb.feed';
/** How far back (by creation) posts are checked for new comments. */
export const LOOKBACK_MS = 3 * 24 * 60 * 60_000;
/** A safety stop for one round (10,000 posts within the look-back); past it older posts go unchecked, and the log says so. */
const MAX_FEED_PAGES = 200;

export class FeedPoller implements PollFeed {
  readonly name = 'page feed';
  readonly interval = 'facebookFeed' as const;

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
    const pageId = this.fb.pageId;
    const watermark = readWatermark(await getChannelCursor(ctx.db, session.id, FEED_CURSOR));
    const now = ctx.clock.now();
    const oldest = (watermark ?? now) - LOOKBACK_MS;
    const items: InboundItem[] = [];
    let top = watermark ?? 0;
    let pages = 0;
    outer: for await (const posts of this.fb.pages<FbPostData>(`${pageId}/feed`, { fields: 'id,message,story,created_time,updated_time,from', limit: 50 })) {
      for (const p of posts) {
        const created = graphTime(p.created_time) ?? now;
        if (created < oldest) break outer;
        const updated = graphTime(p.updated_time) ?? created;
        if (p.from?.id && p.from.id !== pageId && (watermark === null || created >= watermark)) {
          items.push(postToInbound(p, session.id, now));
          top = Math.max(top, created);
        }
        if (watermark === null || updated >= watermark) {
          top = Math.max(top, await this.comments(p.id, watermark, items));
        }
      }
      if (++pages >= MAX_FEED_PAGES) {
        ctx.log.child('channels').warn('the Page feed has more posts in the look-back window than one round reads; older ones were not checked for comments', { accountId: session.id, pages });
        break;
      }
    }
    if (session.isStopped) return { quota: this.fb.usage.quota() };
    if (items.length || top > (watermark ?? 0)) {
      await ingest(ctx, items, { accountId: session.id, feed: FEED_CURSOR, value: writeWatermark(Math.max(top, watermark ?? 0)) });
    }
    return { quota: this.fb.usage.quota() };
  }

  /** Comments and replies of one post since the watermark, oldest first; returns the newest time seen. */
  private async comments(postId: string, since: number | null, into: InboundItem[]): Promise<number> {
    const now = this.fb.session.ctx.clock.now();
    let top = 0;
    const params: Record<string, string | number> = { filter: 'stream', order: 'chronological', fields: 'id,message,created_time,from,parent{id}', limit: 100 };
    if (since !== null) params.since = Math.floor(since / 1000);
    for await (const comments of this.fb.pages<FbCommentData>(`${postId}/comments`, params)) {
      for (const c of comments) {
        const at = graphTime(c.created_time) ?? now;
        if (since !== null && at < since) continue;
        into.push(commentToInbound(c, postId, this.fb.session.id, now));
        top = Math.max(top, at);
      }
    }
    return top;
  }
}
