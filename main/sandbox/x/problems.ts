// X API v2 error bodies, as the live API sends them (RFC 7807 problems). Served as application/problem+json,
// the content type the OpenAPI document pairs with the Problem schema; twitter-api-v2 parses it as JSON.
import { json, type Reply } from '../http';

export const PROBLEM_BASE = 'https://api.twitter.com/2/problems/';
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export function problem(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Reply {
  return json(status, body, { ...headers, 'content-type': PROBLEM_JSON });
}

export class XProblem extends Error {
  constructor(readonly reply: Reply) {
    super(String((reply.body as { detail?: string })?.detail ?? 'X problem'));
  }
}

export const unauthorized = () => problem(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

export function unsupportedAuthentication(used: 'app' | 'user', supported: 'app' | 'user' | 'user2'): Reply {
  const usedLabel = used === 'app' ? 'OAuth 2.0 Application-Only' : 'OAuth 2.0 User Context';
  const supportedLabel =
    supported === 'app' ? '[OAuth 2.0 Application-Only]' : supported === 'user2' ? '[OAuth 2.0 User Context]' : '[OAuth 1.0a User Context, OAuth 2.0 User Context]';
  return problem(403, {
    title: 'Unsupported Authentication',
    detail: `Authenticating with ${usedLabel} is forbidden for this endpoint.  Supported authentication types are ${supportedLabel}.`,
    type: `${PROBLEM_BASE}unsupported-authentication`,
    status: 403,
  });
}

export const tooManyRequests = () => problem(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });

export const forbidden = (detail: string) => problem(403, { detail, type: 'about:blank', title: 'Forbidden', status: 403 });

export const notFoundRoute = () => problem(404, { title: 'Not Found Error', detail: 'Sorry, that page does not exist', type: 'about:blank', status: 404 });

const statusTitles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The body an injected fault answers with. */
export function statusProblem(status: number): Reply {
  const title = statusTitles[status] ?? (status >= 500 ? 'Internal Server Error' : 'Error');
  return problem(status, { title, detail: title, type: 'about:blank', status });
}

/** 400 invalid-request with one entry per bad parameter. */
export function invalidRequest(errors: Array<{ parameter: string; value: string; message: string }>): Reply {
  return problem(400, {
    errors: errors.map((e) => ({ parameters: { [e.parameter]: [e.value] }, message: e.message })),
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_BASE}invalid-request`,
  });
}

export function badParam(parameter: string, value: string, message: string): XProblem {
  return new XProblem(invalidRequest([{ parameter, value, message }]));
}

export function resourceNotFound(opts: { parameter: string; value: string; resourceType: 'user' | 'tweet'; detail: string }) {
  return {
    value: opts.value,
    detail: opts.detail,
    title: 'Not Found Error',
    resource_type: opts.resourceType,
    parameter: opts.parameter,
    resource_id: opts.value,
    type: `${PROBLEM_BASE}resource-not-found`,
  };
}
