// Network failures -> the small set the outbox and pollers act on. Bodies are the real shapes from the
// API subset reference; X problem types are matched on their name, whichever host prefix they carry.
import { ApiPartialResponseError, ApiRequestError, ApiResponseError, EApiV2ErrorCode } from 'twitter-api-v2';
import { describe, expect, it } from 'vitest';
import { mapGraphError } from '../../../main/channels/facebook/errors';
import { GraphError } from '../../../main/channels/facebook/graph';
import { mapTwitterError } from '../../../main/channels/twitter/errors';

const now = Date.UTC(2026, 0, 15, 10, 0, 0);

function xError(code: number, data: unknown, rateLimit?: { limit: number; remaining: number; reset: number }, headers: Record<string, string> = {}) {
  return new ApiResponseError(`Request failed with code ${code}`, {
    code,
    data: data as never,
    headers,
    rateLimit,
    request: {} as never,
    response: {} as never,
  });
}

describe('X errors', () => {
  it('maps a 429 to rate_limited until the reset in the headers', () => {
    const reset = Math.floor(now / 1000) + 600;
    const e = mapTwitterError(xError(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 }, { limit: 100, remaining: 0, reset }), now);
    expect(e).toMatchObject({ kind: 'rate_limited', until: reset * 1000, reason: 'rate_limited' });
  });

  it('waits for the 24-hour cap when that is what ran out', () => {
    const day = Math.floor(now / 1000) + 20_000;
    const err = xError(429, { title: 'Too Many Requests', type: 'about:blank' }, { limit: 100, remaining: 50, reset: Math.floor(now / 1000) + 600 });
    err.rateLimit!.userDay = { limit: 1000, remaining: 0, reset: day };
    expect(mapTwitterError(err, now).until).toBe(day * 1000);
  });

  it('does not wait out the window for a second stream connection', () => {
    const e = mapTwitterError(
      xError(
        429,
        { title: 'ConnectionException', detail: 'This stream is currently at the maximum allowed connection limit.', connection_issue: 'TooManyConnections', type: 'https://api.twitter.com/2/problems/streaming-connection' },
        { limit: 50, remaining: 49, reset: Math.floor(now / 1000) + 900 },
      ),
      now,
    );
    expect(e).toMatchObject({ kind: 'rate_limited', reason: 'too_many_connections', until: null });
  });

  it('maps 401 to token_expired, duplicate content to duplicate, and a gone target to permanent', () => {
    expect(mapTwitterError(xError(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }), now).kind).toBe('token_expired');
    expect(mapTwitterError(xError(403, { detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 }), now)).toMatchObject({
      kind: 'duplicate',
      reason: 'duplicate_content',
    });
    expect(mapTwitterError(xError(403, { detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.', type: 'about:blank', title: 'Forbidden', status: 403 }), now)).toMatchObject({
      kind: 'permanent',
      reason: 'target_gone',
    });
  });

  it('matches problem types on their name, whatever the prefix (the library constants never match real bodies)', () => {
    for (const type of ['https://api.twitter.com/2/problems/unsupported-authentication', 'https://api.x.com/2/problems/unsupported-authentication', 'https://developer.x.com/en/support/x-api/error-troubleshooting#unsupported-authentication']) {
      expect(mapTwitterError(xError(403, { title: 'Unsupported Authentication', type, status: 403, detail: 'x' }), now).reason).toBe('unsupported_authentication');
    }
    const invalid = xError(400, {
      errors: [{ parameters: { since_id: ['1'] }, message: "'since_id' must be a tweet id created after 2026-06-22T16:35Z." }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
    expect(invalid.hasErrorCode(EApiV2ErrorCode.InvalidRequest)).toBe(false);
    expect(mapTwitterError(invalid, now)).toMatchObject({ kind: 'permanent', reason: 'invalid_request' });
    expect(mapTwitterError(invalid, now).message).toMatch(/since_id/);
  });

  it('maps 5xx, network failures and cut-off answers to retryable', () => {
    expect(mapTwitterError(xError(503, { title: 'Service Unavailable', type: 'about:blank' }), now)).toMatchObject({ kind: 'retryable', reason: 'server_error' });
    const req = new ApiRequestError('Request failed.', { request: {} as never, error: new Error('socket hang up') });
    expect(mapTwitterError(req, now)).toMatchObject({ kind: 'retryable', reason: 'network' });
    const partial = new ApiPartialResponseError('cut', { request: {} as never, response: {} as never, responseError: new Error('aborted'), rawContent: '{"da' });
    expect(mapTwitterError(partial, now)).toMatchObject({ kind: 'retryable', reason: 'network' });
  });
});

const graph = (status: number, error: Record<string, unknown>, headers: Record<string, string> = {}) => GraphError.fromBody(status, { error }, new Headers(headers));

describe('Graph errors', () => {
  it('maps code 190 (and 102) to token_expired, whatever the subcode', () => {
    for (const sub of [undefined, 463, 460, 458]) {
      expect(mapGraphError(graph(400, { message: 'Error validating access token', type: 'OAuthException', code: 190, error_subcode: sub }), now).kind).toBe('token_expired');
    }
    expect(mapGraphError(graph(400, { message: 'API session', code: 102 }), now).kind).toBe('token_expired');
  });

  it('maps throttles to rate_limited, waiting for estimated_time_to_regain_access when given', () => {
    const buc = JSON.stringify({ '101457812431751': [{ type: 'pages', call_count: 100, total_cputime: 40, total_time: 40, estimated_time_to_regain_access: 17 }] });
    const e = mapGraphError(graph(400, { message: '(#80001) There have been too many calls to this Page account.', code: 80001 }, { 'x-business-use-case-usage': buc }), now);
    expect(e).toMatchObject({ kind: 'rate_limited', until: now + 17 * 60_000 });
    for (const code of [4, 17, 32, 613]) expect(mapGraphError(graph(400, { message: `(#${code}) limit`, code }), now).kind).toBe('rate_limited');
  });

  it('maps the Messenger window, "already replied", an unavailable person and a missing object', () => {
    expect(mapGraphError(graph(400, { message: '(#10) This message is sent outside of allowed window.', code: 10, error_subcode: 2018278 }), now)).toMatchObject({
      kind: 'permanent',
      reason: 'outside_messaging_window',
    });
    expect(mapGraphError(graph(400, { message: '(#10900) Activity already replied to', code: 10900 }), now)).toMatchObject({ kind: 'duplicate', reason: 'already_replied' });
    expect(mapGraphError(graph(400, { message: "(#551) This person isn't available right now.", code: 551, error_subcode: 1545041 }), now).reason).toBe('recipient_unavailable');
    expect(mapGraphError(graph(400, { message: 'Unsupported get request.', type: 'GraphMethodException', code: 100, error_subcode: 33 }), now).reason).toBe('target_gone');
    expect(mapGraphError(graph(403, { message: '(#200) Permissions error', code: 200 }), now).reason).toBe('permission');
  });

  it('maps transient errors and transport failures to retryable', () => {
    expect(mapGraphError(graph(500, { message: 'An unexpected error has occurred.', code: 2, is_transient: true }), now).kind).toBe('retryable');
    expect(mapGraphError(new GraphError({ status: 0, code: 0, message: 'Could not reach the Graph API', isTransient: true }), now)).toMatchObject({ kind: 'retryable', reason: 'network' });
  });
});
