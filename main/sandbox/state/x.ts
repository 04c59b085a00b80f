// The X side of the sandbox: users, Tweets with their indexes (all, by author, by mentioned user, by
// conversation), likes, retweets and DM events. Indexes are sorted id lists, so every timeline query is a
// binary search plus a short walk.
import { compareIds, type SnowflakeFactory } from '../ids';
import { SortedIds } from './sortedIds';
import { extractEntities, guessLang, tokenize, type HashtagEntity, type MentionEntity } from './text';

export interface XUser {
  id: string;
  username: string;
  name: string;
  createdAt: number;
  description: string;
  location: string | null;
  profileImageUrl: string;
  /** Earlier usernames, oldest first (customers change handles; ids stay). */
  previousUsernames: string[];
}

export type ReferenceType = 'replied_to' | 'quoted' | 'retweeted';

export interface Tweet {
  id: string;
  text: string;
  authorId: string;
  createdAt: number;
  conversationId: string;
  inReplyToUserId: string | null;
  referenced: Array<{ type: ReferenceType; id: string }>;
  mentions: Array<MentionEntity & { id: string | null }>;
  hashtags: HashtagEntity[];
  lang: string;
  /** Lower-cased text and its tokens for search and stream rules; computed on first match (see searchable()). */
  searchCache: { lowered: string; tokens: string[] } | null;
  deleted: boolean;
  likeCount: number;
  retweetCount: number;
  replyCount: number;
  quoteCount: number;
}

export interface DmEvent {
  id: string;
  conversationId: string;
  senderId: string;
  participantIds: [string, string];
  text: string;
  createdAt: number;
}

export type TweetListener = (tweet: Tweet) => void;

/** The Tweet's text as search sees it, tokenized once and kept. */
export function searchable(tweet: Tweet): { lowered: string; tokens: string[] } {
  return (tweet.searchCache ??= { lowered: tweet.text.toLowerCase(), tokens: tokenize(tweet.text) });
}

