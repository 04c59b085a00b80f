// The X API v2 surface: each route with its rate-limit endpoint and who may call it (app-only bearer, user
// context, or both), wrapped so that every response, errors included, carries x-rate-limit-* headers.
import type { SandboxContext } from '../context';
import type { XEndpoint } from '../config';
import { HANDLED, writeReply, type Handler, type HandlerResult, type Reply, type SandboxRequest } from '../http';
import type { Router } from '../router';
import type { XCall } from './call';
import * as dms from './dms';
import * as oauth from './oauth';
import { statusProblem, tooManyRequests, unauthorized, unsupportedAuthentication, XProblem } from './problems';
import { changeRules, listRules } from './rules';
import type { StreamHub } from './stream';
import { mentions, searchRecent } from './timelines';
import * as tweets from './tweets';
import * as users from './users';

/** any = bearer or user; user = OAuth 2.0 or 1.0a user context; app = app-only bearer; client = OAuth2 client auth. */
type Auth = 'any' | 'user' | 'app' | 'client';

interface XRoute {
  method: string;
  path: string;
  endpoint: XEndpoint;
  auth: Auth;
  run: (call: XCall) => HandlerResult;
}

export function xRoutes(stream: StreamHub): XRoute[] {
  const r = (method: string, path: string, auth: Auth, run: XRoute['run']): XRoute => ({ method, path, endpoint: `${method} ${path}` as XEndpoint, auth, run });
  return [
    r('GET', '/2/users/me', 'user', users.me),
    r('GET', '/2/users/by/username/:username', 'any', users.byUsername),
    r('GET', '/2/users/:id/mentions', 'any', mentions),
    r('GET', '/2/tweets/search/recent', 'any', searchRecent),
    r('GET', '/2/tweets/search/stream', 'app', (c) => stream.connect(c)),
    r('GET', '/2/tweets/search/stream/rules', 'app', (c) => listRules(c, stream.rules)),
    r('POST', '/2/tweets/search/stream/rules', 'app', (c) => changeRules(c, stream.rules)),
    r('POST', '/2/tweets', 'user', tweets.createTweet),
    r('DELETE', '/2/tweets/:id', 'user', tweets.deleteTweet),
    r('POST', '/2/users/:id/likes', 'user', tweets.like),
    r('DELETE', '/2/users/:id/likes/:tweet_id', 'user', tweets.unlike),
    r('POST', '/2/users/:id/retweets', 'user', tweets.retweet),
    r('DELETE', '/2/users/:id/retweets/:source_tweet_id', 'user', tweets.unretweet),
    r('GET', '/2/dm_events', 'user', dms.dmEvents),
    r('GET', '/2/dm_conversations/with/:participant_id/dm_events', 'user', dms.dmEventsWithParticipant),
    r('GET', '/2/dm_conversations/:id/dm_events', 'user', dms.dmEventsOfConversation),
    r('POST', '/2/dm_conversations/with/:participant_id/messages', 'user', dms.sendToParticipant),
    r('POST', '/2/dm_conversations/:dm_conversation_id/messages', 'user', dms.sendInConversation),
    r('POST', '/2/oauth2/token', 'client', oauth.token),
  ];
}

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...headers, ...reply.headers } };
}

/** Authenticate, fault-inject, rate-limit, run; always with rate-limit headers. */
function wrap(ctx: SandboxContext, route: XRoute): Handler {
  return (req: SandboxRequest) => {
    const auth = route.auth === 'client' ? null : ctx.tokens.authenticateX(req.headers.authorization);
    const caller = auth?.ok ? auth.caller : null;
    const bucket = caller?.kind === 'user' ? 'user' : 'app';
    const subject = caller?.kind === 'user' ? caller.userId : 'app';
    const counted = route.auth === 'client' || caller !== null;

    const fault = ctx.faults.take('x', [req.path]);
    if (fault && fault.mode === 'status') {
      const limit = ctx.xLimits.hit(route.endpoint, bucket, subject, false);
      const reply = fault.body !== undefined ? { status: fault.status, body: fault.body } : statusProblem(fault.status);
      const headers = fault.status === 429 ? { ...limit.headers, 'x-rate-limit-remaining': '0' } : limit.headers;
      return withHeaders(reply, headers);
    }
    if (fault && fault.mode === 'timeout') {
      // Never answer; the client's own timeout is what this exercises.
      return HANDLED;
    }

    if (auth && !auth.ok) return withHeaders(unauthorized(), ctx.xLimits.hit(route.endpoint, 'app', 'anonymous', false).headers);
    if (caller) {
      if (route.auth === 'user' && caller.kind === 'app') return withHeaders(unsupportedAuthentication('app', 'user'), ctx.xLimits.hit(route.endpoint, 'app', 'app', false).headers);
      if (route.auth === 'app' && caller.kind === 'user') {
        return withHeaders(unsupportedAuthentication('user', 'app'), ctx.xLimits.hit(route.endpoint, 'user', caller.userId, false).headers);
      }
    }
    const limit = ctx.xLimits.hit(route.endpoint, bucket, subject, counted);
    if (limit.exceededUntil !== null) return withHeaders(tooManyRequests(), limit.headers);

    const call: XCall = { ctx, req, caller, rateHeaders: limit.headers, fault };
    let result: HandlerResult;
    try {
      result = route.run(call);
    } catch (e) {
      if (e instanceof XProblem) result = e.reply;
      else throw e;
    }
    if (result === HANDLED) return HANDLED;
    const reply = withHeaders(result, limit.headers);
    if (fault) {
      // malformed_json / reset / truncate: the act happened, the client just cannot read the answer.
      writeReply(req.res, reply, fault.mode);
      return HANDLED;
    }
    return reply;
  };
}

export function registerX(router: Router<Handler>, ctx: SandboxContext, stream: StreamHub): void {
  for (const route of xRoutes(stream)) router.add(route.method, route.path, wrap(ctx, route));
}
