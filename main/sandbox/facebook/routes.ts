// The Graph API surface: /{id}, /{id}/{edge} with or without a /vNN.N prefix. Every call is authenticated
// with the Page token (query, form, or Authorization header), optionally checked against appsecret_proof,
// metered (x-app-usage, x-business-use-case-usage) and may be failed by an injected fault.
import crypto from 'node:crypto';
import type { SandboxContext } from '../context';
import { HANDLED, writeReply, type Handler, type Reply, type SandboxRequest } from '../http';
import type { GraphBudget } from '../rateLimits';
import type { Router } from '../router';
import { writeEdge, writeNode } from './actions';
import { GraphParams, type GraphCall } from './call';
import { expiredToken, graphError, GraphProblem, invalidToken, missingToken, transientFault } from './errors';
import { readEdge, readNode } from './reads';
import { GraphRenderer } from './render';

export const GRAPH_VERSION = 'v23.0';
const VERSION_PREFIX = /^\/(v\d+\.\d+)(?=\/|$)/;

/** Splits "/v23.0/123/comments" into its version and the path Graph routes on. */
export function splitVersion(pathname: string): { version: string | null; path: string } {
  const m = VERSION_PREFIX.exec(pathname);
  return m ? { version: m[1]!, path: pathname.slice(m[0].length) || '/' } : { version: null, path: pathname };
}

function tokenOf(req: SandboxRequest): string | null {
  const fromQuery = req.query.get('access_token');
  if (fromQuery) return fromQuery;
  const fromBody = req.body?.access_token;
  if (typeof fromBody === 'string' && fromBody) return fromBody;
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return m ? m[1]!.trim() : null;
}

function budgetOf(edge: string | null, objectKind: string | undefined): GraphBudget {
  return edge === 'messages' || edge === 'conversations' || objectKind === 'conversation' || objectKind === 'message' ? 'messenger' : 'pages';
}

function faultReply(status: number, body: unknown): Reply {
  if (body !== undefined) return { status, body };
  if (status >= 500) return transientFault(status);
  if (status === 429) return graphError({ status, message: '(#4) Application request limit reached', code: 4, isTransient: true });
  return graphError({ status, message: '(#1) An unknown error occurred', code: 1, isTransient: true });
}

function handle(ctx: SandboxContext, method: 'GET' | 'POST' | 'DELETE', withEdge: boolean): Handler {
  return (req) => {
    const { version } = splitVersion(req.url.pathname);
    const apiVersion = version ?? GRAPH_VERSION;
    const baseHeaders: Record<string, string> = { 'facebook-api-version': apiVersion, 'x-fb-rev': '1020304050' };
    const withHeaders = (r: Reply, extra: Record<string, string> = {}): Reply => ({ ...r, headers: { ...baseHeaders, ...extra, ...r.headers } });

    const fault = ctx.faults.take('facebook', [req.path, req.url.pathname]);
    if (fault && fault.mode === 'status') return withHeaders(faultReply(fault.status, fault.body));
    if (fault && fault.mode === 'timeout') return HANDLED;

    const token = tokenOf(req);
    const auth = ctx.tokens.authenticateFacebook(token);
    if (!auth.ok) {
      if (auth.reason === 'missing') return withHeaders(missingToken());
      if (auth.reason === 'expired') return withHeaders(expiredToken(auth.expiredAt, ctx.clock.now(), auth.end, { pageId: ctx.fb.page.id, appId: ctx.tokens.facebookAppId }));
      return withHeaders(invalidToken());
    }
    const proof = req.query.get('appsecret_proof') ?? (typeof req.body?.appsecret_proof === 'string' ? req.body.appsecret_proof : null);
    if (proof !== null || ctx.config.facebook.require_appsecret_proof) {
      const expected = crypto.createHmac('sha256', ctx.tokens.facebookAppSecret).update(token!).digest('hex');
      if (proof === null) return withHeaders(graphError({ message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 }));
      if (proof !== expected) return withHeaders(graphError({ message: 'Invalid appsecret_proof provided in the API argument', type: 'GraphMethodException', code: 100 }));
    }

    const segments = req.params;
    const objectId = segments.id === 'me' ? ctx.fb.page.id : segments.id!;
    const edge = withEdge ? segments.edge! : null;
    const usage = ctx.graphUsage.hit(auth.pageId, budgetOf(edge, ctx.fb.object(objectId)?.kind));
    if (usage.throttled) {
      const t = usage.throttled;
      return withHeaders(graphError({ status: t.code === 4 ? 403 : 400, message: t.message, code: t.code, isTransient: t.code === 4 }), usage.headers);
    }

    const authQuery = new URLSearchParams();
    for (const k of ['access_token', 'appsecret_proof']) {
      const v = req.query.get(k);
      if (v) authQuery.set(k, v);
    }
    const call: GraphCall = {
      ctx,
      req,
      version: apiVersion,
      objectId,
      edge,
      params: new GraphParams(req.query, req.body),
      render: new GraphRenderer({ ctx, version: apiVersion, auth: authQuery }),
      auth: authQuery,
    };
    let reply: Reply;
    try {
      if (method === 'GET') reply = edge ? readEdge(call) : readNode(call);
      else if (edge) reply = writeEdge(call, method);
      else reply = writeNode(call, method);
    } catch (e) {
      if (e instanceof GraphProblem) reply = e.reply;
      else throw e;
    }
    const out = withHeaders(reply, usage.headers);
    if (fault) {
      writeReply(req.res, out, fault.mode);
      return HANDLED;
    }
    return out;
  };
}

export function registerFacebook(router: Router<Handler>, ctx: SandboxContext): void {
  for (const method of ['GET', 'POST', 'DELETE'] as const) {
    router.add(method, '/:id', handle(ctx, method, false));
    router.add(method, '/:id/:edge', handle(ctx, method, true));
  }
}

