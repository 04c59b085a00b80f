// The error every handler throws for a condition a person can act on. It crosses the bridge as
// {code, message, fields}; anything else is reported as `internal` without its details.
import type { ErrorCode, ErrorInfo } from '../preload/contract';

export class ParleyError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ParleyError';
  }

  toInfo(): ErrorInfo {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export const notFound = (what: string, id: unknown): ParleyError =>
  new ParleyError('not_found', `${what} ${String(id)} does not exist (it may have been deleted).`);
