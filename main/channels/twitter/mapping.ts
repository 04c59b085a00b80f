// X v2 payloads -> InboundItem, the shape every channel hands to ingest. The fields and expansions we
// ask for are listed here too, so the request and the mapping cannot drift apart.
import type { InboundAuthor, InboundItem } from '../../services/inbound';

export const TWEET_PARAMS = {
  expansions: 'author_id,referenced_tweets.id,in_reply_to_user_id',
  'tweet.fields': 'id,text,author_id,created_at,conversation_id,in_reply_to_user_id,referenced_tweets,lang,entities',
  'user.fields': 'id,name,username,profile_image_url',
} as const;

export const DM_PARAMS = {
  event_types: 'MessageCreate',
  'dm_event.fields': 'id,event_type,text,created_at,sender_id,dm_conversation_id,participant_ids,referenced_tweets,attachments',
  expansions: 'sender_id,participant_ids',
  'user.fields': 'id,name,username,profile_image_url',
} as const;

export interface XUser {
  id: string;
  name?: string;
  username?: string;
  profile_image_url?: string;
}

export interface XTweet {
  id: string;
  text: string;
  author_id?: string;
  created_at?: string;
  conversation_id?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: Array<{ type: 'replied_to' | 'quoted' | 'retweeted'; id: string }>;
}

export interface XDmEvent {
  id: string;
  event_type?: string;
  text?: string;
  created_at?: string;
  sender_id?: string;
  dm_conversation_id?: string;
  participant_ids?: string[];
}

export interface XPage<T> {
  data?: T[];
  includes?: { users?: XUser[]; tweets?: XTweet[] };
  meta?: { result_count?: number; newest_id?: string; oldest_id?: string; next_token?: string };
  errors?: unknown[];
}

export function usersById(users: XUser[] | undefined): Map<string, XUser> {
  return new Map((users ?? []).map((u) => [u.id, u]));
}

function author(id: string, users: Map<string, XUser>): InboundAuthor {
  const u = users.get(id);
  return { networkUserId: id, handle: u?.username ?? null, displayName: u?.name ?? null, avatarUrl: u?.profile_image_url ?? null };
}

const timeOf = (iso: string | undefined, fallback: number) => {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(t) ? t : fallback;
};

export function tweetToInbound(
  t: XTweet,
  users: Map<string, XUser>,
  accountId: number,
  via: InboundItem['via'],
  now: number,
): InboundItem | null {
  // A tweet without an author still goes to ingest, which keeps it as a dead letter rather than losing it.
  // A retweet repeats someone else's words; it is not a message to the brand.
  if (t.referenced_tweets?.some((r) => r.type === 'retweeted')) return null;
  const repliedTo = t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? null;
  return {
    accountId,
    network: 'x',
    channelKind: 'mention',
    networkMessageId: t.id,
    threadNetworkId: t.conversation_id ?? t.id,
    inReplyToNetworkId: repliedTo,
    author: author(t.author_id ?? '', users),
    text: t.text,
    sentAt: timeOf(t.created_at, now),
    raw: t,
    via,
  };
}

export function dmToInbound(e: XDmEvent, users: Map<string, XUser>, accountId: number, now: number): InboundItem | null {
  // Other event kinds (joins, leaves) are not messages; a message without a sender goes on to the dead letters.
  if ((e.event_type ?? 'MessageCreate') !== 'MessageCreate') return null;
  return {
    accountId,
    network: 'x',
    channelKind: 'dm',
    networkMessageId: e.id,
    threadNetworkId: e.dm_conversation_id ?? e.sender_id ?? e.id,
    inReplyToNetworkId: null,
    author: author(e.sender_id ?? '', users),
    text: e.text ?? '',
    sentAt: timeOf(e.created_at, now),
    raw: e,
    via: 'poll',
  };
}

/** Snowflake ids compare as numbers; as strings "9" > "10". */
export function idGreater(a: string, b: string | null): boolean {
  if (b === null) return true;
  return BigInt(a) > BigInt(b);
}

export function maxId(ids: Iterable<string>, start: string | null = null): string | null {
  let best = start;
  for (const id of ids) if (idGreater(id, best)) best = id;
  return best;
}
