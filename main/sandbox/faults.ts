// Injected failures: the next N requests whose path starts with a prefix fail the chosen way. Each fault
// counts the requests it caught, so tests can assert how many attempts a client made.
import type { FaultMode } from './http';

export interface Fault {
  id: number;
  network: 'x' | 'facebook';
  path_prefix: string;
  status: number;
  mode: FaultMode;
  /** Requests still to fail. */
  remaining: number;
  /** Requests it has failed so far. */
  hits: number;
  /** A body to answer with instead of the network's usual error for `status`. */
  body?: unknown;
}

export class FaultQueue {
  private faults: Fault[] = [];
  private nextId = 1;

  add(input: Omit<Fault, 'id' | 'hits' | 'remaining'> & { count: number }): Fault {
    const { count, ...rest } = input;
    const fault: Fault = { ...rest, id: this.nextId++, remaining: count, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  /** The first armed fault matching this request (its count goes down), or null. */
  take(network: 'x' | 'facebook', paths: readonly string[]): Fault | null {
    for (const f of this.faults) {
      if (f.network !== network || f.remaining <= 0) continue;
      if (!paths.some((p) => p.startsWith(f.path_prefix))) continue;
      f.remaining--;
      f.hits++;
      return f;
    }
    return null;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }
}
