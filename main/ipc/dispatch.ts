// The one entry point both hosts call: look up the method, validate the input with the contract's
// schema, run the handler, and wrap the outcome in the {ok, value | error} envelope.
import type { z } from 'zod';
import { methods, type MethodName, type Result } from '../../preload/contract';
import type { Session } from '../context';
import { ParleyError } from '../errors';
import type { Logger } from '../log';
import type { Handlers } from './types';

export type Dispatch = (method: string, input: unknown, session: Session) => Promise<Result<unknown>>;

/** Zod repeats what it was given (an unknown key, a bad value) in its messages: keep them readable however large the input. */
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max)}…` : s);

export function describeIssues(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = clip(issue.path.map(String).join('.'), 80) || '(input)';
    fields[key] ??= clip(issue.message, 200);
  }
  const message = Object.entries(fields)
    .slice(0, 5)
    .map(([k, v]) => (k === '(input)' ? v : `${k}: ${v}`))
    .join('; ');
  return { message: `Invalid input. ${message}`, fields };
}

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}

export function createDispatch(handlers: Handlers, log: Logger): Dispatch {
  return async (method, input, session) => {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Parley has no method called "${String(method).slice(0, 80)}".` } };
    }
    const parsed = methods[method].input.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      const { message, fields } = describeIssues(parsed.error);
      return { ok: false, error: { code: 'invalid_input', message, fields } };
    }
    const started = performance.now();
    try {
      const handler = handlers[method] as (i: unknown, s: Session) => unknown;
      const value = await handler(parsed.data, session);
      const ms = performance.now() - started;
      if (ms > 250) log.warn('slow request', { method, ms: Math.round(ms) });
      return { ok: true, value };
    } catch (e) {
      if (e instanceof ParleyError) return { ok: false, error: e.toInfo() };
      const code = (e as { code?: unknown })?.code;
      if (code === 'database_too_new' || code === 'database_corrupt' || code === 'disk_full') {
        return { ok: false, error: { code, message: (e as Error).message } };
      }
      if (typeof code === 'string' && code === 'SQLITE_FULL') {
        return { ok: false, error: { code: 'disk_full', message: 'The disk holding Parley\'s data is full. Nothing was changed; free some space and try again.' } };
      }
      log.error('request failed', { method, error: e });
      return { ok: false, error: { code: 'internal', message: `Parley could not complete "${method}". The details are in the log file.` } };
    }
  };
}
