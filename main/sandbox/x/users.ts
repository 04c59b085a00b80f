// GET /2/users/me and GET /2/users/by/username/:username.
import { json, type Reply } from '../http';
import { userIdOf, type XCall } from './call';
import { QueryReader, USER_EXPANSIONS } from './params';
import { invalidRequest, resourceNotFound } from './problems';
import { renderTweet, renderUser } from './render';

function withPinned(call: XCall, userId: string): Reply {
  const q = new QueryReader(call.req.query, ['user.fields', 'expansions', 'tweet.fields'], USER_EXPANSIONS);
  const fields = q.fields();
  q.done();
  const x = call.ctx.x;
  const user = x.users.get(userId)!;
  const body: Record<string, unknown> = { data: renderUser(x, user, fields.user) };
  if (fields.expansions.has('most_recent_tweet_id')) {
    const idx = x.authorIndex(user.id);
    const latest = idx.length ? x.tweets.get(idx.at(idx.length - 1)!) : undefined;
    if (latest) body.includes = { tweets: [renderTweet(latest, fields.tweet)] };
  }
  return json(200, body);
}

export function me(call: XCall): Reply {
  return withPinned(call, userIdOf(call));
}

export function byUsername(call: XCall): Reply {
  const username = call.req.params.username ?? '';
  if (!/^[A-Za-z0-9_]{1,15}$/.test(username)) {
    return invalidRequest([{ parameter: 'username', value: username, message: `The \`username\` query parameter value [${username}] does not match ^[A-Za-z0-9_]{1,15}$` }]);
  }
  const user = call.ctx.x.userByUsername(username);
  if (!user) {
    new QueryReader(call.req.query, ['user.fields', 'expansions', 'tweet.fields'], USER_EXPANSIONS).done();
    return json(200, {
      errors: [resourceNotFound({ parameter: 'username', value: username, resourceType: 'user', detail: `Could not find user with username: [${username}].` })],
    });
  }
  return withPinned(call, user.id);
}

