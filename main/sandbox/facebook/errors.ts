// Graph API error envelopes as Facebook sends them: {"error":{message,type,code,error_subcode,fbtrace_id,...}}.
// Clients must branch on code/subcode; the HTTP status (usually 400) is not reliable, and here matches Graph.
import { json, type Reply } from '../http';

export interface GraphErrorInit {
  status?: number;
  message: string;
  type?: string;
  code: number;
  subcode?: number;
  isTransient?: boolean;
  userTitle?: string;
  userMessage?: string;
  headers?: Record<string, string>;
}

let trace = 0;
const TRACE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function traceId(): string {
  trace++;
  let n = trace * 2_654_435_761;
  let out = '';
  for (let i = 0; i < 11; i++) {
    out += TRACE_ALPHABET[n % 62];
    n = Math.floor(n / 62) + trace * (i + 7);
  }
  return out;
}

export function graphError(e: GraphErrorInit): Reply {
  const error: Record<string, unknown> = { message: e.message, type: e.type ?? 'OAuthException', code: e.code };
  if (e.subcode !== undefined) error.error_subcode = e.subcode;
  if (e.isTransient !== undefined) error.is_transient = e.isTransient;
  if (e.userTitle) error.error_user_title = e.userTitle;
  if (e.userMessage) error.error_user_msg = e.userMessage;
  error.fbtrace_id = traceId();
  return json(e.status ?? 400, { error }, e.headers ?? {});
}

export class GraphProblem extends Error {
  constructor(readonly reply: Reply) {
    super(String(((reply.body as { error?: { message?: string } })?.error?.message) ?? 'Graph error'));
  }
}

export const fail = (e: GraphErrorInit): GraphProblem => new GraphProblem(graphError(e));

export function invalidParam(message: string): GraphProblem {
  return fail({ message: `(#100) ${message}`, code: 100 });
}

export function unknownObject(id: string, method: 'get' | 'post' | 'delete'): GraphProblem {
  return fail({
    message: `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    subcode: 33,
  });
}

export function unknownPath(path: string): GraphProblem {
  return fail({ message: `Unknown path components: ${path}`, code: 2500 });
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "Monday, 24-Oct-16 21:00:00 PDT" style, in UTC. */
function fbDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())}-${MONTHS[d.getUTCMonth()]}-${p(d.getUTCFullYear() % 100)} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`;
}

export function expiredToken(expiredAt: number, now: number, end: 'expired' | 'logged_out' | 'deauthorized', ids: { pageId: string; appId: string }): Reply {
  const detail =
    end === 'logged_out'
      ? 'Error validating access token: The session is invalid because the user logged out.'
      : end === 'deauthorized'
        ? `Error validating access token: User ${ids.pageId} has not authorized application ${ids.appId}.`
        : `Error validating access token: Session has expired on ${fbDate(expiredAt)}. The current time is ${fbDate(now)}.`;
  return graphError({
    message: detail,
    code: 190,
    subcode: end === 'logged_out' ? 460 : end === 'deauthorized' ? 458 : 463,
    headers: { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${detail}"` },
  });
}

export const invalidToken = () =>
  graphError({
    message: 'Invalid OAuth access token - Cannot parse access token',
    code: 190,
    headers: { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' },
  });

export const missingToken = () => graphError({ message: 'An access token is required to request this resource.', code: 104 });

/** The error an injected 5xx answers with: codes 1/2, transient. */
export function transientFault(status: number): Reply {
  return status === 500
    ? graphError({ status, message: 'An unknown error occurred', code: 1, isTransient: true })
    : graphError({ status, message: 'An unexpected error has occurred. Please retry your request later.', code: 2, isTransient: true });
}
