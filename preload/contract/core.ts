// Building blocks of the contract. Pure TypeScript + zod: no Node, no Electron, no DOM,
// so main, preload and renderer can all import it.
import type { z } from 'zod';

/** A request: its input schema (validated at runtime in main) and its result type (compile time only). */
export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: never read at runtime. */
  readonly __output?: O;
}

export function method<I extends z.ZodType>(input: I) {
  return { returns: <O>(): MethodDef<I, O> => ({ input }) };
}

/** A pushed event: its payload type (compile time only). */
export interface EventDef<P> {
  readonly __payload?: P;
}

export function event<P>(): EventDef<P> {
  return {};
}

/** Codes a person (or the renderer) can act on. Keep in sync with the sentence each handler writes. */
export type ErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'not_signed_in'
  | 'timeout'
  | 'disconnected'
  | 'token_expired'
  | 'rate_limited'
  | 'outside_messaging_window'
  | 'duplicate'
  | 'network_error'
  | 'database_too_new'
  | 'database_corrupt'
  | 'disk_full'
  | 'internal';

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  /** Where the problem is, for forms: field path -> sentence. */
  fields?: Record<string, string>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export type HostKind = 'electron' | 'web';
