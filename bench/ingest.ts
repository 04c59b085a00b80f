// Ingest throughput through the whole pipeline (main/services/ingest.ts ingestBatch: de-duplicate ->
// contact -> strategy -> route -> store, with the cursor) on a busy desk, beside its floor: the very rows
// the pipeline wrote, read back and written again by plain better-sqlite3 prepared statements into a copy
// of the same starting database, one transaction per pipeline batch.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { WalCheckpointer } from '../db/walCheckpointer';
import { ingestBatch } from '../main/services/ingest';
import { BENCH_NOW, benchDir, busyDesk, openBrain } from './brain';
import { traffic } from './corpus';
import type { BenchResult, Row } from './report';

/** Tables ingest inserts into, in an order that satisfies the foreign keys within one batch. */
const TABLES = ['contact', 'contact_identity', 'contact_handle_history', 'interaction', 'outbox_item', 'message', 'interaction_event', 'engagement'] as const;
type Table = (typeof TABLES)[number];
type Marks = Record<Table, number>;

function maxIds(db: BetterSqlite3.Database): Marks {
  const out = {} as Marks;
  for (const t of TABLES) out[t] = Number((db.prepare(`select coalesce(max(id), 0) from ${t}`).pluck().get() as number) ?? 0);
  return out;
}

/** CPU time (user + system) of this process since `from`, in ms: steadier than wall time on a shared machine. */
export function cpuMs(from: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
}

