// GET /2/users/:id/mentions and GET /2/tweets/search/recent: newest first, since_id/until_id exclusive,
// opaque paging tokens, the 800-mention cap and the 7-day search window (a stale since_id is the live 400).
import { json, type Reply } from '../http';
import { snowflakeAt } from '../ids';
import type { SortedIds } from '../state/sortedIds';
import type { Tweet } from '../state/x';
import type { XCall } from './call';
import { decodeToken, encodeToken, page, type Accept, type PageToken } from './paging';
import { QueryReader, TWEET_EXPANSIONS, TWEET_QUERY_FIELDS } from './params';
import { invalidRequest, XProblem } from './problems';
import { matches, parseQuery, plan, QuerySyntaxError } from './query';
import { Includes, renderTweet } from './render';

const EMPTY_INDEX = { length: 0 } as SortedIds;

function tweetPage(call: XCall, opts: { index: SortedIds; floor: number; sinceId: string | null; untilId: string | null; max: number; token: PageToken | null; accept: Accept; previous: boolean; scope: string; fields: ReturnType<QueryReader['fields']> }): Reply {
  const x = call.ctx.x;
  const result = opts.index === EMPTY_INDEX ? { ids: [], nextBound: null, previousBound: null } : page(opts);
  if (result.ids.length === 0) return json(200, { meta: { result_count: 0 } });
  const includes = new Includes(x, opts.fields);
  const data = result.ids.map((id) => {
    const t = x.tweets.get(id)!;
    includes.forTweet(t);
    return renderTweet(t, opts.fields.tweet);
  });
  const meta: Record<string, unknown> = { newest_id: result.ids[0], oldest_id: result.ids[result.ids.length - 1], result_count: result.ids.length };
  if (result.nextBound) meta.next_token = encodeToken({ dir: 'n', bound: result.nextBound, scope: opts.scope });
  if (opts.previous && result.previousBound) meta.previous_token = encodeToken({ dir: 'p', bound: result.previousBound, scope: opts.scope });
  const body: Record<string, unknown> = { data };
  const inc = includes.build();
  if (inc) body.includes = inc;
  body.meta = meta;
  return json(200, body);
}

function timeFilter(x: XCall['ctx']['x'], start: number | null, end: number | null, floorTime: number | null): Accept {
  return (id) => {
    const t = x.tweets.get(id) as Tweet;
    if (floorTime !== null && t.createdAt < floorTime) return 'stop';
    if (t.deleted) return false;
    if (start !== null && t.createdAt < start) return 'stop';
    if (end !== null && t.createdAt > end) return false;
    return true;
  };
}

export function mentions(call: XCall): Reply {
  const q = new QueryReader(call.req.query, ['since_id', 'until_id', 'max_results', 'pagination_token', 'start_time', 'end_time', ...TWEET_QUERY_FIELDS], TWEET_EXPANSIONS);
  const sinceId = q.id('since_id');
  const untilId = q.id('until_id');
  const max = q.int('max_results', 5, 100, 10);
  const start = q.time('start_time');
  const end = q.time('end_time');
  const fields = q.fields();
  const rawToken = q.string('pagination_token');
  const token = rawToken === null ? null : decodeToken(rawToken, 'mentions');
  if (rawToken !== null && !token) q.fail('pagination_token', rawToken, `The \`pagination_token\` query parameter value [${rawToken}] is not valid`);
  const userId = call.req.params.id ?? '';
  if (!/^[0-9]{1,19}$/.test(userId)) q.fail('id', userId, `The \`id\` query parameter value [${userId}] does not match ^[0-9]{1,19}$`);
  q.done();
  const x = call.ctx.x;
  if (!x.users.has(userId)) return json(200, { meta: { result_count: 0 } });
  const index = x.mentionIndex(userId);
  // Only the most recent `mentions_cap` mentions are reachable, whatever since_id says.
  const floor = Math.max(0, index.length - call.ctx.config.x.mentions_cap);
  return tweetPage(call, {
    index,
    floor,
    sinceId: sinceId,
    untilId,
    max,
    token,
    accept: timeFilter(x, sinceId ? null : start, untilId ? null : end, null),
    previous: true,
    scope: 'mentions',
    fields,
  });
}

