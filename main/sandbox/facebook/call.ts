// What a Graph route handler receives: the merged parameters (query, form or JSON body, as Graph accepts
// all three), the version the client asked for, and a renderer whose paging links carry the same auth.
import type { SandboxContext } from '../context';
import type { SandboxRequest } from '../http';
import { invalidParam } from './errors';
import type { GraphRenderer } from './render';

export interface GraphCall {
  ctx: SandboxContext;
  req: SandboxRequest;
  version: string;
  /** Path segments after the version: [objectId] or [objectId, edge]. */
  objectId: string;
  edge: string | null;
  params: GraphParams;
  render: GraphRenderer;
  /** access_token / appsecret_proof as the client sent them in the query (for paging links). */
  auth: URLSearchParams;
}

export class GraphParams {
  private readonly values = new Map<string, unknown>();

  constructor(query: URLSearchParams, body: Record<string, unknown> | null) {
    for (const [k, v] of query) this.values.set(k, v);
    for (const [k, v] of Object.entries(body ?? {})) this.values.set(k, v);
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  string(name: string): string | null {
    const v = this.values.get(name);
    if (v === undefined || v === null) return null;
    return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
  }

  bool(name: string): boolean | null {
    const v = this.values.get(name);
    if (v === undefined || v === null) return null;
    if (v === true || v === 'true' || v === '1') return true;
    if (v === false || v === 'false' || v === '0') return false;
    throw invalidParam(`Param ${name} must be a boolean`);
  }

  int(name: string, fallback: number, max: number): number {
    const v = this.string(name);
    if (v === null) return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw invalidParam(`Param ${name} must be a non-negative integer`);
    return Math.min(n, max);
  }

  /** An object parameter: JSON in a string (form/query, as the Send API docs curl it) or a JSON body object. */
  object(name: string): Record<string, unknown> | null {
    const v = this.values.get(name);
    if (v === undefined || v === null) return null;
    if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    if (typeof v === 'string') {
      try {
        // The documented curl uses single quotes; Graph tolerates them.
        const parsed = JSON.parse(v.includes('"') ? v : v.replace(/'/g, '"')) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
      } catch {
        // fall through to the error below
      }
    }
    throw invalidParam(`param ${name} must be a JSON object`);
  }
}
