// The control API under /_sandbox/: act as customers, read what the brand did, hand out credentials,
// move the clock, inject faults, tune limits, run the simulator, reset. JSON in, JSON out; errors are
// {"error":{"code","message"}} with 400/404.
import { z } from 'zod';
import { applyConfigPatch, configPatchSchema, defaultConfig } from './config';
import type { SandboxContext } from './context';
import { CustomerError, customerDm, customerMention, customerTweet, messengerMessage, visitorComment, visitorPost } from './customers';
import { json, type Handler, type Reply, type SandboxRequest } from './http';
import type { Router } from './router';
import type { Simulator } from './simulator';
import type { StreamHub } from './x/stream';

const network = z.enum(['x', 'facebook']);
const xAuthor = z.object({ id: z.string().regex(/^[0-9]{1,19}$/).optional(), username: z.string().min(1), name: z.string().min(1).optional() });
const fbAuthor = z.object({ id: z.string().min(1).optional(), name: z.string().min(1) });
const text = z.string().min(1).max(25_000);

const schemas = {
  mention: z.object({ author: xAuthor, text, in_reply_to: z.string().regex(/^[0-9]{1,19}$/).nullish() }),
  bulk: z.object({ count: z.number().int().min(1).max(1_000_000), authors: z.number().int().min(1).max(1_000_000).optional(), text: z.string().min(1).max(200).optional(), stream: z.boolean().optional() }),
  dm: z.object({ from: xAuthor, text }),
  post: z.object({ from: fbAuthor, message: text }),
  comment: z.object({ post_id: z.string().min(1), from: fbAuthor, message: text }),
  messenger: z.object({ from: fbAuthor, text }),
  tokens: z.object({ network }),
  expire: z.object({ network, reason: z.enum(['expired', 'logged_out', 'deauthorized']).optional() }),
  fault: z.object({
    network,
    path_prefix: z.string().startsWith('/'),
    status: z.number().int().min(100).max(599),
    count: z.number().int().min(1).max(100_000),
    mode: z.enum(['status', 'malformed_json', 'reset', 'truncate', 'timeout']).optional(),
    body: z.unknown().optional(),
  }),
  clock: z.object({ advance_ms: z.number().int().min(0) }),
  disconnect: z.object({ mode: z.enum(['close', 'operational', 'stall', 'truncate']) }),
  simulator: z.object({ rate: z.number().min(0).max(60_000), seed: z.number().int().min(0).max(4_294_967_295).optional(), burst: z.number().int().min(0).max(100_000).optional() }),
};

class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function parse<T>(schema: z.ZodType<T>, req: SandboxRequest): T {
  const r = schema.safeParse(req.body ?? {});
  if (!r.success) {
    const first = r.error.issues[0]!;
    const where = first.path.length ? first.path.join('.') : 'body';
    throw new ControlError(400, 'invalid_request', `${where}: ${first.message}`);
  }
  return r.data;
}

export interface ControlDeps {
  ctx: SandboxContext;
  stream: StreamHub;
  simulator: Simulator;
  /** Clears all content and counters but keeps the brand, its credentials and any open stream rules off. */
  reset(): void;
  keepAliveMs?: number;
}

function state(d: ControlDeps): Record<string, unknown> {
  const { ctx } = d;
  const brand = ctx.x.users.get(ctx.brand.xUserId)!;
  const live = <T extends { deleted: boolean }>(m: Map<string, T>) => [...m.values()].filter((v) => !v.deleted).length;
  return {
    now: ctx.clock.now(),
    now_iso: new Date(ctx.clock.now()).toISOString(),
    brand: { x: { user_id: brand.id, username: brand.username, name: brand.name }, facebook: { page_id: ctx.fb.page.id, name: ctx.fb.page.name } },
    x: {
      users: ctx.x.users.size,
      tweets: live(ctx.x.tweets),
      mentions_of_brand: ctx.x.mentionIndex(ctx.brand.xUserId).length,
      dm_events: ctx.x.dmEvents.size,
      likes: ctx.x.likes.size,
      retweets: ctx.x.retweets.size,
      stream: { connected: d.stream.connected, connections: d.stream.connections, refused: d.stream.refused, rules: d.stream.rules.size },
    },
    facebook: {
      people: ctx.fb.people.size,
      posts: live(ctx.fb.posts),
      comments: live(ctx.fb.comments),
      conversations: ctx.fb.conversations.size,
      messages: ctx.fb.messages.size,
    },
    outbound: ctx.outbound.length,
    faults: ctx.faults.list().filter((f) => f.remaining > 0).length,
    simulator: { running: d.simulator.status().running, rate: d.simulator.status().rate, generated: d.simulator.status().generated },
    requests: Object.fromEntries([...ctx.requestCounts.entries()].sort()),
  };
}

