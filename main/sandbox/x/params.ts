// Query-parameter rules for the X endpoints, with the live API's 400 messages: unknown parameters, ids
// that are not ids, max_results out of range, unknown fields or expansions.
import { badParam, invalidRequest, XProblem } from './problems';

export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics',
  'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'suggested_source_links',
  'suggested_source_links_with_counts', 'text', 'withheld',
] as const;
export const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id', 'is_identity_verified',
  'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url', 'protected',
  'public_metrics', 'receives_your_dm', 'subscription', 'subscription_type', 'url', 'username', 'verified',
  'verified_followers_count', 'verified_type', 'withheld',
] as const;
export const DM_EVENT_FIELDS = [
  'attachments', 'created_at', 'dm_conversation_id', 'entities', 'event_type', 'id', 'participant_ids', 'referenced_tweets', 'sender_id', 'text',
] as const;
export const MEDIA_FIELDS = [
  'alt_text', 'duration_ms', 'height', 'media_key', 'non_public_metrics', 'organic_metrics', 'preview_image_url', 'promoted_metrics',
  'public_metrics', 'type', 'url', 'variants', 'width',
] as const;
export const POLL_FIELDS = ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status'] as const;
export const PLACE_FIELDS = ['contained_within', 'country', 'country_code', 'full_name', 'geo', 'id', 'name', 'place_type'] as const;
export const TWEET_EXPANSIONS = [
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet', 'attachments.poll_ids',
  'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id',
  'entities.note.mentions.username', 'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys', 'referenced_tweets.id.author_id',
] as const;
export const USER_EXPANSIONS = ['affiliation.user_id', 'most_recent_tweet_id', 'pinned_tweet_id'] as const;
export const DM_EXPANSIONS = ['attachments.media_keys', 'participant_ids', 'referenced_tweets.id', 'sender_id'] as const;

const fieldParams: Record<string, readonly string[]> = {
  'tweet.fields': TWEET_FIELDS,
  'user.fields': USER_FIELDS,
  'dm_event.fields': DM_EVENT_FIELDS,
  'media.fields': MEDIA_FIELDS,
  'poll.fields': POLL_FIELDS,
  'place.fields': PLACE_FIELDS,
};

export interface Fields {
  tweet: Set<string>;
  user: Set<string>;
  dm: Set<string>;
  expansions: Set<string>;
}

type Issue = { parameter: string; value: string; message: string };

/** Reads and checks a query against the parameters one endpoint accepts; throws the 400 on any problem. */
export class QueryReader {
  private readonly issues: Issue[] = [];

  constructor(
    private readonly query: URLSearchParams,
    allowed: readonly string[],
    private readonly expansionsAllowed: readonly string[] = [],
  ) {
    // `post.fields` is the newer name for `tweet.fields`; accept it as an alias.
    if (query.has('post.fields') && !query.has('tweet.fields')) query.set('tweet.fields', query.get('post.fields')!);
    query.delete('post.fields');
    for (const key of new Set(query.keys())) {
      if (!allowed.includes(key)) {
        this.issues.push({ parameter: key, value: query.get(key) ?? '', message: `The query parameter [${key}] is not one of [${allowed.join(',')}]` });
      }
    }
  }

  string(name: string): string | null {
    const v = this.query.get(name);
    return v === null ? null : v;
  }

  id(name: string): string | null {
    const v = this.query.get(name);
    if (v === null) return null;
    if (!/^[0-9]{1,19}$/.test(v)) {
      this.issues.push({ parameter: name, value: v, message: `The \`${name}\` query parameter value [${v}] does not match ^[0-9]{1,19}$` });
      return null;
    }
    return v;
  }

  int(name: string, min: number, max: number, fallback: number): number {
    const v = this.query.get(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (!/^-?\d+$/.test(v) || n < min || n > max) {
      this.issues.push({ parameter: name, value: v, message: `The \`${name}\` query parameter value [${v}] is not between ${min} and ${max}` });
      return fallback;
    }
    return n;
  }

  bool(name: string): boolean {
    const v = this.query.get(name);
    if (v === null) return false;
    if (v !== 'true' && v !== 'false') {
      this.issues.push({ parameter: name, value: v, message: `The \`${name}\` query parameter value [${v}] is not one of [true,false]` });
      return false;
    }
    return v === 'true';
  }

  /** RFC 3339 time (YYYY-MM-DDTHH:mm:ssZ, milliseconds allowed) as epoch ms. */
  time(name: string): number | null {
    const v = this.query.get(name);
    if (v === null) return null;
    const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v) ? Date.parse(v) : NaN;
    if (!Number.isFinite(t)) {
      this.issues.push({ parameter: name, value: v, message: `Invalid '${name}':'${v}'. '${name}' must be a valid RFC 3339 timestamp (YYYY-MM-DDTHH:mm:ssZ).` });
      return null;
    }
    return t;
  }

  list(name: string, allowed: readonly string[]): Set<string> {
    const v = this.query.get(name);
    const out = new Set<string>();
    if (v === null) return out;
    for (const item of v.split(',').map((s) => s.trim())) {
      if (!allowed.includes(item)) {
        this.issues.push({ parameter: name, value: item, message: `The \`${name}\` query parameter value [${item}] is not one of [${allowed.join(',')}]` });
      } else out.add(item);
    }
    return out;
  }

  fields(): Fields {
    const sets = Object.fromEntries(Object.entries(fieldParams).map(([k, allowed]) => [k, this.query.has(k) ? this.list(k, allowed) : new Set<string>()]));
    return {
      tweet: sets['tweet.fields']!,
      user: sets['user.fields']!,
      dm: sets['dm_event.fields']!,
      expansions: this.list('expansions', this.expansionsAllowed),
    };
  }

  fail(parameter: string, value: string, message: string): void {
    this.issues.push({ parameter, value, message });
  }

  /** Throws the invalid-request problem when anything was wrong. */
  done(): void {
    if (this.issues.length) throw new XProblem(invalidRequest(this.issues));
  }
}

export const FIELD_PARAMS = Object.keys(fieldParams);
export const TWEET_QUERY_FIELDS = ['tweet.fields', 'user.fields', 'media.fields', 'poll.fields', 'place.fields', 'expansions'];
export { badParam };
