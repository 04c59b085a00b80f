// The small set every network failure is mapped to, whatever the network. The outbox and the pollers
// decide only on `kind`: retry later, wait until a time, stop until re-authentication, count as done, or give up.
export type ChannelErrorKind = 'retryable' | 'rate_limited' | 'token_expired' | 'duplicate' | 'permanent';

export interface ChannelErrorInit {
  /** A stable reason for logs, tests and the agent: network, server_error, rate_limited, duplicate_content,
   *  target_gone, outside_messaging_window, already_replied, recipient_unavailable, invalid_request, forbidden... */
  reason: string;
  /** rate_limited: when the network allows calls again (epoch ms). */
  until?: number | null;
  /** HTTP status, when there was a response. */
  status?: number | null;
}

export class ChannelError extends Error {
  readonly kind: ChannelErrorKind;
  readonly reason: string;
  readonly until: number | null;
  readonly status: number | null;

  constructor(kind: ChannelErrorKind, message: string, init: ChannelErrorInit) {
    super(message);
    this.name = 'ChannelError';
    this.kind = kind;
    this.reason = init.reason;
    this.until = init.until ?? null;
    this.status = init.status ?? null;
  }
}

export function isChannelError(e: unknown): e is ChannelError {
  return e instanceof ChannelError;
}

/** Anything thrown by our own code paths that is not yet a ChannelError (a bug, a parse error) is retryable once more. */
export function asChannelError(e: unknown): ChannelError {
  if (e instanceof ChannelError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new ChannelError('retryable', `Unexpected failure: ${message}`, { reason: 'unexpected' });
}
