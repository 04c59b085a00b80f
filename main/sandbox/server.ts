// The sandbox's HTTP server: one node:http listener on 127.0.0.1 serving the control API (/_sandbox/...),
// X API v2 (/2/...) and the Graph API (/vNN.N/... or unversioned), built around one shared context.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandboxClock } from './clock';
import { defaultConfig } from './config';
import type { Brand, SandboxContext } from './context';
import { registerControl } from './control';
import { graphError, unknownPath } from './facebook/errors';
import { registerFacebook, splitVersion } from './facebook/routes';
import { FaultQueue } from './faults';
import { HANDLED, json, writeReply, type Handler, type Reply, type SandboxRequest } from './http';
import { FacebookIds, SnowflakeFactory } from './ids';
import { GraphUsageMeter, XRateLimiter } from './rateLimits';
import { Router } from './router';
import { Simulator } from './simulator';
import { FacebookState } from './state/facebook';
import { OutboundLog } from './state/outbound';
import { XState } from './state/x';
import { TokenRegistry } from './tokens';
import { invalidRequest, notFoundRoute } from './x/problems';
import { RuleSet } from './x/rules';
import { registerX } from './x/routes';
import { StreamHub } from './x/stream';

export interface SandboxOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Origin that Graph paging links point at (default: the listening address). */
  publicBaseUrl?: string;
  /** Start of the sandbox clock, epoch ms (default: now). */
  now?: number;
  /** Filtered-stream keep-alive interval in ms (default 20000). */
  keepAliveMs?: number;
  brand?: { xUsername?: string; xName?: string; facebookPageName?: string };
}

export interface SandboxServer {
  ctx: SandboxContext;
  simulator: Simulator;
  stream: StreamHub;
  listen(): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string, contentType: string): Record<string, unknown> | null | 'invalid' {
  if (!raw) return null;
  if (contentType.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : 'invalid';
  } catch {
    // Graph clients also post form bodies without a content type.
    if (!contentType.includes('json') && /^[^{[]/.test(raw.trim())) return Object.fromEntries(new URLSearchParams(raw));
    return 'invalid';
  }
}

function seed(ctx: SandboxContext): void {
  const page = ctx.fb.page;
  ctx.fb.createPost({ fromId: page.id, message: `Welcome to ${page.name}! Questions about an order? Comment here or send us a message.` });
  ctx.fb.createPost({ fromId: page.id, message: 'Our new collection is live 🍂 Free delivery all week.' });
}

export function createSandboxServer(options: SandboxOptions = {}): SandboxServer {
  const clock = createSandboxClock(options.now ?? Date.now());
  const now = () => clock.now();
  const config = defaultConfig({ keepAliveMs: options.keepAliveMs });
  const snowflakes = new SnowflakeFactory(clock);
  const fbIds = new FacebookIds();
  const x = new XState(snowflakes, now);
  const brandUser = x.ensureUser({
    username: options.brand?.xUsername ?? 'AcmeSupport',
    name: options.brand?.xName ?? 'Acme Support',
    description: 'Customer care for Acme. Parley sandbox account.',
  });
  const pageName = options.brand?.facebookPageName ?? 'Acme Store';
  const page = { id: '101457812431751', name: pageName, username: pageName.replace(/[^A-Za-z0-9]/g, '') || 'page' };
  const fb = new FacebookState(page, fbIds, now);
  const brand: Brand = { xUserId: brandUser.id, pageId: page.id };
  let baseUrl = options.publicBaseUrl?.replace(/\/+$/, '') ?? '';
  const ctx: SandboxContext = {
    clock,
    config,
    x,
    fb,
    brand,
    tokens: new TokenRegistry(now, () => config.x.token_ttl_ms, {
      xUserId: brandUser.id,
      xUsername: () => x.users.get(brandUser.id)!.username,
      pageId: page.id,
      pageName: () => page.name,
    }),
    xLimits: new XRateLimiter(config, now),
    graphUsage: new GraphUsageMeter(config, now),
    faults: new FaultQueue(),
    outbound: new OutboundLog(now),
    snowflakes,
    fbIds,
    publicBaseUrl: () => baseUrl,
    requestCounts: new Map(),
  };
  seed(ctx);

  const stream = new StreamHub(ctx, new RuleSet(snowflakes));
  const simulator = new Simulator(ctx);
  const control = new Router<Handler>();
  const xRouter = new Router<Handler>();
  const graph = new Router<Handler>();
  registerX(xRouter, ctx, stream);
  registerFacebook(graph, ctx);
  registerControl(control, {
    ctx,
    stream,
    simulator,
    keepAliveMs: options.keepAliveMs,
    reset: () => {
      simulator.reset();
      stream.reset();
      x.clear([brandUser.id]);
      fb.clear();
      ctx.outbound.clear();
      ctx.faults.clear();
      ctx.xLimits.clear();
      ctx.graphUsage.clear();
      ctx.requestCounts.clear();
      seed(ctx);
    },
  });

  /** X answers outside any route still carry rate-limit headers, as every X response does. */
  const xAnswer = (r: Reply): Reply => ({ ...r, headers: { ...ctx.xLimits.hit(null, 'app', 'unrouted', false).headers, ...r.headers } });

  async function dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const isControl = url.pathname.startsWith('/_sandbox/') || url.pathname === '/_sandbox';
    const isX = url.pathname.startsWith('/2/');
    const { path } = isControl || isX ? { path: url.pathname } : splitVersion(url.pathname);
    const raw = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
    const body = parseBody(raw, String(req.headers['content-type'] ?? ''));
    const router = isControl ? control : isX ? xRouter : graph;
    const match = router.match(method, path);
    let reply: Reply | typeof HANDLED;
    if (body === 'invalid') {
      reply = isX
        ? xAnswer(invalidRequest([{ parameter: 'body', value: raw.slice(0, 40), message: 'Request body is not valid JSON.' }]))
        : isControl
          ? json(400, { error: { code: 'invalid_json', message: 'The request body is not valid JSON.' } })
          : graphError({ message: '(#100) The request body is not valid JSON', code: 100 });
    } else if (!match || 'methodNotAllowed' in match) {
      reply = isControl
        ? json(404, { error: { code: 'not_found', message: `${method} ${url.pathname} is not part of the control API.` } })
        : isX
          ? xAnswer(notFoundRoute())
          : unknownPath(path).reply;
    } else {
      const sreq: SandboxRequest = { method, url, path, query: url.searchParams, headers: req.headers, body, rawBody: raw, params: match.params, req, res };
      const key = `${method} ${isX || isControl ? match.pattern : `/${match.pattern.split('/').length > 2 ? '{id}/{edge}' : '{id}'}`}`;
      ctx.requestCounts.set(key, (ctx.requestCounts.get(key) ?? 0) + 1);
      reply = await match.handler(sreq);
    }
    if (reply !== HANDLED) writeReply(res, reply);
  }

  const server = http.createServer((req, res) => {
    dispatch(req, res).catch((e: unknown) => {
      process.stderr.write(`Parley sandbox: request failed: ${(e as Error)?.stack ?? String(e)}\n`);
      if (!res.headersSent) writeReply(res, json(500, { error: { code: 'sandbox_error', message: 'The sandbox failed to handle this request.' } }));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  return {
    ctx,
    simulator,
    stream,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port ?? 0, '127.0.0.1', () => {
          server.off('error', reject);
          const port = (server.address() as AddressInfo).port;
          const url = `http://127.0.0.1:${port}`;
          if (!baseUrl) baseUrl = url;
          resolve({ url, port });
        });
      }),
    close: () =>
      new Promise((resolve) => {
        simulator.stop();
        stream.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
