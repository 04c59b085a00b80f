// Turns stored Tweets, users and DM events into X API v2 JSON: the default fields, the requested ones, and
// `includes` for the requested expansions. Fields the sandbox has no data for are omitted, as X omits them.
import type { DmEvent, Tweet, XState, XUser } from '../state/x';
import type { Fields } from './params';

export const iso = (ms: number): string => new Date(ms).toISOString();

export function renderUser(x: XState, user: XUser, fields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has('created_at')) out.created_at = iso(user.createdAt);
  if (fields.has('description')) out.description = user.description;
  if (fields.has('location') && user.location) out.location = user.location;
  if (fields.has('profile_image_url')) out.profile_image_url = user.profileImageUrl;
  if (fields.has('protected')) out.protected = false;
  if (fields.has('verified')) out.verified = false;
  if (fields.has('verified_type')) out.verified_type = 'none';
  if (fields.has('url')) out.url = '';
  if (fields.has('receives_your_dm')) out.receives_your_dm = true;
  if (fields.has('public_metrics')) {
    out.public_metrics = { followers_count: 0, following_count: 0, tweet_count: x.authorIndex(user.id).length, listed_count: 0, like_count: 0, media_count: 0 };
  }
  if (fields.has('most_recent_tweet_id')) {
    const idx = x.authorIndex(user.id);
    if (idx.length) out.most_recent_tweet_id = idx.at(idx.length - 1);
  }
  return out;
}

export function renderTweet(tweet: Tweet, fields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] };
  if (fields.has('author_id')) out.author_id = tweet.authorId;
  if (fields.has('created_at')) out.created_at = iso(tweet.createdAt);
  if (fields.has('conversation_id')) out.conversation_id = tweet.conversationId;
  if (fields.has('in_reply_to_user_id') && tweet.inReplyToUserId) out.in_reply_to_user_id = tweet.inReplyToUserId;
  if (fields.has('referenced_tweets') && tweet.referenced.length) out.referenced_tweets = tweet.referenced.map((r) => ({ type: r.type, id: r.id }));
  if (fields.has('lang')) out.lang = tweet.lang;
  if (fields.has('possibly_sensitive')) out.possibly_sensitive = false;
  if (fields.has('reply_settings')) out.reply_settings = 'everyone';
  if (fields.has('source')) out.source = 'Parley Sandbox';
  if (fields.has('display_text_range')) out.display_text_range = [0, [...tweet.text].length];
  if (fields.has('edit_controls')) {
    out.edit_controls = { edits_remaining: 5, is_edit_eligible: false, editable_until: iso(tweet.createdAt + 3_600_000) };
  }
  if (fields.has('public_metrics')) {
    out.public_metrics = {
      retweet_count: tweet.retweetCount,
      reply_count: tweet.replyCount,
      like_count: tweet.likeCount,
      quote_count: tweet.quoteCount,
      bookmark_count: 0,
      impression_count: 0,
    };
  }
  if (fields.has('entities') && (tweet.mentions.length || tweet.hashtags.length)) {
    const entities: Record<string, unknown> = {};
    if (tweet.mentions.length) {
      entities.mentions = tweet.mentions.map((m) => ({ start: m.start, end: m.end, username: m.username, ...(m.id ? { id: m.id } : {}) }));
    }
    if (tweet.hashtags.length) entities.hashtags = tweet.hashtags.map((h) => ({ start: h.start, end: h.end, tag: h.tag }));
    out.entities = entities;
  }
  return out;
}

export function renderDmEvent(event: DmEvent, fields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: event.id, event_type: 'MessageCreate', text: event.text };
  if (fields.has('created_at')) out.created_at = iso(event.createdAt);
  if (fields.has('dm_conversation_id')) out.dm_conversation_id = event.conversationId;
  if (fields.has('sender_id')) out.sender_id = event.senderId;
  return out;
}

/** Collects expanded users and Tweets, each once, in first-seen order. */
export class Includes {
  private readonly users = new Map<string, Record<string, unknown>>();
  private readonly tweets = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly x: XState,
    private readonly fields: Fields,
  ) {}

  addUser(id: string | null | undefined): void {
    if (!id || this.users.has(id)) return;
    const user = this.x.users.get(id);
    if (user) this.users.set(id, renderUser(this.x, user, this.fields.user));
  }

  /** Expansions of one Tweet (author, reply target, mentions, referenced Tweets and their authors). */
  forTweet(tweet: Tweet): void {
    const e = this.fields.expansions;
    if (e.size === 0) return;
    if (e.has('author_id')) this.addUser(tweet.authorId);
    if (e.has('in_reply_to_user_id')) this.addUser(tweet.inReplyToUserId);
    if (e.has('entities.mentions.username')) for (const m of tweet.mentions) this.addUser(m.id);
    if (e.has('referenced_tweets.id') || e.has('referenced_tweets.id.author_id')) {
      for (const r of tweet.referenced) {
        const ref = this.x.tweets.get(r.id);
        if (!ref || ref.deleted) continue;
        if (e.has('referenced_tweets.id') && !this.tweets.has(ref.id)) this.tweets.set(ref.id, renderTweet(ref, this.fields.tweet));
        if (e.has('referenced_tweets.id.author_id')) this.addUser(ref.authorId);
      }
    }
  }

  forDm(event: DmEvent): void {
    const e = this.fields.expansions;
    if (e.has('sender_id')) this.addUser(event.senderId);
    if (e.has('participant_ids')) for (const p of event.participantIds) this.addUser(p);
  }

  /** `includes` for the response, or undefined when nothing was expanded (X then omits the key). */
  build(): Record<string, unknown> | undefined {
    const out: Record<string, unknown> = {};
    if (this.users.size) out.users = [...this.users.values()];
    if (this.tweets.size) out.tweets = [...this.tweets.values()];
    return Object.keys(out).length ? out : undefined;
  }
}
