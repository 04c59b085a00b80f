// The request and reply shapes route handlers see, and the few ways a reply is written (whole, corrupted
// or cut off for fault injection). Handlers never touch node:http directly except the stream.
import type http from 'node:http';

export interface SandboxRequest {
  method: string;
  url: URL;
  /** Path without a Graph version prefix (/v23.0/x -> /x); X and control paths are unchanged. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON, or form fields as an object of strings, or null. */
  body: Record<string, unknown> | null;
  rawBody: string;
  params: Record<string, string>;
  req: http.IncomingMessage;
  res: http.ServerResponse;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  /** Serialized as JSON unless `text` is given. */
  body?: unknown;
  text?: string;
}

/** Returned by a handler that wrote the response itself (the filtered stream). */
export const HANDLED = Symbol('handled');
export type HandlerResult = Reply | typeof HANDLED;
export type Handler = (req: SandboxRequest) => HandlerResult | Promise<HandlerResult>;

export type FaultMode = 'status' | 'malformed_json' | 'reset' | 'truncate' | 'timeout';

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

function serialize(reply: Reply): { text: string; contentType: string } {
  if (reply.text !== undefined) return { text: reply.text, contentType: reply.headers?.['content-type'] ?? 'text/plain; charset=utf-8' };
  return { text: JSON.stringify(reply.body ?? null), contentType: reply.headers?.['content-type'] ?? 'application/json; charset=utf-8' };
}

export function writeReply(res: http.ServerResponse, reply: Reply, mode: FaultMode = 'status'): void {
  if (res.headersSent || res.destroyed) return;
  const { text, contentType } = serialize(reply);
  let bytes = Buffer.from(text, 'utf8');
  if (mode === 'malformed_json') bytes = Buffer.from(text.slice(0, Math.max(1, Math.floor(text.length / 2))) + '\u0000<html>', 'utf8');
  const headers: Record<string, string | number> = { ...reply.headers, 'content-type': contentType, 'content-length': bytes.length };
  if (mode === 'reset' || mode === 'truncate') {
    // Promise the whole body, send half, then drop the connection: the client sees a cut-off response.
    res.writeHead(reply.status, headers);
    res.write(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))), () => {
      const socket = res.socket;
      if (mode === 'reset' && socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
      else if (mode === 'reset') socket?.destroy();
      else socket?.end();
      res.destroy();
    });
    return;
  }
  res.writeHead(reply.status, headers);
  res.end(bytes);
}
