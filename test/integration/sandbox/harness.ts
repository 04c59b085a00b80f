// Test harness for the sandbox suites: a sandbox on port 0, the OpenAPI-validating proxy in front of it, the
// control API as typed calls, and the app's own clients (createTwitterClient / createGraphClient).
import type { TwitterApi } from 'twitter-api-v2';
import { createGraphClient, type GraphClient } from '../../../main/channels/facebook/graph';
import { createTwitterClient, type TwitterAuth } from '../../../main/channels/twitter/client';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../../main/sandbox';
import { OpenApiValidator } from './openapi';
import { startRecordingProxy, type RecordingProxy } from './recordingProxy';

export interface XCredentials {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user_id: string;
  username: string;
  app_bearer_token: string;
  client_id: string;
  client_secret: string;
  oauth1: { app_key: string; app_secret: string; access_token: string; access_secret: string };
}

export interface FacebookCredentials {
  page_id: string;
  page_name: string;
  page_access_token: string;
  app_id: string;
  app_secret: string;
}

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`control API answered ${status}: ${JSON.stringify(body)}`);
  }
}

export class Control {
  constructor(readonly baseUrl: string) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as unknown;
    if (!res.ok) throw new ControlError(res.status, json);
    return json as T;
  }
  post<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', path, body);
  }
  get<T = Record<string, unknown>>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  mention(username: string, text: string, extra: { name?: string; id?: string; in_reply_to?: string } = {}) {
    const { in_reply_to, ...author } = extra;
    return this.post<{ id: string; author_id: string; conversation_id: string; text: string }>('/_sandbox/x/mentions', {
      author: { username, ...author },
      text,
      ...(in_reply_to ? { in_reply_to } : {}),
    });
  }
  tweet(username: string, text: string, inReplyTo?: string) {
    return this.post<{ id: string; author_id: string; conversation_id: string }>('/_sandbox/x/tweets', { author: { username }, text, ...(inReplyTo ? { in_reply_to: inReplyTo } : {}) });
  }
  dm(username: string, text: string) {
    return this.post<{ id: string; sender_id: string; dm_conversation_id: string }>('/_sandbox/x/dms', { from: { username }, text });
  }
  visitorPost(name: string, message: string) {
    return this.post<{ id: string; from_id: string }>('/_sandbox/facebook/posts', { from: { name }, message });
  }
  comment(postId: string, name: string, message: string) {
    return this.post<{ id: string; from_id: string; post_id: string }>('/_sandbox/facebook/comments', { post_id: postId, from: { name }, message });
  }
  messenger(name: string, text: string) {
    return this.post<{ id: string; psid: string; conversation_id: string }>('/_sandbox/facebook/messenger', { from: { name }, text });
  }
  outbound(network?: 'x' | 'facebook') {
    return this.get<Array<{ network: string; kind: string; target_id?: string; text?: string; id?: string; tag?: string; at: string }>>(
      `/_sandbox/outbound${network ? `?network=${network}` : ''}`,
    );
  }
  advance(ms: number) {
    return this.post<{ now: number }>('/_sandbox/clock', { advance_ms: ms });
  }
  config(patch: unknown) {
    return this.post('/_sandbox/config', patch);
  }
  fault(f: { network: 'x' | 'facebook'; path_prefix: string; status: number; count: number; mode?: string; body?: unknown }) {
    return this.post<{ id: number; hits: number; remaining: number }>('/_sandbox/faults', f);
  }
}

export interface Harness {
  sandbox: SandboxHandle;
  control: Control;
  validator: OpenApiValidator;
  proxy: RecordingProxy;
  x: XCredentials;
  fb: FacebookCredentials;
  /** Through the validating proxy. */
  userClient(): TwitterApi;
  appClient(): TwitterApi;
  oauth1Client(): TwitterApi;
  client(auth: TwitterAuth, direct?: boolean): TwitterApi;
  graph(opts?: { appSecret?: boolean; token?: string }): GraphClient;
  close(): Promise<void>;
}

export async function startHarness(options: SandboxOptions = {}): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const validator = new OpenApiValidator();
  const proxy = await startRecordingProxy(sandbox.url, validator);
  const control = new Control(sandbox.url);
  const x = await control.post<XCredentials>('/_sandbox/tokens', { network: 'x' });
  const fb = await control.post<FacebookCredentials>('/_sandbox/tokens', { network: 'facebook' });
  const client = (auth: TwitterAuth, direct = false) => createTwitterClient({ baseUrl: direct ? sandbox.url : proxy.url, auth });
  return {
    sandbox,
    control,
    validator,
    proxy,
    x,
    fb,
    client,
    userClient: () => client({ kind: 'oauth2', accessToken: x.access_token }),
    appClient: () => client({ kind: 'app', bearerToken: x.app_bearer_token }),
    oauth1Client: () =>
      client({ kind: 'oauth1', appKey: x.oauth1.app_key, appSecret: x.oauth1.app_secret, accessToken: x.oauth1.access_token, accessSecret: x.oauth1.access_secret }),
    graph: (opts = {}) =>
      createGraphClient({
        baseUrl: sandbox.url,
        version: 'v23.0',
        pageAccessToken: opts.token ?? fb.page_access_token,
        ...(opts.appSecret === false ? {} : { appSecret: fb.app_secret }),
      }),
    close: async () => {
      await proxy.close();
      await sandbox.close();
    },
  };
}

/**
 * Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs`. The deadline
 * is a guard against hangs, not a speed requirement: it is generous, and the probe gets one last look after
 * it passes (a long synchronous step, such as compiling a schema, can hold back the events it waits for).
 */
export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > deadline) {
      await new Promise((r) => setImmediate(r));
      const last = await probe();
      if (last !== undefined && last !== false) return last;
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Resolves with the first emission of `event` (with its arguments), or rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(emitter: { once(e: string, l: (...a: unknown[]) => void): unknown }, event: string, timeoutMs = 20_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for "${event}"`)), timeoutMs);
    emitter.once(event, (arg: unknown) => {
      clearTimeout(timer);
      resolve(arg as T);
    });
  });
}
