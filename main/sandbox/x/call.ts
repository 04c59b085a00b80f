// What an X route handler receives once the request is authenticated and counted.
import type { SandboxContext } from '../context';
import type { Fault } from '../faults';
import type { SandboxRequest } from '../http';
import type { XCaller } from '../tokens';

export interface XCall {
  ctx: SandboxContext;
  req: SandboxRequest;
  /** Null only on the OAuth 2.0 token endpoint, which authenticates the client itself. */
  caller: XCaller | null;
  /** x-rate-limit-* (and 24-hour) headers for this call; handlers that write their own response send them. */
  rateHeaders: Record<string, string>;
  /** A 'truncate' fault armed for this request (the stream cuts its next message). */
  fault: Fault | null;
}

/** The authenticated user id; route auth rules guarantee a user caller where this is used. */
export function userIdOf(call: XCall): string {
  if (call.caller?.kind !== 'user') throw new Error('user context required');
  return call.caller.userId;
}
