// POST /2/tweets (and replies), DELETE /2/tweets/:id, likes and retweets. Duplicate text, replies to gone
// Tweets and acting for another user fail as on X; likes and retweets are idempotent.
import { json, type Reply } from '../http';
import { tweetLength } from '../state/text';
import type { Tweet } from '../state/x';
import { userIdOf, type XCall } from './call';
import { forbidden, invalidRequest, problem, resourceNotFound, XProblem } from './problems';

const CREATE_KEYS = new Set([
  'text', 'reply', 'quote_tweet_id', 'media', 'poll', 'reply_settings', 'for_super_followers_only', 'nullcast', 'geo', 'card_uri',
  'community_id', 'direct_message_deep_link', 'share_with_followers', 'edit_options', 'made_with_ai', 'paid_partnership',
]);
const ID = /^[0-9]{1,19}$/;

function bodyOf(call: XCall): Record<string, unknown> {
  const b = call.req.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) {
    throw new XProblem(invalidRequest([{ parameter: 'body', value: call.req.rawBody.slice(0, 40), message: 'Request body must be a JSON object.' }]));
  }
  return b;
}

function isDuplicate(call: XCall, authorId: string, text: string): boolean {
  const x = call.ctx.x;
  const since = call.ctx.clock.now() - call.ctx.config.x.duplicate_window_ms;
  let dup = false;
  x.authorIndex(authorId).walkDown({}, (id) => {
    const t = x.tweets.get(id)!;
    if (t.createdAt < since) return false;
    if (!t.deleted && t.text === text && !t.referenced.some((r) => r.type === 'retweeted')) dup = true;
    return !dup;
  });
  return dup;
}

export function createTweet(call: XCall): Reply {
  const body = bodyOf(call);
  const issues: Array<{ parameter: string; value: string; message: string }> = [];
  for (const k of Object.keys(body)) {
    if (!CREATE_KEYS.has(k)) issues.push({ parameter: k, value: String(body[k]), message: `$.${k}: is not defined in the schema and the schema does not allow additional properties` });
  }
  const text = body.text;
  if (text !== undefined && typeof text !== 'string') issues.push({ parameter: 'text', value: String(text), message: '$.text: string found, but expected' });
  const media = body.media as { media_ids?: unknown } | undefined;
  if (media !== undefined) issues.push({ parameter: 'media.media_ids', value: JSON.stringify(media?.media_ids ?? null), message: 'Your media IDs are invalid.' });
  if ((typeof text !== 'string' || text.length === 0) && media === undefined) {
    issues.push({ parameter: 'text', value: '', message: 'Post text is required and must not be empty.' });
  }
  const reply = body.reply as { in_reply_to_tweet_id?: unknown } | undefined;
  if (reply !== undefined && (typeof reply !== 'object' || reply === null || typeof reply.in_reply_to_tweet_id !== 'string' || !ID.test(reply.in_reply_to_tweet_id))) {
    issues.push({ parameter: 'reply.in_reply_to_tweet_id', value: JSON.stringify(reply?.in_reply_to_tweet_id ?? null), message: '$.reply.in_reply_to_tweet_id: does not match the regex pattern ^[0-9]{1,19}$' });
  }
  const quoteId = body.quote_tweet_id;
  if (quoteId !== undefined && (typeof quoteId !== 'string' || !ID.test(quoteId))) {
    issues.push({ parameter: 'quote_tweet_id', value: String(quoteId), message: '$.quote_tweet_id: does not match the regex pattern ^[0-9]{1,19}$' });
  }
  if (typeof text === 'string' && text.length > 0) {
    const length = tweetLength(text);
    if (length > 280) issues.push({ parameter: 'text', value: text, message: `Your Tweet text is ${length} characters, however the limit is 280.` });
  }
  if (issues.length) return invalidRequest(issues);

  const x = call.ctx.x;
  const authorId = userIdOf(call);
  let inReplyTo: Tweet | undefined;
  if (reply) {
    inReplyTo = x.liveTweet(reply.in_reply_to_tweet_id as string);
    if (!inReplyTo) return forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
  }
  let quoteOf: Tweet | undefined;
  if (typeof quoteId === 'string') {
    quoteOf = x.liveTweet(quoteId);
    if (!quoteOf) return forbidden('You attempted to quote a Tweet that is deleted or not visible to you.');
  }
  if (isDuplicate(call, authorId, text as string)) return forbidden('You are not allowed to create a Tweet with duplicate content.');
  const tweet = x.createTweet({ authorId, text: text as string, inReplyTo: inReplyTo ?? null, quoteOf: quoteOf ?? null });
  if (authorId === call.ctx.brand.xUserId) {
    call.ctx.outbound.record({ network: 'x', kind: inReplyTo ? 'reply' : 'tweet', target_id: inReplyTo?.id, text: tweet.text, id: tweet.id });
  }
  return json(201, { data: { id: tweet.id, text: tweet.text, edit_history_tweet_ids: [tweet.id] } });
}

