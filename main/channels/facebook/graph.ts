// A small typed Graph API client on fetch. It knows the transport rules (version prefix, Page token,
// appsecret_proof, the error envelope, usage headers, cursor paging by following `paging.next` verbatim)
// and nothing about Pages or Messenger; the Facebook adapter builds on it.
import crypto from 'node:crypto';

export type GraphParamValue = string | number | boolean | null | undefined | Record<string, unknown> | unknown[];
export type GraphParams = Record<string, GraphParamValue>;

export interface GraphClientOptions {
  /** Default https://graph.facebook.com; the sandbox URL in Sandbox mode. */
  baseUrl?: string;
  /** Pinned API version, e.g. 'v23.0'. */
  version: string;
  pageAccessToken: string;
  /** When set, every call carries appsecret_proof = HMAC-SHA256(token, appSecret). */
  appSecret?: string;
  /** Per-request timeout in ms (default 30 s). */
  timeoutMs?: number;
  /** Injected for tests of the client itself; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface GraphResponse<T> {
  status: number;
  data: T;
  headers: Headers;
  /** Parsed x-app-usage / x-business-use-case-usage, when the server sent them. */
  usage: GraphUsage;
}

export interface GraphUsage {
  app: { call_count: number; total_time: number; total_cputime: number } | null;
  businessUseCase: Record<string, Array<{ type: string; call_count: number; total_time: number; total_cputime: number; estimated_time_to_regain_access: number }>> | null;
}

export interface GraphPage<T> {
  data: T[];
  paging?: { cursors?: { before?: string; after?: string }; next?: string; previous?: string };
  summary?: Record<string, unknown>;
}

/** A Graph error envelope, or a transport failure (status 0, code 0). Branch on code/subcode, not status. */
export class GraphError extends Error {
  readonly status: number;
  readonly code: number;
  readonly subcode: number | null;
  readonly type: string;
  readonly isTransient: boolean;
  readonly fbtraceId: string | null;
  readonly userTitle: string | null;
  readonly userMessage: string | null;
  readonly headers: Headers | null;

  constructor(init: {
    status: number;
    code: number;
    subcode?: number | null;
    type?: string;
    message: string;
    isTransient?: boolean;
    fbtraceId?: string | null;
    userTitle?: string | null;
    userMessage?: string | null;
    headers?: Headers | null;
  }) {
    super(init.message);
    this.name = 'GraphError';
    this.status = init.status;
    this.code = init.code;
    this.subcode = init.subcode ?? null;
    this.type = init.type ?? 'OAuthException';
    this.isTransient = init.isTransient ?? false;
    this.fbtraceId = init.fbtraceId ?? null;
    this.userTitle = init.userTitle ?? null;
    this.userMessage = init.userMessage ?? null;
    this.headers = init.headers ?? null;
  }

  /** Parses `{"error":{...}}`; anything else becomes a transport-level error with the HTTP status. */
  static fromBody(status: number, body: unknown, headers: Headers | null): GraphError {
    const e = body && typeof body === 'object' ? (body as { error?: Record<string, unknown> }).error : undefined;
    if (e && typeof e === 'object') {
      const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null);
      return new GraphError({
        status,
        code: num(e.code) ?? 0,
        subcode: num(e.error_subcode),
        type: typeof e.type === 'string' ? e.type : 'OAuthException',
        message: typeof e.message === 'string' ? e.message : `Graph API error (HTTP ${status})`,
        isTransient: e.is_transient === true,
        fbtraceId: typeof e.fbtrace_id === 'string' ? e.fbtrace_id : null,
        userTitle: typeof e.error_user_title === 'string' ? e.error_user_title : null,
        userMessage: typeof e.error_user_msg === 'string' ? e.error_user_msg : null,
        headers,
      });
    }
    return new GraphError({
      status,
      code: 0,
      message: `Graph API answered HTTP ${status} without an error envelope.`,
      isTransient: status >= 500 || status === 429,
      headers,
    });
  }
}

