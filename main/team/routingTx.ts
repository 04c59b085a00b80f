// One routing transaction on PostgreSQL, for the routing service and for ingest. Seats take turns through
// the shared queue's advisory lock; under it this seat first catches up with what the others changed (so
// its in-memory router, a cache, is exact when it decides), then runs the same synchronous decision code
// as on SQLite against a buffered store, flushes the writes and commits. Within one seat, transactions run
// one after another (the router in memory is shared by all of them).
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import {
  BufferedRoutingStore,
  changedSince,
  loadAgentStatuses,
  loadRoutingRows,
  loadRoutingState,
  lockRouting,
} from '../../db/repositories/routingPostgres';
import type { AgentStatusRow, AssignedRow, InteractionRoutingRow, QueueRow } from '../../db/repositories/routingSqlite';

/** The LISTEN/NOTIFY channel of team mode (main/team/notices.ts listens). */
export const TEAM_CHANNEL = 'parley_events';

export interface CatchUp {
  /** Rows of interactions another seat (or an earlier transaction) changed, and every agent's status. */
  apply(rows: InteractionRoutingRow[], statuses: AgentStatusRow[]): void;
}

export interface RoutingTxOptions {
  /** Interactions the decision will read (evaluated after catching up). */
  prefetch?: () => number[];
}

export class PostgresRouting {
  /** The newest interaction_event id this seat has applied to its router. */
  private watermark = 0;
  private serial: Promise<unknown> = Promise.resolve();

  /** `seat` names this engine in the notices it sends, so it can ignore its own. */
  constructor(
    private readonly db: Kysely<Database>,
    readonly seat: string = crypto.randomUUID(),
  ) {}

  private queue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.serial.then(work, work);
    this.serial = run.catch(() => undefined);
    return run;
  }

  /** The whole routing state at one instant (start-up, and after a failed transaction). */
  loadAll(): Promise<{ queue: QueueRow[]; assigned: AssignedRow[]; statuses: AgentStatusRow[] }> {
    return this.queue(() =>
      this.db.transaction().execute(async (trx) => {
        await lockRouting(trx);
        const s = await loadRoutingState(trx);
        this.watermark = s.top;
        return s;
      }),
    );
  }

  /** Catches up without deciding anything (another seat said something changed). */
  catchUp(catchUp: CatchUp): Promise<number> {
    return this.queue(() =>
      this.db.transaction().execute(async (trx) => {
        await lockRouting(trx);
        const { rows, top } = await changedSince(trx, this.watermark);
        catchUp.apply(rows, await loadAgentStatuses(trx));
        this.watermark = top;
        return rows.length;
      }),
    );
  }

  /**
   * Runs `body` as one transaction under the queue's lock with a store whose reads were fetched first.
   * `body` may await other work in the same transaction (ingest does); routing's own decisions do not.
   */
  transact<T>(catchUp: CatchUp, body: (store: BufferedRoutingStore, trx: Kysely<Database>) => Promise<T> | T, options: RoutingTxOptions = {}): Promise<T> {
    return this.queue(() =>
      this.db.transaction().execute(async (trx) => {
        await lockRouting(trx);
        const { rows, top } = await changedSince(trx, this.watermark);
        const statuses = await loadAgentStatuses(trx);
        catchUp.apply(rows, statuses);
        const wanted = [...new Set(options.prefetch?.() ?? [])];
        const fetched = new Map<number, InteractionRoutingRow | undefined>(wanted.map((id) => [id, undefined]));
        for (const r of await loadRoutingRows(trx, wanted)) fetched.set(Number(r.id), r);
        const store = new BufferedRoutingStore(fetched, statuses);
        const result = await body(store, trx);
        const written = await store.flush(trx);
        // Delivered to every listening seat when this transaction commits, never before (and never if it
        // rolls back): they catch up from the database, so the notice only needs to say "look".
        await sql`select pg_notify(${TEAM_CHANNEL}, ${JSON.stringify({ seat: this.seat, kind: 'routing' })})`.execute(trx);
        // Under the lock no other seat writes routing events, so every event up to ours has been applied;
        // a non-routing event skipped here (a note, an auto message) never changes the queue.
        this.watermark = Math.max(top, written);
        return result;
      }),
    );
  }
}