export function deleteTweet(call: XCall): Reply {
  const id = call.req.params.id ?? '';
  if (!ID.test(id)) return invalidRequest([{ parameter: 'id', value: id, message: `The \`id\` query parameter value [${id}] does not match ^[0-9]{1,19}$` }]);
  const x = call.ctx.x;
  const tweet = x.tweets.get(id);
  if (!tweet || tweet.deleted) return json(200, { data: { deleted: false }, errors: [resourceNotFound({ parameter: 'id', value: id, resourceType: 'tweet', detail: `Could not find tweet with id: [${id}].` })] });
  if (tweet.authorId !== userIdOf(call)) return forbidden('You are not allowed to delete a Tweet that is not yours.');
  x.deleteTweet(tweet);
  if (tweet.authorId === call.ctx.brand.xUserId) call.ctx.outbound.record({ network: 'x', kind: 'delete', target_id: id });
  return json(200, { data: { deleted: true } });
}

/** :id must be the authenticated user; the body names the Tweet. */
function actOn(call: XCall): { userId: string; tweetId: string } | Reply {
  const userId = userIdOf(call);
  if (call.req.params.id !== userId) {
    return problem(403, { title: 'Forbidden', detail: 'You are not permitted to perform this action on behalf of another user.', type: 'about:blank', status: 403 });
  }
  const raw = call.req.params.tweet_id ?? call.req.params.source_tweet_id ?? (call.req.body?.tweet_id as unknown);
  if (typeof raw !== 'string' || !ID.test(raw)) {
    return invalidRequest([{ parameter: 'tweet_id', value: String(raw ?? ''), message: `$.tweet_id: does not match the regex pattern ^[0-9]{1,19}$` }]);
  }
  return { userId, tweetId: raw };
}

const missingTweet = (id: string) => resourceNotFound({ parameter: 'tweet_id', value: id, resourceType: 'tweet', detail: `Could not find tweet with tweet_id: [${id}].` });

export function like(call: XCall): Reply {
  const a = actOn(call);
  if ('status' in a) return a;
  const x = call.ctx.x;
  const tweet = x.liveTweet(a.tweetId);
  if (!tweet) return json(200, { data: { liked: false }, errors: [missingTweet(a.tweetId)] });
  const key = `${a.userId}:${a.tweetId}`;
  if (!x.likes.has(key)) {
    x.likes.add(key);
    tweet.likeCount++;
    if (a.userId === call.ctx.brand.xUserId) call.ctx.outbound.record({ network: 'x', kind: 'like', target_id: a.tweetId });
  }
  return json(200, { data: { liked: true } });
}

export function unlike(call: XCall): Reply {
  const a = actOn(call);
  if ('status' in a) return a;
  const x = call.ctx.x;
  const key = `${a.userId}:${a.tweetId}`;
  // Unliking a Tweet that is not liked "succeeds with no action".
  if (x.likes.delete(key)) {
    const tweet = x.tweets.get(a.tweetId);
    if (tweet) tweet.likeCount = Math.max(0, tweet.likeCount - 1);
    if (a.userId === call.ctx.brand.xUserId) call.ctx.outbound.record({ network: 'x', kind: 'unlike', target_id: a.tweetId });
  }
  return json(200, { data: { liked: false } });
}

export function retweet(call: XCall): Reply {
  const a = actOn(call);
  if ('status' in a) return a;
  const x = call.ctx.x;
  const source = x.liveTweet(a.tweetId);
  if (!source) return json(200, { data: { retweeted: false }, errors: [missingTweet(a.tweetId)] });
  const key = `${a.userId}:${a.tweetId}`;
  let rtId = x.retweets.get(key);
  if (!rtId) {
    const author = x.users.get(source.authorId);
    const rt = x.createTweet({ authorId: a.userId, text: `RT @${author?.username ?? 'unknown'}: ${source.text}`, retweetOf: source });
    rtId = rt.id;
    x.retweets.set(key, rtId);
    if (a.userId === call.ctx.brand.xUserId) call.ctx.outbound.record({ network: 'x', kind: 'retweet', target_id: a.tweetId, id: rtId });
  }
  return json(200, { data: { id: rtId, retweeted: true } });
}

export function unretweet(call: XCall): Reply {
  const a = actOn(call);
  if ('status' in a) return a;
  const x = call.ctx.x;
  const rtId = x.retweets.get(`${a.userId}:${a.tweetId}`);
  const rt = rtId ? x.tweets.get(rtId) : undefined;
  if (rt) {
    x.deleteTweet(rt);
    if (a.userId === call.ctx.brand.xUserId) call.ctx.outbound.record({ network: 'x', kind: 'unretweet', target_id: a.tweetId });
  }
  return json(200, { data: { retweeted: false } });
}