export async function ingestBench(options: { count?: number; batches?: number[] } = {}): Promise<BenchResult> {
  const count = options.count ?? Number(process.env.PARLEY_BENCH_INGEST ?? 100_000);
  const batchSizes = options.batches ?? (process.env.PARLEY_BENCH_INGEST_BATCHES ? process.env.PARLEY_BENCH_INGEST_BATCHES.split(',').map(Number) : [100, 500]);
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const batch of batchSizes) {
    const dir = benchDir('parley-bench-ingest-');
    try {
      const r = await runOnce(dir, count, batch);
      rows.push(...r.rows);
      if (notes.length === 0) notes.push(...r.notes);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  notes.push('Target: the pipeline at >= 5,000 messages/s and >= half of its floor.');
  return { name: 'ingest', title: `Ingest: ${count.toLocaleString('en-US')} inbound messages through the whole pipeline, beside the floor`, rows, notes };
}

async function runOnce(dir: string, count: number, batch: number): Promise<{ rows: Row[]; notes: string[] }> {
  const setup = await openBrain(dir);
  await busyDesk(setup, { agents: 200, readyShare: 0.5, extraRules: 40 });
  const snapshot = setup.ctx.config.snapshot;
  const setupNote = `Busy desk: ${snapshot.agents.length} agents (half Ready, capacity 2-3 per kind), ${snapshot.keywordRules.length} keyword rules, ${snapshot.specialDays.length} special days, auto-reply to every X mention, automatic likes of positive posts.`;
  setup.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await setup.close();
  const floorFile = path.join(dir, 'floor.db');
  fs.copyFileSync(setup.file, floorFile);

  const brain = await openBrain(dir);
  const items = traffic({ count, customers: Math.max(10, Math.floor(count / 5)), accounts: brain.accounts, startAt: BENCH_NOW - count * 10 });
  const marks: Marks[] = [maxIds(brain.handle.sqlite)];
  let ms = 0;
  let cpu = 0;
  let stored = 0;
  let assigned = 0;
  let duplicates = 0;
  let rejected = 0;
  for (let i = 0; i < items.length; i += batch) {
    const slice = items.slice(i, i + batch);
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const r = await ingestBatch(brain.ctx, slice, { accountId: brain.accounts.x, feed: 'bench', value: slice[slice.length - 1]!.networkMessageId });
    ms += performance.now() - started;
    cpu += cpuMs(cpuStarted);
    stored += r.stored;
    assigned += r.assigned;
    duplicates += r.duplicates;
    rejected += r.rejected;
    marks.push(maxIds(brain.handle.sqlite));
  }
  const { answered, missed } = brain.ctx.textAnalysis?.stats ?? { answered: 0, missed: 0 };
  const onSecondThread = answered + missed === 0 ? 'none' : `${Math.round((100 * answered) / (answered + missed))}%`;
  const written = TABLES.reduce((n, t) => n + marks[marks.length - 1]![t] - marks[0]![t], 0);
  const queued = brain.ctx.routing.queueSize;

  // The floor: the same rows, read back, then written by plain prepared statements, batch by batch.
  const source = brain.handle.sqlite;
  const perTable = new Map<Table, { columns: string[]; rows: unknown[][] }>();
  for (const t of TABLES) {
    const stmt = source.prepare(`select * from ${t} where id > ? order by id`).raw(true);
    perTable.set(t, { columns: stmt.columns().map((c) => c.name), rows: stmt.all(marks[0]![t]) as unknown[][] });
  }
  await brain.close();

  const floor = new BetterSqlite3(floorFile);
  floor.pragma('journal_mode = WAL');
  floor.pragma('synchronous = NORMAL');
  floor.pragma('foreign_keys = ON');
  floor.pragma('temp_store = MEMORY');
  // The same checkpointing as the pipeline's connection (and the engine's): a fair floor, not a slower one.
  const floorCheckpointer = new WalCheckpointer(floor);
  floorCheckpointer.start();
  const inserts = new Map(TABLES.map((t) => [t, floor.prepare(`insert into ${t} (${perTable.get(t)!.columns.join(', ')}) values (${perTable.get(t)!.columns.map(() => '?').join(', ')})`)]));
  const cursor = floor.prepare(`insert into channel_cursor (account_id, feed, value, updated_at) values (?, 'bench', ?, ?) on conflict (account_id, feed) do update set value = excluded.value, updated_at = excluded.updated_at`);
  const positions = new Map(TABLES.map((t) => [t, 0]));
  let floorMs = 0;
  let floorCpu = 0;
  for (let b = 1; b < marks.length; b++) {
    const upTo = marks[b]!;
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    floor.transaction(() => {
      for (const t of TABLES) {
        const { rows: all } = perTable.get(t)!;
        const ins = inserts.get(t)!;
        let p = positions.get(t)!;
        while (p < all.length && (all[p]![0] as number) <= upTo[t]) ins.run(all[p++]!);
        positions.set(t, p);
      }
      cursor.run(1, String(b), BENCH_NOW);
    }).immediate();
    floorMs += performance.now() - started;
    floorCpu += cpuMs(cpuStarted);
  }
  await floorCheckpointer.stop();
  floor.close();

  const perSecond = (n: number, t: number) => Math.round(n / (t / 1000));
  const pipelineRate = perSecond(count, ms);
  const floorRate = perSecond(count, floorMs);
  return {
    rows: [
      { writer: 'pipeline (ingestBatch)', 'messages per transaction': batch, 'rows written': written, 'total ms': Math.round(ms), 'CPU ms': Math.round(cpu), 'messages/s': pipelineRate, 'rows/s': perSecond(written, ms), 'share of floor': `${Math.round((100 * pipelineRate) / floorRate)}%`, 'texts read on the 2nd thread': onSecondThread },
      { writer: 'floor (same rows, plain better-sqlite3)', 'messages per transaction': batch, 'rows written': written, 'total ms': Math.round(floorMs), 'CPU ms': Math.round(floorCpu), 'messages/s': floorRate, 'rows/s': perSecond(written, floorMs), 'share of floor': '100%', 'texts read on the 2nd thread': '' },
    ],
    notes: [
      setupNote,
      'Both connections checkpoint the log on a worker thread as the engine does (db/walCheckpointer.ts); CPU ms counts every thread of the process. "Texts read on the 2nd thread": decisions whose rules and sentiment came from main/strategy/analysisWorker.ts (the rest were read on the main thread, which never waits for it).',
      `Of ${count.toLocaleString('en-US')} messages: ${stored.toLocaleString('en-US')} stored, ${duplicates} duplicates, ${rejected} rejected; ${assigned.toLocaleString('en-US')} assigned at once, ${queued.toLocaleString('en-US')} left waiting.`,
      `Rows: ${TABLES.map((t) => `${t} ${(marks[marks.length - 1]![t] - marks[0]![t]).toLocaleString('en-US')}`).join(', ')} (plus the message_fts index; the pipeline's updates are not replayed).`,
    ],
  };
}
