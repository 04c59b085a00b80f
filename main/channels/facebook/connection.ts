// The Facebook side of one Page: a Graph client built from the session's credentials, every call
// mapped to ChannelError, and the usage headers fed to the governor that paces this Page's polling.
import type { FacebookCredentials } from '../../secrets/credentials';
import type { AccountSession } from '../session';
import { mapGraphError } from './errors';
import { createGraphClient, GraphError, type GraphClient, type GraphResponse } from './graph';
import { readUsage, UsageGovernor } from './usage';

/** The Graph version Parley is written and tested against. */
export const GRAPH_VERSION = 'v23.0';

export class FacebookConnection {
  readonly usage = new UsageGovernor();
  private client: { version: number; graph: GraphClient } | null = null;

  constructor(readonly session: AccountSession) {}

  credentials(): FacebookCredentials {
    const c = this.session.credentials();
    if (c.kind !== 'page_token') throw new Error('A Facebook Page holds X credentials.');
    return c;
  }

  get pageId(): string {
    return this.credentials().pageId;
  }

  graph(): GraphClient {
    const v = this.session.credentialsVersion;
    if (!this.client || this.client.version !== v) {
      const c = this.credentials();
      this.client = {
        version: v,
        graph: createGraphClient({
          ...(this.session.account.baseUrl ? { baseUrl: this.session.account.baseUrl } : {}),
          version: GRAPH_VERSION,
          pageAccessToken: c.pageAccessToken,
          ...(c.appSecret ? { appSecret: c.appSecret } : {}),
        }),
      };
    }
    return this.client.graph;
  }

  /** One Graph call: usage recorded, failures mapped (a throttle blocks further calls until it lifts). */
  call<T>(op: (g: GraphClient) => Promise<GraphResponse<T>>): Promise<GraphResponse<T>> {
    return this.session.call(
      async () => {
        const res = await op(this.graph());
        this.usage.update(readUsage(res.headers, this.session.ctx.clock.now()));
        return res;
      },
      (e, now) => {
        if (e instanceof GraphError && e.headers) this.usage.update(readUsage(e.headers, now));
        const ce = mapGraphError(e, now);
        if (ce.kind === 'rate_limited' && ce.until) this.usage.blockUntil(ce.until);
        return ce;
      },
    );
  }

  /** Every page of an edge, following paging.next verbatim; `more` says whether to fetch the next one. */
  async *pages<T>(path: string, params: Record<string, string | number>): AsyncGenerator<T[]> {
    let next: string | null = null;
    for (;;) {
      const res: GraphResponse<{ data?: T[]; paging?: { next?: string } }> = await this.call((g) =>
        next ? g.get<{ data?: T[]; paging?: { next?: string } }>(next) : g.get<{ data?: T[]; paging?: { next?: string } }>(path, params),
      );
      yield res.data.data ?? [];
      next = res.data.paging?.next ?? null;
      // An empty page may still have `next`: only its absence ends the edge.
      if (!next || this.session.isStopped) return;
    }
  }
}
