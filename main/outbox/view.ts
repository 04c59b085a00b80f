// An outbox row as the agent sees it.
import type { OutboxItem } from '../../db/repositories/outbox';
import type { OutboxItemView } from '../../preload/contract';
import { outboxPayloadSchema, type OutboxPayload } from './payload';

export function parsePayload(item: Pick<OutboxItem, 'payload'>): OutboxPayload | null {
  const r = outboxPayloadSchema.safeParse(item.payload);
  return r.success ? r.data : null;
}

function targetOf(p: OutboxPayload): string | null {
  switch (p.kind) {
    case 'reply':
      return p.inReplyToTweetId;
    case 'dm':
      return p.recipientUserId;
    case 'like':
    case 'unlike':
    case 'retweet':
    case 'unretweet':
      return p.tweetId;
    case 'comment':
    case 'fb_like':
    case 'fb_unlike':
      return p.objectId;
    case 'private_reply':
      return p.commentId ?? p.postId;
    case 'messenger':
      return p.recipientPsid;
    case 'hide':
      return p.commentId;
  }
}

export function toOutboxView(item: OutboxItem): OutboxItemView {
  const p = parsePayload(item);
  return {
    id: item.id,
    accountId: item.accountId,
    interactionId: item.interactionId,
    network: p?.network ?? (['comment', 'private_reply', 'messenger', 'fb_like', 'fb_unlike', 'hide'].includes(item.kind) ? 'facebook' : 'x'),
    kind: item.kind,
    state: item.state,
    text: p && 'text' in p ? p.text : null,
    targetId: p ? targetOf(p) : null,
    attempts: item.attempts,
    nextAttemptAt: item.nextAttemptAt,
    deadlineAt: item.deadlineAt,
    lastError: item.lastErrorCode ? { code: item.lastErrorCode, message: item.lastErrorMessage ?? '' } : null,
    resultNetworkId: item.resultNetworkId,
    createdBy: item.createdBy,
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    sentAt: item.sentAt,
  };
}
