// Turns the strategy's automatic message and engagement into the outbox payloads of main/outbox/payload.ts.
import type { ChannelKind, Visibility } from '../../preload/contract/model';
import { outboxPayloadSchema, type OutboxPayload } from '../outbox/payload';
import type { InboundItem } from './inbound';

/** Where an automatic message goes, and which channel kind its message row records. */
export function autoMessagePayload(item: InboundItem, visibility: Visibility, text: string): { payload: OutboxPayload; channelKind: ChannelKind } {
  const id = item.networkMessageId;
  let payload: OutboxPayload;
  let channelKind: ChannelKind = item.channelKind;
  if (item.network === 'x') {
    if (item.channelKind === 'mention' && visibility === 'public') payload = { kind: 'reply', network: 'x', inReplyToTweetId: id, text };
    else {
      payload = { kind: 'dm', network: 'x', recipientUserId: item.author.networkUserId, text };
      channelKind = 'dm';
    }
  } else if (item.channelKind === 'messenger') {
    payload = { kind: 'messenger', network: 'facebook', recipientPsid: item.author.networkUserId, text, tag: 'RESPONSE' };
  } else if (visibility === 'public') {
    payload = { kind: 'comment', network: 'facebook', objectId: id, text };
  } else {
    // A private reply opens Messenger from the comment or visitor post it answers.
    payload = { kind: 'private_reply', network: 'facebook', commentId: item.channelKind === 'comment' ? id : null, postId: item.channelKind === 'post' ? id : null, text };
    channelKind = 'messenger';
  }
  return { payload: outboxPayloadSchema.parse(payload), channelKind };
}

export function engagementPayloads(item: InboundItem, like: boolean, retweet: boolean): Array<{ kind: 'like' | 'retweet'; payload: OutboxPayload }> {
  const out: Array<{ kind: 'like' | 'retweet'; payload: OutboxPayload }> = [];
  if (item.network === 'x') {
    if (like) out.push({ kind: 'like', payload: { kind: 'like', network: 'x', tweetId: item.networkMessageId } });
    if (retweet) out.push({ kind: 'retweet', payload: { kind: 'retweet', network: 'x', tweetId: item.networkMessageId } });
  } else if (like) {
    out.push({ kind: 'like', payload: { kind: 'fb_like', network: 'facebook', objectId: item.networkMessageId } });
  }
  return out;
}

/** The act that undoes an engagement. */
export function undoPayload(p: OutboxPayload): OutboxPayload | null {
  if (p.kind === 'like') return { kind: 'unlike', network: 'x', tweetId: p.tweetId };
  if (p.kind === 'retweet') return { kind: 'unretweet', network: 'x', tweetId: p.tweetId };
  if (p.kind === 'fb_like') return { kind: 'fb_unlike', network: 'facebook', objectId: p.objectId };
  return null;
}
