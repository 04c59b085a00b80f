// Graph API failures -> ChannelError, branching on error.code / error_subcode (the HTTP status varies for
// the same code). Rate-limit waits use estimated_time_to_regain_access from the usage headers when present.
import { ChannelError } from '../errors';
import { GraphError } from './graph';
import { regainAccessAt } from './usage';

const THROTTLE_CODES = new Set([4, 17, 32, 613, 341, 80001, 80002, 80004, 80006]);
const DEFAULT_THROTTLE_WAIT_MS = 5 * 60_000;
/** The Send API's "outside of allowed window" and its older variants. */
const WINDOW_SUBCODES = new Set([2018278, 2534022, 2018065]);

export function mapGraphError(e: unknown, now: number): ChannelError {
  if (e instanceof ChannelError) return e;
  if (!(e instanceof GraphError)) {
    const message = e instanceof Error ? e.message : String(e);
    return new ChannelError('retryable', `Unexpected failure talking to Facebook: ${message}`, { reason: 'unexpected' });
  }
  const { code, subcode, status } = e;
  const said = e.message;
  if (code === 0) {
    // Transport-level: unreachable, cut off, not JSON, or a status without an envelope.
    if (status === 401) return new ChannelError('token_expired', 'Facebook no longer accepts this Page token. Re-authenticate it in Admin → Channels.', { reason: 'token_expired', status });
    if (status === 429) return new ChannelError('rate_limited', 'Facebook is throttling calls.', { reason: 'rate_limited', until: now + DEFAULT_THROTTLE_WAIT_MS, status });
    if (e.isTransient || status === 0 || status >= 500) return new ChannelError('retryable', said, { reason: status === 0 ? 'network' : 'server_error', status });
    return new ChannelError('permanent', said, { reason: 'http_error', status });
  }
  if (code === 190 || code === 102) {
    return new ChannelError('token_expired', `Facebook no longer accepts this Page token (${said}). Re-authenticate it in Admin → Channels.`, { reason: 'token_expired', status });
  }
  if (THROTTLE_CODES.has(code)) {
    const regain = e.headers ? regainAccessAt(e.headers, now) : null;
    const until = regain && regain > now ? regain : now + DEFAULT_THROTTLE_WAIT_MS;
    return new ChannelError('rate_limited', `Facebook rate limit reached (${said}); waiting until ${new Date(until).toISOString()}.`, { reason: 'rate_limited', until, status });
  }
  if (code === 1 || code === 2 || e.isTransient) {
    return new ChannelError('retryable', `Facebook had a temporary problem (${said}).`, { reason: 'server_error', status });
  }
  if (code === 10 && subcode !== null && WINDOW_SUBCODES.has(subcode)) {
    return new ChannelError(
      'permanent',
      'Messenger allows a reply only within 24 hours of the customer\'s last message (a human agent: 7 days). Wait for the customer to write again.',
      { reason: 'outside_messaging_window', status },
    );
  }
  if (code === 10900 || /already replied/i.test(said)) {
    return new ChannelError('duplicate', 'Facebook says this comment already has its private reply.', { reason: 'already_replied', status });
  }
  if (code === 551 || subcode === 1545041) {
    return new ChannelError('permanent', 'This person is not available on Messenger right now (they may have blocked the Page).', { reason: 'recipient_unavailable', status });
  }
  if (code === 506) return new ChannelError('duplicate', 'Facebook says this was already posted.', { reason: 'duplicate_content', status });
  if (code === 368) {
    return new ChannelError('rate_limited', 'Facebook has temporarily blocked this action for the Page.', { reason: 'blocked', until: now + 60 * 60_000, status });
  }
  if (code === 100 && subcode === 33) {
    return new ChannelError('permanent', 'The post or comment no longer exists, or the Page cannot see it.', { reason: 'target_gone', status });
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new ChannelError('permanent', `The Page token lacks a permission for this (${said}).`, { reason: 'permission', status });
  }
  if (code === 100) return new ChannelError('permanent', `Facebook rejected the request: ${said}`, { reason: 'invalid_request', status });
  return new ChannelError('permanent', `Facebook refused: ${said} (code ${code}${subcode ? `/${subcode}` : ''}).`, { reason: 'graph_error', status });
}