export interface GraphClient {
  readonly baseUrl: string;
  readonly version: string;
  get<T = unknown>(path: string, params?: GraphParams): Promise<GraphResponse<T>>;
  post<T = unknown>(path: string, params?: GraphParams): Promise<GraphResponse<T>>;
  delete<T = unknown>(path: string, params?: GraphParams): Promise<GraphResponse<T>>;
  /** Pages through an edge, following `paging.next` verbatim until it is absent (an empty page may still have it). */
  paginate<T = unknown>(path: string, params?: GraphParams, options?: { maxPages?: number }): AsyncGenerator<GraphResponse<GraphPage<T>>>;
  /** The appsecret_proof this client sends (null without an app secret). */
  readonly appsecretProof: string | null;
}

export function appsecretProof(token: string, appSecret: string): string {
  return crypto.createHmac('sha256', appSecret).update(token).digest('hex');
}

function parseJsonHeader(v: string | null): unknown {
  if (!v) return null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

function usageOf(headers: Headers): GraphUsage {
  return {
    app: (parseJsonHeader(headers.get('x-app-usage')) as GraphUsage['app']) ?? null,
    businessUseCase: (parseJsonHeader(headers.get('x-business-use-case-usage')) as GraphUsage['businessUseCase']) ?? null,
  };
}

function encodeValue(v: GraphParamValue): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const baseUrl = (options.baseUrl ?? 'https://graph.facebook.com').replace(/\/+$/, '');
  const version = options.version;
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const proof = options.appSecret ? appsecretProof(options.pageAccessToken, options.appSecret) : null;

  const urlFor = (path: string): URL => {
    if (/^https?:\/\//.test(path)) return new URL(path);
    const clean = path.replace(/^\/+/, '');
    return new URL(`${baseUrl}/${version}/${clean}`);
  };

  async function send<T>(method: 'GET' | 'POST' | 'DELETE', target: URL, params: GraphParams | undefined, verbatim: boolean): Promise<GraphResponse<T>> {
    const url = new URL(target);
    // A followed `paging.next` already carries the query the server chose; only auth is re-added if missing.
    if (!url.searchParams.has('access_token')) url.searchParams.set('access_token', options.pageAccessToken);
    if (proof && !url.searchParams.has('appsecret_proof')) url.searchParams.set('appsecret_proof', proof);
    let body: string | undefined;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (!verbatim && params) {
      if (method === 'POST') {
        const form = new URLSearchParams();
        for (const [k, v] of Object.entries(params)) {
          const s = encodeValue(v);
          if (s !== null) form.set(k, s);
        }
        body = form.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else {
        for (const [k, v] of Object.entries(params)) {
          const s = encodeValue(v);
          if (s !== null) url.searchParams.set(k, s);
        }
      }
    }
    let res: Response;
    try {
      res = await doFetch(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const cause = e as Error;
      throw new GraphError({
        status: 0,
        code: 0,
        type: 'TransportError',
        message: `Could not reach the Graph API at ${url.origin}: ${cause.name === 'TimeoutError' ? 'timed out' : cause.message}`,
        isTransient: true,
      });
    }
    let text: string;
    try {
      text = await res.text();
    } catch (e) {
      throw new GraphError({ status: res.status, code: 0, type: 'TransportError', message: `The Graph API response was cut off: ${(e as Error).message}`, isTransient: true, headers: res.headers });
    }
    let data: unknown;
    try {
      data = text.length ? JSON.parse(text) : null;
    } catch {
      throw new GraphError({
        status: res.status,
        code: 0,
        type: 'TransportError',
        message: `The Graph API answered HTTP ${res.status} with a body that is not JSON.`,
        isTransient: true,
        headers: res.headers,
      });
    }
    if (!res.ok || (data && typeof data === 'object' && 'error' in data)) throw GraphError.fromBody(res.status, data, res.headers);
    return { status: res.status, data: data as T, headers: res.headers, usage: usageOf(res.headers) };
  }

  return {
    baseUrl,
    version,
    appsecretProof: proof,
    get: (path, params) => send('GET', urlFor(path), params, false),
    post: (path, params) => send('POST', urlFor(path), params, false),
    delete: (path, params) => send('DELETE', urlFor(path), params, false),
    async *paginate<T>(path: string, params?: GraphParams, opts?: { maxPages?: number }) {
      let page = await send<GraphPage<T>>('GET', urlFor(path), params, false);
      let count = 1;
      for (;;) {
        yield page;
        const next = page.data?.paging?.next;
        if (!next || (opts?.maxPages !== undefined && count >= opts.maxPages)) return;
        page = await send<GraphPage<T>>('GET', new URL(next), undefined, true);
        count++;
      }
    },
  };
}
