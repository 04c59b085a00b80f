// GET /2/tweets/search/stream: one chunked connection per app, CRLF-framed JSON with matching_rules, bare
// CRLF keep-alives, backfill, and the failure modes a client must survive (clean close, operational
// disconnect, a stall with no bytes, a message cut in half, duplicates delivered out of order).
import type http from 'node:http';
import type { SandboxContext } from '../context';
import { HANDLED, type HandlerResult } from '../http';
import type { Tweet } from '../state/x';
import type { XCall } from './call';
import { QueryReader, TWEET_EXPANSIONS, TWEET_QUERY_FIELDS, type Fields } from './params';
import { PROBLEM_BASE, problem } from './problems';
import { matches } from './query';
import { Includes, renderTweet } from './render';
import type { RuleSet } from './rules';

export type DisconnectMode = 'close' | 'operational' | 'stall' | 'truncate';

interface Connection {
  res: http.ServerResponse;
  fields: Fields;
  timer: NodeJS.Timeout | null;
  stalled: boolean;
  cutNext: boolean;
  pendingDuplicate: string | null;
  delivered: number;
}

export class StreamHub {
  private conn: Connection | null = null;
  private readonly unsubscribe: () => void;
  /** Completed connections, for GET /_sandbox/state. */
  connections = 0;
  /** Connections refused because one was already open (X's TooManyConnections): a second client streaming. */
  refused = 0;

  constructor(
    private readonly ctx: SandboxContext,
    readonly rules: RuleSet,
  ) {
    this.unsubscribe = ctx.x.onTweet((t) => this.deliver(t));
  }

  get connected(): boolean {
    return this.conn !== null;
  }

  connect(call: XCall): HandlerResult {
    const q = new QueryReader(call.req.query, ['backfill_minutes', 'start_time', 'end_time', ...TWEET_QUERY_FIELDS], TWEET_EXPANSIONS);
    const backfill = q.int('backfill_minutes', 0, 5, 0);
    q.time('start_time');
    q.time('end_time');
    const fields = q.fields();
    q.done();
    if (this.conn) {
      this.refused++;
      return problem(
        429,
        {
          title: 'ConnectionException',
          detail: 'This stream is currently at the maximum allowed connection limit.',
          connection_issue: 'TooManyConnections',
          type: `${PROBLEM_BASE}streaming-connection`,
        },
        call.rateHeaders,
      );
    }
    if (this.rules.size === 0) {
      return problem(409, { title: 'Conflict', detail: 'Stream has no rules: add rules before connecting.', type: `${PROBLEM_BASE}conflict`, status: 409 }, call.rateHeaders);
    }
    const res = call.req.res;
    res.writeHead(200, { ...call.rateHeaders, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const conn: Connection = { res, fields, timer: null, stalled: false, cutNext: call.fault?.mode === 'truncate', pendingDuplicate: null, delivered: 0 };
    this.conn = conn;
    this.connections++;
    const drop = () => {
      if (conn.timer) clearInterval(conn.timer);
      if (this.conn === conn) this.conn = null;
    };
    res.on('close', drop);
    call.req.req.socket.setNoDelay(true);
    conn.timer = setInterval(() => {
      if (!conn.stalled && !res.writableEnded) res.write('\r\n');
    }, this.ctx.config.x.stream_keepalive_ms);
    if (backfill > 0) {
      const since = this.ctx.clock.now() - backfill * 60_000;
      const recent: Tweet[] = [];
      this.ctx.x.allTweets.walkDown({}, (id) => {
        const t = this.ctx.x.tweets.get(id)!;
        if (t.createdAt < since) return false;
        recent.push(t);
        return true;
      });
      for (const t of recent.reverse()) this.deliver(t);
    }
    return HANDLED;
  }

  private message(tweet: Tweet, conn: Connection): string | null {
    if (tweet.deleted) return null;
    const matching = this.rules.list().filter((r) => matches(r.node, tweet, this.ctx.x));
    if (matching.length === 0) return null;
    const includes = new Includes(this.ctx.x, conn.fields);
    includes.forTweet(tweet);
    const body: Record<string, unknown> = { data: renderTweet(tweet, conn.fields.tweet) };
    const inc = includes.build();
    if (inc) body.includes = inc;
    body.matching_rules = matching.map((r) => ({ id: r.id, ...(r.tag !== undefined ? { tag: r.tag } : {}) }));
    return JSON.stringify(body);
  }

  private deliver(tweet: Tweet): void {
    const conn = this.conn;
    if (!conn || conn.stalled || conn.res.writableEnded) return;
    const line = this.message(tweet, conn);
    if (!line) return;
    if (conn.cutNext) {
      // Half a message, then the connection drops: the client must not lose its place.
      conn.res.write(line.slice(0, Math.max(1, Math.floor(line.length / 2))), () => conn.res.destroy());
      conn.stalled = true;
      return;
    }
    conn.res.write(`${line}\r\n`);
    conn.delivered++;
    if (this.ctx.config.x.stream_duplicates) {
      // The copy goes out after the next Tweet, so duplicates also arrive out of order.
      if (conn.pendingDuplicate) conn.res.write(`${conn.pendingDuplicate}\r\n`);
      conn.pendingDuplicate = conn.pendingDuplicate ? null : line;
    }
  }

  /** Ends the current connection the chosen way; returns false when nothing is connected. */
  disconnect(mode: DisconnectMode): boolean {
    const conn = this.conn;
    if (!conn) return false;
    switch (mode) {
      case 'close':
        conn.res.end();
        break;
      case 'operational':
        conn.res.end(
          `${JSON.stringify({
            errors: [
              {
                title: 'operational-disconnect',
                disconnect_type: 'OperationalDisconnect',
                detail: 'This stream has been disconnected for operational reasons.',
                type: `${PROBLEM_BASE}operational-disconnect`,
              },
            ],
          })}\r\n`,
        );
        break;
      case 'stall':
        // No more bytes, not even keep-alives; the socket stays open until the client gives up.
        conn.stalled = true;
        break;
      case 'truncate':
        conn.res.write('{"data":{"id":"', () => conn.res.destroy());
        conn.stalled = true;
        break;
    }
    return true;
  }

  close(): void {
    this.unsubscribe();
    const conn = this.conn;
    if (conn) {
      if (conn.timer) clearInterval(conn.timer);
      conn.res.destroy();
      this.conn = null;
    }
  }

  /** Drops the connection and rules (POST /_sandbox/reset). */
  reset(): void {
    const conn = this.conn;
    if (conn) conn.res.destroy();
    this.conn = null;
    this.rules.clear();
    this.connections = 0;
    this.refused = 0;
  }
}
