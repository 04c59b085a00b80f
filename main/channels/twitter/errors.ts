// twitter-api-v2 failures -> ChannelError. v2 problem types are matched on the name after the last '/'
// or '#' (problemName), never on the library's EApiV2ErrorCode constants, which do not match real bodies.
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { ChannelError } from '../errors';
import { problemName } from './client';

/** Waits when a 429 carries no reset header: X asks for at least a minute. */
const DEFAULT_RATE_WAIT_MS = 60_000;

function detailOf(data: unknown): { type: string | null; title: string; detail: string; params: string } {
  const d = (data ?? {}) as { type?: string; title?: string; detail?: string; errors?: Array<{ message?: string; parameters?: Record<string, string[]> }> };
  const nested = Array.isArray(d.errors) ? d.errors.map((e) => e.message).filter(Boolean).join(' ') : '';
  return { type: problemName(d.type), title: d.title ?? '', detail: d.detail ?? '', params: nested };
}

function resetOf(e: ApiResponseError): number | null {
  const rl = e.rateLimit;
  const header = (name: string) => {
    const v = e.headers?.[name];
    const n = Number(Array.isArray(v) ? v[0] : v);
    return Number.isFinite(n) && n > 0 ? n * 1000 : null;
  };
  // A 24-hour cap (POST /2/tweets, likes) outlasts the 15-minute window; wait for whichever is exhausted.
  if (rl?.userDay && rl.userDay.remaining === 0) return rl.userDay.reset * 1000;
  if (rl?.day && rl.day.remaining === 0) return rl.day.reset * 1000;
  if (rl?.reset) return rl.reset * 1000;
  return header('x-rate-limit-reset') ?? header('x-user-limit-24hour-reset') ?? header('x-app-limit-24hour-reset');
}

export function mapTwitterError(e: unknown, now: number): ChannelError {
  if (e instanceof ChannelError) return e;
  if (e instanceof ApiRequestError) {
    return new ChannelError('retryable', `X could not be reached: ${e.requestError?.message ?? e.message}`, { reason: 'network' });
  }
  if (e instanceof ApiPartialResponseError) {
    return new ChannelError('retryable', 'The connection to X broke off in the middle of an answer.', { reason: 'network' });
  }
  if (!(e instanceof ApiResponseError)) {
    const message = e instanceof Error ? e.message : String(e);
    return new ChannelError('retryable', `Unexpected failure talking to X: ${message}`, { reason: 'unexpected' });
  }
  const status = e.code;
  const { type, title, detail, params } = detailOf(e.data);
  const said = [title, detail, params].filter(Boolean).join(': ') || `HTTP ${status}`;
  if (status === 429 || status === 420 || type === 'usage-capped') {
    // A 429 with calls left in the window is not the window's limit (a second stream connection, a usage
    // cap): its reset time says nothing about when to try again.
    const exhausted = e.rateLimit ? e.rateLimit.remaining === 0 || e.rateLimit.day?.remaining === 0 || e.rateLimit.userDay?.remaining === 0 : true;
    const reset = exhausted ? resetOf(e) : null;
    const until = reset && reset > now ? reset : now + DEFAULT_RATE_WAIT_MS;
    const what = type === 'usage-capped' ? 'X usage cap reached' : type === 'streaming-connection' ? 'X allows one stream connection at a time' : 'X rate limit reached';
    if (type === 'streaming-connection') {
      // The previous connection has not been released yet: the stream's own 429 backoff decides.
      return new ChannelError('rate_limited', `${what}; reconnecting shortly.`, { reason: 'too_many_connections', until: null, status });
    }
    return new ChannelError('rate_limited', `${what}; waiting until ${new Date(until).toISOString()}.`, {
      reason: type === 'usage-capped' ? 'usage_capped' : 'rate_limited',
      until,
      status,
    });
  }
  if (status === 401) {
    return new ChannelError('token_expired', 'X no longer accepts this account\'s token. Re-authenticate it in Admin → Channels.', { reason: 'token_expired', status });
  }
  if (status >= 500) return new ChannelError('retryable', `X had a server problem (${said}).`, { reason: 'server_error', status });
  if (/duplicate content/i.test(detail)) {
    return new ChannelError('duplicate', 'X says this exact text was already posted.', { reason: 'duplicate_content', status });
  }
  if (/already (liked|retweeted|favorited)|you have already/i.test(detail)) {
    return new ChannelError('duplicate', 'X says this was already done.', { reason: 'already_done', status });
  }
  if (/deleted or not visible/i.test(detail)) {
    return new ChannelError('permanent', 'The post being answered was deleted or is not visible to the brand account.', { reason: 'target_gone', status });
  }
  if (type === 'unsupported-authentication') {
    return new ChannelError('permanent', `X refused this kind of token for the call (${detail || title}).`, { reason: 'unsupported_authentication', status });
  }
  if (type === 'client-forbidden') {
    return new ChannelError('permanent', `The X app is not allowed to use this endpoint (${said}).`, { reason: 'client_forbidden', status });
  }
  if (type === 'resource-not-found' || status === 404) {
    return new ChannelError('permanent', `X could not find it (${said}).`, { reason: 'not_found', status });
  }
  if (type === 'invalid-request' || status === 400) {
    return new ChannelError('permanent', `X rejected the request: ${params || detail || title}`, { reason: 'invalid_request', status });
  }
  if (status === 409) return new ChannelError('permanent', `X refused: ${said}`, { reason: 'conflict', status });
  if (status === 403) return new ChannelError('permanent', `X refused: ${said}`, { reason: 'forbidden', status });
  return new ChannelError('permanent', `X answered HTTP ${status}: ${said}`, { reason: 'http_error', status });
}
