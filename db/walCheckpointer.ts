// Checkpoints the SQLite write-ahead log on a worker thread with its own connection, so a commit on the
// main thread only appends to the log. Left to itself SQLite checkpoints inside the commit that crosses
// wal_autocheckpoint pages: on this project's 2-core reference machine that copy-and-fsync was most of the
// cost of an ingest commit (the same rows wrote 4,000-6,000 messages/s with it, 12,000-15,000 without), and
// it stalled the main thread that also answers the agent's screen.
//
// SQLite supports this arrangement directly: a PASSIVE checkpoint on another connection never blocks the
// writer. The main connection still checkpoints every WRITER_CHECKPOINT_PAGES, which copies only what
// the worker has not, and bounds the log if the worker falls behind; if the worker dies the default
// comes back.
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

/** Pages (4 KiB) of log after which the main connection checkpoints in its commit, as SQLite does after
 *  1,000 by default. With the worker running that checkpoint finds nearly every page copied already, so
 *  it costs little; and since the writer itself then completes a checkpoint, its next commit starts the
 *  log from the top. (A worker alone cannot make that happen against a writer that never pauses, and the
 *  log would grow; reads look pages up in it, and its index stays one hash table up to 4,096 frames.) */
export const WRITER_CHECKPOINT_PAGES = 2048;
const SQLITE_DEFAULT_AUTOCHECKPOINT = 1000;

// Inline, so the same source runs from the TypeScript sources (tests), the esbuild bundles and a packaged
// app alike; the driver is required by absolute path because an eval'd worker resolves from the cwd.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL'); // fsync the log before copying and the database after, as the writer would
db.pragma('busy_timeout = 1000');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
let delay = workerData.minDelayMs;
let timer = null;
let stopped = false;
let last = '';
function pass() {
  timer = null;
  if (stopped) return;
  let active = false;
  try {
    const r = checkpoint.get();
    const seen = r.log + ':' + r.checkpointed;
    // The log grew or was restarted since the last pass: the desk is writing.
    active = seen !== last;
    last = seen;
    if (active) parentPort.postMessage({ kind: 'pass', log: r.log, checkpointed: r.checkpointed });
  } catch (e) {
    parentPort.postMessage({ kind: 'error', message: e && e.message ? e.message : String(e) });
  }
  // Busy writing: come back soon. Idle: back off to once a second, so an idle desk does not keep waking.
  delay = active ? workerData.minDelayMs : Math.min(workerData.maxDelayMs, delay * 2);
  timer = setTimeout(pass, delay);
}
parentPort.on('message', (m) => {
  if (m === 'stop') {
    stopped = true;
    if (timer) clearTimeout(timer);
    db.close();
    parentPort.close();
  }
});
pass();
`;

export interface CheckpointStats {
  passes: number;
  /** Log size in pages after the latest pass, and how many of them were copied into the database. */
  log: number;
  checkpointed: number;
  errors: number;
  lastError: string | null;
}

export interface WalCheckpointerOptions {
  minDelayMs?: number;
  maxDelayMs?: number;
  onError?: (message: string) => void;
}

type WorkerMessage = { kind: 'pass'; log: number; checkpointed: number } | { kind: 'error'; message: string };

export class WalCheckpointer {
  readonly name = 'checkpointer';
  private worker: Worker | null = null;
  private stopping: Promise<void> | null = null;
  readonly stats: CheckpointStats = { passes: 0, log: 0, checkpointed: 0, errors: 0, lastError: null };

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly options: WalCheckpointerOptions = {},
  ) {}

  start(): void {
    if (this.worker || this.sqlite.memory) return;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver: require.resolve('better-sqlite3'), file: this.sqlite.name, minDelayMs: this.options.minDelayMs ?? 5, maxDelayMs: this.options.maxDelayMs ?? 1000 },
    });
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'pass') {
        this.stats.passes++;
        this.stats.log = m.log;
        this.stats.checkpointed = m.checkpointed;
      } else if (m.kind === 'error') {
        this.stats.errors++;
        this.stats.lastError = m.message;
        this.options.onError?.(m.message);
      }
    });
    worker.on('error', (e) => {
      this.stats.errors++;
      this.stats.lastError = e.message;
      this.options.onError?.(e.message);
    });
    worker.on('exit', () => {
      // Whatever ended the worker, the main connection checkpoints by itself again.
      if (this.worker === worker) this.worker = null;
      if (this.sqlite.open) this.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT}`);
    });
    worker.unref();
    this.worker = worker;
    this.sqlite.pragma(`wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  }

  get running(): boolean {
    return this.worker !== null;
  }

  /** Stops the worker and closes its connection; the main connection checkpoints by itself from then on. */
  stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return Promise.resolve();
    this.stopping ??= new Promise<void>((resolve) => {
      worker.once('exit', () => resolve());
      // Unref'd so it never holds the process open by itself; while stopping, the caller waits for it.
      worker.ref();
      worker.postMessage('stop');
    });
    return this.stopping;
  }
}