export function dmConversationId(a: string, b: string): string {
  return compareIds(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`;
}

export class XState {
  readonly users = new Map<string, XUser>();
  private readonly byUsername = new Map<string, string>();
  readonly tweets = new Map<string, Tweet>();
  readonly allTweets = new SortedIds();
  private readonly byAuthor = new Map<string, SortedIds>();
  private readonly mentionsOf = new Map<string, SortedIds>();
  private readonly byConversation = new Map<string, SortedIds>();
  /** `${userId}:${tweetId}` */
  readonly likes = new Set<string>();
  /** `${userId}:${sourceTweetId}` -> the retweet's id */
  readonly retweets = new Map<string, string>();
  readonly dmEvents = new Map<string, DmEvent>();
  private readonly dmsOf = new Map<string, SortedIds>();
  private readonly dmsByConversation = new Map<string, SortedIds>();
  private readonly listeners = new Set<TweetListener>();

  constructor(
    private readonly ids: SnowflakeFactory,
    private readonly now: () => number,
  ) {}

  onTweet(listener: TweetListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- users

  userByUsername(username: string): XUser | undefined {
    const id = this.byUsername.get(username.toLowerCase());
    return id ? this.users.get(id) : undefined;
  }

  /**
   * The user with this id (handle changes are applied), else the one with this username (name updated), else a
   * new one. Returning customers keep their id whatever their handle is now.
   */
  ensureUser(input: { id?: string; username: string; name?: string; description?: string }): XUser {
    let user = input.id ? this.users.get(input.id) : undefined;
    if (!user) user = this.userByUsername(input.username);
    if (user) {
      if (user.username.toLowerCase() !== input.username.toLowerCase()) this.rename(user, input.username);
      else user.username = input.username;
      if (input.name) user.name = input.name;
      if (input.description !== undefined) user.description = input.description;
      return user;
    }
    const id = input.id ?? this.ids.next();
    user = {
      id,
      username: input.username,
      name: input.name ?? input.username,
      createdAt: this.now(),
      description: input.description ?? '',
      location: null,
      profileImageUrl: `https://pbs.twimg.com/profile_images/${id}/avatar_normal.png`,
      previousUsernames: [],
    };
    this.users.set(id, user);
    this.byUsername.set(input.username.toLowerCase(), id);
    return user;
  }

  private rename(user: XUser, username: string): void {
    const taken = this.byUsername.get(username.toLowerCase());
    if (taken && taken !== user.id) throw new Error(`The username @${username} belongs to another user.`);
    this.byUsername.delete(user.username.toLowerCase());
    user.previousUsernames.push(user.username);
    user.username = username;
    this.byUsername.set(username.toLowerCase(), user.id);
  }

  // ---- tweets

  createTweet(input: { authorId: string; text: string; inReplyTo?: Tweet | null; quoteOf?: Tweet | null; retweetOf?: Tweet | null; lang?: string; unstreamed?: boolean }): Tweet {
    const id = this.ids.next();
    const { mentions, hashtags } = extractEntities(input.text);
    const referenced: Tweet['referenced'] = [];
    if (input.inReplyTo) referenced.push({ type: 'replied_to', id: input.inReplyTo.id });
    if (input.quoteOf) referenced.push({ type: 'quoted', id: input.quoteOf.id });
    if (input.retweetOf) referenced.push({ type: 'retweeted', id: input.retweetOf.id });
    const tweet: Tweet = {
      id,
      text: input.text,
      authorId: input.authorId,
      createdAt: this.now(),
      conversationId: input.inReplyTo ? input.inReplyTo.conversationId : id,
      inReplyToUserId: input.inReplyTo ? input.inReplyTo.authorId : null,
      referenced,
      mentions: mentions.map((m) => ({ ...m, id: this.userByUsername(m.username)?.id ?? null })),
      hashtags,
      lang: input.lang ?? guessLang(input.text),
      searchCache: null,
      deleted: false,
      likeCount: 0,
      retweetCount: 0,
      replyCount: 0,
      quoteCount: 0,
    };
    this.tweets.set(id, tweet);
    this.allTweets.add(id);
    this.index(this.byAuthor, tweet.authorId, id);
    this.index(this.byConversation, tweet.conversationId, id);
    if (!input.retweetOf) {
      const mentioned = new Set<string>();
      for (const m of tweet.mentions) if (m.id) mentioned.add(m.id);
      if (tweet.inReplyToUserId) mentioned.add(tweet.inReplyToUserId);
      mentioned.delete(tweet.authorId);
      for (const userId of mentioned) this.index(this.mentionsOf, userId, id);
    }
    if (input.inReplyTo) input.inReplyTo.replyCount++;
    if (input.quoteOf) input.quoteOf.quoteCount++;
    if (input.retweetOf) input.retweetOf.retweetCount++;
    if (!input.unstreamed) for (const l of this.listeners) l(tweet);
    return tweet;
  }

  deleteTweet(tweet: Tweet): void {
    if (tweet.deleted) return;
    tweet.deleted = true;
    const source = tweet.referenced.find((r) => r.type === 'retweeted');
    if (source) {
      const original = this.tweets.get(source.id);
      if (original) original.retweetCount = Math.max(0, original.retweetCount - 1);
      this.retweets.delete(`${tweet.authorId}:${source.id}`);
    }
  }

  liveTweet(id: string): Tweet | undefined {
    const t = this.tweets.get(id);
    return t && !t.deleted ? t : undefined;
  }

  mentionIndex(userId: string): SortedIds {
    return this.mentionsOf.get(userId) ?? EMPTY;
  }
  authorIndex(userId: string): SortedIds {
    return this.byAuthor.get(userId) ?? EMPTY;
  }
  conversationIndex(conversationId: string): SortedIds {
    return this.byConversation.get(conversationId) ?? EMPTY;
  }

  // ---- DMs

  createDm(input: { senderId: string; recipientId: string; text: string }): DmEvent {
    const id = this.ids.next();
    const conversationId = dmConversationId(input.senderId, input.recipientId);
    const event: DmEvent = {
      id,
      conversationId,
      senderId: input.senderId,
      participantIds: [input.senderId, input.recipientId],
      text: input.text,
      createdAt: this.now(),
    };
    this.dmEvents.set(id, event);
    this.index(this.dmsOf, input.senderId, id);
    if (input.recipientId !== input.senderId) this.index(this.dmsOf, input.recipientId, id);
    this.index(this.dmsByConversation, conversationId, id);
    return event;
  }

  dmIndex(userId: string): SortedIds {
    return this.dmsOf.get(userId) ?? EMPTY;
  }
  dmConversationIndex(conversationId: string): SortedIds {
    return this.dmsByConversation.get(conversationId) ?? EMPTY;
  }

  private index(map: Map<string, SortedIds>, key: string, id: string): void {
    let list = map.get(key);
    if (!list) map.set(key, (list = new SortedIds()));
    list.add(id);
  }

  clear(keepUserIds: readonly string[]): void {
    const keep = keepUserIds.map((id) => this.users.get(id)).filter((u): u is XUser => !!u);
    this.users.clear();
    this.byUsername.clear();
    for (const u of keep) {
      this.users.set(u.id, u);
      this.byUsername.set(u.username.toLowerCase(), u.id);
    }
    this.tweets.clear();
    this.allTweets.clear();
    this.byAuthor.clear();
    this.mentionsOf.clear();
    this.byConversation.clear();
    this.likes.clear();
    this.retweets.clear();
    this.dmEvents.clear();
    this.dmsOf.clear();
    this.dmsByConversation.clear();
  }
}

const EMPTY = new SortedIds();