const windowLabel = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';

export function searchRecent(call: XCall): Reply {
  const q = new QueryReader(
    call.req.query,
    ['query', 'start_time', 'end_time', 'since_id', 'until_id', 'max_results', 'next_token', 'pagination_token', 'sort_order', ...TWEET_QUERY_FIELDS],
    TWEET_EXPANSIONS,
  );
  const query = q.string('query');
  if (query === null) q.fail('query', '', 'The `query` query parameter can not be empty');
  else if (query.length > 4096) q.fail('query', query, `The \`query\` query parameter value [${query.slice(0, 20)}...] is longer than 4096 characters`);
  const sinceId = q.id('since_id');
  const untilId = q.id('until_id');
  const max = q.int('max_results', 10, 100, 10);
  const start = q.time('start_time');
  const end = q.time('end_time');
  const sort = q.string('sort_order');
  if (sort !== null && sort !== 'recency' && sort !== 'relevancy') q.fail('sort_order', sort, `The \`sort_order\` query parameter value [${sort}] is not one of [recency,relevancy]`);
  if (sinceId && start !== null) q.fail('since_id', sinceId, 'At most one of since_id, start_time may be specified');
  if (untilId && end !== null) q.fail('until_id', untilId, 'At most one of until_id, end_time may be specified');
  const fields = q.fields();
  const rawToken = q.string('next_token') ?? q.string('pagination_token');
  if (q.string('next_token') !== null && q.string('pagination_token') !== null) q.fail('next_token', rawToken ?? '', 'At most one of next_token, pagination_token may be specified');
  const token = rawToken === null ? null : decodeToken(rawToken, 'search');
  if (rawToken !== null && (!token || token.dir !== 'n')) q.fail('next_token', rawToken, `The \`next_token\` query parameter value [${rawToken}] is not valid`);
  q.done();

  const now = call.ctx.clock.now();
  const windowStart = now - call.ctx.config.x.search_window_ms;
  const floorId = snowflakeAt(windowStart);
  if (sinceId && (sinceId.length < floorId.length || (sinceId.length === floorId.length && sinceId < floorId))) {
    throw new XProblem(
      invalidRequest([
        {
          parameter: 'since_id',
          value: sinceId,
          message: `'since_id' must be a tweet id created after ${windowLabel(windowStart)}. Please use a 'since_id' that is larger than ${floorId}`,
        },
      ]),
    );
  }
  if (start !== null && start < windowStart) {
    throw new XProblem(
      invalidRequest([
        { parameter: 'start_time', value: new Date(start).toISOString(), message: `Invalid 'start_time':'${new Date(start).toISOString()}'. 'start_time' must be on or after ${windowLabel(windowStart)}` },
      ]),
    );
  }
  let root;
  try {
    root = parseQuery(query!);
  } catch (e) {
    if (e instanceof QuerySyntaxError) throw new XProblem(invalidRequest([{ parameter: 'query', value: query!, message: e.message }]));
    throw e;
  }
  const x = call.ctx.x;
  const p = plan(root, x);
  const index =
    p.index === 'conversation' ? x.conversationIndex(p.id) : p.index === 'all' ? x.allTweets : p.userId ? (p.index === 'author' ? x.authorIndex(p.userId) : x.mentionIndex(p.userId)) : EMPTY_INDEX;
  const base = timeFilter(x, start, end, windowStart);
  const accept: Accept = (id) => {
    const a = base(id);
    if (a !== true) return a;
    return matches(root, x.tweets.get(id)!, x);
  };
  return tweetPage(call, { index, floor: 0, sinceId, untilId, max, token, accept, previous: false, scope: 'search', fields });
}