export function registerControl(router: Router<Handler>, d: ControlDeps): void {
  const { ctx } = d;
  const route = (method: string, path: string, fn: (req: SandboxRequest) => unknown, status = 200) => {
    router.add(method, path, (req): Reply => {
      try {
        return json(status, fn(req));
      } catch (e) {
        if (e instanceof ControlError) return json(e.status, { error: { code: e.code, message: e.message } });
        if (e instanceof CustomerError) return json(400, { error: { code: 'invalid_request', message: e.message } });
        throw e;
      }
    });
  };

  route('GET', '/_sandbox/state', () => state(d));

  // Customers
  route('POST', '/_sandbox/x/mentions', (req) => {
    const b = parse(schemas.mention, req);
    const t = customerMention(ctx, { author: b.author, text: b.text, inReplyTo: b.in_reply_to ?? null });
    return { id: t.id, author_id: t.authorId, conversation_id: t.conversationId, text: t.text };
  });
  route('POST', '/_sandbox/x/tweets', (req) => {
    const b = parse(schemas.mention, req);
    const t = customerTweet(ctx, { author: b.author, text: b.text, inReplyTo: b.in_reply_to ?? null });
    return { id: t.id, author_id: t.authorId, conversation_id: t.conversationId, text: t.text };
  });
  route('POST', '/_sandbox/x/mentions/bulk', (req) => {
    const b = parse(schemas.bulk, req);
    const authors = Math.min(b.authors ?? Math.min(b.count, 1_000), b.count);
    let first = '';
    let last = '';
    for (let i = 0; i < b.count; i++) {
      const n = i % authors;
      // stream: false models a backlog posted while no stream saw it: only polling and search find it.
      const t = customerMention(ctx, { author: { username: `customer_${n}`, name: `Customer ${n}` }, text: `${b.text ?? 'Where is my order?'} #${i + 1}`, unstreamed: b.stream === false });
      if (i === 0) first = t.id;
      last = t.id;
    }
    return { count: b.count, first_id: first, last_id: last };
  });
  route('POST', '/_sandbox/x/dms', (req) => {
    const b = parse(schemas.dm, req);
    const e = customerDm(ctx, { from: b.from, text: b.text });
    return { id: e.id, sender_id: e.senderId, dm_conversation_id: e.conversationId };
  });
  route('POST', '/_sandbox/x/stream/disconnect', (req) => {
    const b = parse(schemas.disconnect, req);
    return { disconnected: d.stream.disconnect(b.mode), mode: b.mode };
  });
  route('POST', '/_sandbox/facebook/posts', (req) => {
    const b = parse(schemas.post, req);
    const p = visitorPost(ctx, { from: b.from, message: b.message });
    return { id: p.id, from_id: p.fromId };
  });
  route('POST', '/_sandbox/facebook/comments', (req) => {
    const b = parse(schemas.comment, req);
    const c = visitorComment(ctx, { objectId: b.post_id, from: b.from, message: b.message });
    return { id: c.id, from_id: c.fromId, post_id: c.postId, parent_id: c.parentId };
  });
  route('POST', '/_sandbox/facebook/messenger', (req) => {
    const b = parse(schemas.messenger, req);
    const m = messengerMessage(ctx, { from: b.from, text: b.text });
    return { id: m.id, psid: m.fromId, conversation_id: m.conversationId };
  });

  // What the brand did
  route('GET', '/_sandbox/outbound', (req) => {
    const net = req.query.get('network');
    const since = Number(req.query.get('since') ?? 0);
    if (net !== null && net !== 'x' && net !== 'facebook') throw new ControlError(400, 'invalid_request', 'network must be x or facebook.');
    return ctx.outbound.list({ ...(net ? { network: net } : {}), since: Number.isInteger(since) && since > 0 ? since : 0 });
  });

  // Credentials
  route('POST', '/_sandbox/tokens', (req) => {
    const b = parse(schemas.tokens, req);
    return b.network === 'x' ? ctx.tokens.xCredentials() : ctx.tokens.facebookCredentials();
  });
  route('POST', '/_sandbox/tokens/expire', (req) => {
    const b = parse(schemas.expire, req);
    return { network: b.network, expired: b.network === 'x' ? ctx.tokens.expireX() : ctx.tokens.expireFacebook(b.reason ?? 'expired') };
  });

  // Failure and time
  route('POST', '/_sandbox/faults', (req) => {
    const b = parse(schemas.fault, req);
    return ctx.faults.add({ network: b.network, path_prefix: b.path_prefix, status: b.status, count: b.count, mode: b.mode ?? 'status', ...(b.body !== undefined ? { body: b.body } : {}) });
  });
  route('GET', '/_sandbox/faults', () => ctx.faults.list());
  route('DELETE', '/_sandbox/faults', () => {
    ctx.faults.clear();
    return { cleared: true };
  });
  const clockView = () => ({ now: ctx.clock.now(), iso: new Date(ctx.clock.now()).toISOString() });
  route('GET', '/_sandbox/clock', clockView);
  route('POST', '/_sandbox/clock', (req) => {
    const b = parse(schemas.clock, req);
    ctx.clock.advance(b.advance_ms);
    return clockView();
  });

  // Tuning
  route('GET', '/_sandbox/config', () => ctx.config);
  route('POST', '/_sandbox/config', (req) => {
    const r = configPatchSchema.safeParse(req.body ?? {});
    if (!r.success) {
      const first = r.error.issues[0]!;
      throw new ControlError(400, 'invalid_config', `${first.path.join('.') || 'body'}: ${first.message}`);
    }
    applyConfigPatch(ctx.config, r.data);
    return ctx.config;
  });
  route('POST', '/_sandbox/config/reset', () => {
    Object.assign(ctx.config, defaultConfig({ keepAliveMs: d.keepAliveMs }));
    return ctx.config;
  });

  // Simulator
  route('GET', '/_sandbox/simulator', () => d.simulator.status());
  route('POST', '/_sandbox/simulator', (req) => {
    const b = parse(schemas.simulator, req);
    if (b.burst) {
      if (b.seed !== undefined) d.simulator.configure(0, b.seed);
      d.simulator.burst(b.burst);
      return d.simulator.configure(b.rate);
    }
    return d.simulator.configure(b.rate, b.seed);
  });

  route('POST', '/_sandbox/reset', () => {
    d.reset();
    return { reset: true, ...state(d) };
  });
}
