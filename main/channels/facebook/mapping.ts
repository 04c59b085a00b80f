// Graph payloads -> InboundItem. Times on Graph reads look like "2023-12-04T03:38:42+0000".
import type { InboundItem } from '../../services/inbound';

export interface FbActor {
  id: string;
  name?: string;
}

export interface FbPostData {
  id: string;
  message?: string;
  story?: string;
  created_time?: string;
  updated_time?: string;
  from?: FbActor;
}

export interface FbCommentData {
  id: string;
  message?: string;
  created_time?: string;
  from?: FbActor;
  parent?: { id: string };
}

export interface FbMessageData {
  id: string;
  message?: string;
  created_time?: string;
  from?: FbActor;
  to?: { data?: FbActor[] };
}

export interface FbConversationData {
  id: string;
  updated_time?: string;
  participants?: { data?: FbActor[] };
  messages?: { data?: FbMessageData[]; paging?: { next?: string } };
}

export function graphTime(s: string | undefined): number | null {
  if (!s) return null;
  // "+0000" is not ISO 8601 for Date.parse in every engine: make it "+00:00".
  const t = Date.parse(s.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(t) ? t : null;
}

const author = (a: FbActor | undefined) => ({ networkUserId: a?.id ?? 'unknown', handle: null, displayName: a?.name ?? null, avatarUrl: null });

export function postToInbound(p: FbPostData, accountId: number, now: number): InboundItem {
  return {
    accountId,
    network: 'facebook',
    channelKind: 'post',
    networkMessageId: p.id,
    threadNetworkId: p.id,
    inReplyToNetworkId: null,
    author: author(p.from),
    text: p.message ?? p.story ?? '',
    sentAt: graphTime(p.created_time) ?? now,
    raw: p,
    via: 'poll',
  };
}

export function commentToInbound(c: FbCommentData, postId: string, accountId: number, now: number): InboundItem {
  return {
    accountId,
    network: 'facebook',
    channelKind: 'comment',
    networkMessageId: c.id,
    threadNetworkId: postId,
    inReplyToNetworkId: c.parent?.id ?? postId,
    author: author(c.from),
    text: c.message ?? '',
    sentAt: graphTime(c.created_time) ?? now,
    raw: c,
    via: 'poll',
  };
}

export function messageToInbound(m: FbMessageData, conversationId: string, accountId: number, now: number): InboundItem {
  return {
    accountId,
    network: 'facebook',
    channelKind: 'messenger',
    networkMessageId: m.id,
    threadNetworkId: conversationId,
    inReplyToNetworkId: null,
    author: author(m.from),
    text: m.message ?? '',
    sentAt: graphTime(m.created_time) ?? now,
    raw: m,
    via: 'poll',
  };
}

/** Cursor of a time-ordered Graph feed: the newest time fully stored (epoch ms). */
export function readWatermark(value: string | null): number | null {
  if (!value) return null;
  try {
    const t = (JSON.parse(value) as { t?: unknown }).t;
    return typeof t === 'number' ? t : null;
  } catch {
    return null;
  }
}

export const writeWatermark = (t: number): string => JSON.stringify({ t });
