// X outbound acts (reply, DM, like, unlike, retweet, unretweet) and the look-ups that tell, after a crash,
// whether a reply or DM already went out: recent search "from:<brand> conversation_id:<id>" for the same
// text, and dm_events for a message from the brand with the same text. Likes and retweets are idempotent
// (X answers "already" or succeeds again), so they are simply sent again.
import { findMessageByNetworkId, type OutboxItem } from '../../../db/repositories/outbox';
import type { OutboxPayload } from '../../outbox/payload';
import { ChannelError } from '../errors';
import type { ReconcileResult, SendResult } from '../types';
import type { XConnection } from './connection';
import { DM_PARAMS, type XDmEvent, type XPage, type XTweet } from './mapping';
import { searchPages } from './search';

/** How far before the item's creation a match may lie (clocks differ a little). */
const CLOCK_SLACK_MS = 5 * 60_000;
const SEARCH_WINDOW_MS = 7 * 24 * 60 * 60_000 - 5 * 60_000;

export function sameText(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

export async function sendX(x: XConnection, payload: OutboxPayload): Promise<SendResult> {
  switch (payload.kind) {
    case 'reply': {
      const res = await x.asUser((c) => c.v2.reply(payload.text, payload.inReplyToTweetId));
      return { networkId: res.data.id };
    }
    case 'dm': {
      const res = await x.asUser((c) => c.v2.sendDmToParticipant(payload.recipientUserId, { text: payload.text }));
      // The library types the body without its `data` wrapper; at runtime it is there.
      const raw = res as unknown as { data?: { dm_event_id?: string }; dm_event_id?: string };
      return { networkId: raw.data?.dm_event_id ?? raw.dm_event_id ?? null };
    }
    case 'like': {
      const me = await x.userId();
      await x.asUser((c) => c.v2.like(me, payload.tweetId));
      return { networkId: null };
    }
    case 'unlike': {
      const me = await x.userId();
      await x.asUser((c) => c.v2.unlike(me, payload.tweetId));
      return { networkId: null };
    }
    case 'retweet': {
      const me = await x.userId();
      await x.asUser((c) => c.v2.retweet(me, payload.tweetId));
      return { networkId: null };
    }
    case 'unretweet': {
      const me = await x.userId();
      await x.asUser((c) => c.v2.unretweet(me, payload.tweetId));
      return { networkId: null };
    }
    default:
      throw new ChannelError('permanent', `An X account cannot perform a Facebook act (${payload.kind}).`, { reason: 'wrong_network' });
  }
}

export async function reconcileX(x: XConnection, item: OutboxItem, payload: OutboxPayload): Promise<ReconcileResult> {
  const now = x.session.ctx.clock.now();
  const from = Math.max(item.createdAt - CLOCK_SLACK_MS, now - SEARCH_WINDOW_MS);
  switch (payload.kind) {
    case 'reply': {
      const handle = await x.handle();
      const stored = await findMessageByNetworkId(x.session.ctx.db, 'x', payload.inReplyToTweetId);
      const conversation = stored?.threadNetworkId ?? null;
      const query = conversation ? `from:${handle} conversation_id:${conversation}` : `from:${handle} is:reply`;
      let found: string | null = null;
      await searchPages(
        x,
        query,
        { start_time: new Date(from).toISOString() },
        async (_items, page: XPage<XTweet>) => {
          const hit = (page.data ?? []).find(
            (t) => sameText(t.text, payload.text) && (!!conversation || t.referenced_tweets?.some((r) => r.type === 'replied_to' && r.id === payload.inReplyToTweetId)),
          );
          if (hit) found = hit.id;
          return !!hit;
        },
        'poll',
      );
      return found ? { found: true, networkId: found } : { found: false };
    }
    case 'dm': {
      const me = await x.userId();
      let token: string | undefined;
      for (;;) {
        const res = await x.asUser((c) =>
          c.v2.get<XPage<XDmEvent>>('dm_events', { ...DM_PARAMS, max_results: 100, ...(token ? { pagination_token: token } : {}) }, { fullResponse: true }),
        );
        let older = false;
        for (const e of res.data.data ?? []) {
          const at = e.created_at ? Date.parse(e.created_at) : now;
          if (at < from) {
            older = true;
            break;
          }
          const toRecipient = !e.dm_conversation_id || e.dm_conversation_id.split('-').includes(payload.recipientUserId);
          if (e.sender_id === me && toRecipient && sameText(e.text ?? '', payload.text)) return { found: true, networkId: e.id };
        }
        token = res.data.meta?.next_token;
        if (older || !token) return { found: false };
      }
    }
    default:
      // Likes and retweets: sending again is harmless (X succeeds or says "already").
      return { found: false };
  }
}
