// The one way the app builds a twitter-api-v2 client. With a base URL (the sandbox, or any X-compatible
// server) every request AND stream to api/upload/stream.(x|twitter).com is rewritten to it; the library has no
// base-URL option and always calls https.request, so an http.Agent is required for http: targets.
import http from 'node:http';
import https from 'node:https';
import { TwitterApi, type ITwitterApiClientPlugin } from 'twitter-api-v2';

export type TwitterAuth =
  /** OAuth 2.0 user-context access token (PKCE flow). */
  | { kind: 'oauth2'; accessToken: string }
  /** OAuth 1.0a user context: consumer keys plus the user's access token and secret. */
  | { kind: 'oauth1'; appKey: string; appSecret: string; accessToken: string; accessSecret: string }
  /** App-only bearer token: the filtered stream and its rules accept only this. */
  | { kind: 'app'; bearerToken: string }
  /** OAuth 2.0 client credentials, only to refresh user tokens (refreshOAuth2Token). */
  | { kind: 'client'; clientId: string; clientSecret?: string };

export interface TwitterClientOptions {
  /** null/undefined = the real X API. Otherwise e.g. http://127.0.0.1:4790 (a path prefix is kept). */
  baseUrl?: string | null;
  auth: TwitterAuth;
  /** Extra library plugins (rate-limit bookkeeping, request logging); the redirect runs first. */
  plugins?: ITwitterApiClientPlugin[];
}

const X_HOSTS = /^(api|upload|stream)\.(x|twitter)\.com$/;

/** The library plugin that sends every X request and stream to `baseUrl` instead. */
export function redirectPlugin(baseUrl: string): ITwitterApiClientPlugin {
  const target = new URL(baseUrl);
  const prefix = target.pathname.replace(/\/+$/, '');
  const rewrite = ({ params }: { params: { url: string } }) => {
    const u = new URL(params.url);
    if (!X_HOSTS.test(u.hostname)) return;
    u.protocol = target.protocol;
    u.host = target.host;
    if (prefix) u.pathname = prefix + u.pathname;
    params.url = u.toString();
  };
  return { onBeforeRequestConfig: rewrite, onBeforeStreamRequestConfig: rewrite };
}

export function createTwitterClient(options: TwitterClientOptions): TwitterApi {
  const plugins: ITwitterApiClientPlugin[] = [];
  let httpAgent: http.Agent | undefined;
  if (options.baseUrl) {
    const target = new URL(options.baseUrl);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      throw new Error(`The X base URL must start with http:// or https://, not "${options.baseUrl}".`);
    }
    plugins.push(redirectPlugin(options.baseUrl));
    httpAgent = target.protocol === 'http:' ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true });
  }
  plugins.push(...(options.plugins ?? []));
  const settings = { plugins, ...(httpAgent ? { httpAgent } : {}) };
  const auth = options.auth;
  switch (auth.kind) {
    case 'oauth2':
      return new TwitterApi(auth.accessToken, settings);
    case 'app':
      return new TwitterApi(auth.bearerToken, settings);
    case 'oauth1':
      return new TwitterApi(
        { appKey: auth.appKey, appSecret: auth.appSecret, accessToken: auth.accessToken, accessSecret: auth.accessSecret },
        settings,
      );
    case 'client':
      return new TwitterApi(auth.clientSecret ? { clientId: auth.clientId, clientSecret: auth.clientSecret } : { clientId: auth.clientId }, settings);
  }
}

/** The problem name of a v2 error `type` (".../problems/duplicate-rules" -> "duplicate-rules"; "about:blank" stays). */
export function problemName(type: string | undefined): string | null {
  if (!type) return null;
  const cut = Math.max(type.lastIndexOf('/'), type.lastIndexOf('#'));
  return cut >= 0 ? type.slice(cut + 1) : type;
}
