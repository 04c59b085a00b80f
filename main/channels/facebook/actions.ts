// Facebook outbound acts: comment reply, like / unlike, hide / unhide, private reply (comment -> Messenger)
// and Messenger send (RESPONSE, or MESSAGE_TAG + HUMAN_AGENT). After a crash: a comment is looked for among
// the object's comments from the Page, a Messenger message among the conversation's messages; a private
// reply is sent again (Facebook answers "already replied", which counts as done); likes and hides are idempotent.
import type { OutboxItem } from '../../../db/repositories/outbox';
import type { OutboxPayload } from '../../outbox/payload';
import { sameText } from '../twitter/actions';
import { ChannelError } from '../errors';
import type { ReconcileResult, SendResult } from '../types';
import type { FacebookConnection } from './connection';
import { graphTime, type FbCommentData, type FbConversationData } from './mapping';

const CLOCK_SLACK_MS = 5 * 60_000;

export async function sendFacebook(fb: FacebookConnection, payload: OutboxPayload): Promise<SendResult> {
  const pageId = fb.pageId;
  switch (payload.kind) {
    case 'comment': {
      const res = await fb.call((g) => g.post<{ id: string }>(`${payload.objectId}/comments`, { message: payload.text }));
      return { networkId: res.data.id ?? null };
    }
    case 'fb_like':
      await fb.call((g) => g.post(`${payload.objectId}/likes`));
      return { networkId: null };
    case 'fb_unlike':
      await fb.call((g) => g.delete(`${payload.objectId}/likes`));
      return { networkId: null };
    case 'hide':
      await fb.call((g) => g.post(payload.commentId, { is_hidden: payload.hidden }));
      return { networkId: null };
    case 'private_reply': {
      const recipient = payload.commentId ? { comment_id: payload.commentId } : { post_id: payload.postId };
      const res = await fb.call((g) => g.post<{ message_id?: string }>(`${pageId}/messages`, { recipient, message: { text: payload.text } }));
      return { networkId: res.data.message_id ?? null };
    }
    case 'messenger': {
      const params =
        payload.tag === 'HUMAN_AGENT'
          ? { recipient: { id: payload.recipientPsid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: payload.text } }
          : { recipient: { id: payload.recipientPsid }, messaging_type: 'RESPONSE', message: { text: payload.text } };
      const res = await fb.call((g) => g.post<{ message_id?: string }>(`${pageId}/messages`, params));
      return { networkId: res.data.message_id ?? null };
    }
    default:
      throw new ChannelError('permanent', `A Facebook Page cannot perform an X act (${payload.kind}).`, { reason: 'wrong_network' });
  }
}

export async function reconcileFacebook(fb: FacebookConnection, item: OutboxItem, payload: OutboxPayload): Promise<ReconcileResult> {
  const pageId = fb.pageId;
  const from = item.createdAt - CLOCK_SLACK_MS;
  switch (payload.kind) {
    case 'comment': {
      for await (const comments of fb.pages<FbCommentData>(`${payload.objectId}/comments`, {
        filter: 'stream',
        order: 'reverse_chronological',
        fields: 'id,message,created_time,from',
        since: Math.floor(from / 1000),
        limit: 100,
      })) {
        const hit = comments.find((c) => c.from?.id === pageId && sameText(c.message ?? '', payload.text) && (graphTime(c.created_time) ?? from) >= from);
        if (hit) return { found: true, networkId: hit.id };
      }
      return { found: false };
    }
    case 'messenger': {
      for await (const conversations of fb.pages<FbConversationData>(`${pageId}/conversations`, {
        platform: 'messenger',
        user_id: payload.recipientPsid,
        fields: 'id,messages.limit(25){id,message,created_time,from}',
      })) {
        for (const c of conversations) {
          const hit = (c.messages?.data ?? []).find(
            (m) => m.from?.id === pageId && sameText(m.message ?? '', payload.text) && (graphTime(m.created_time) ?? from) >= from,
          );
          if (hit) return { found: true, networkId: hit.id };
        }
      }
      return { found: false };
    }
    default:
      // A private reply is refused the second time ("already replied" = done); likes and hides repeat harmlessly.
      return { found: false };
  }
}
