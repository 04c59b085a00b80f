// The write-ahead log checkpointed on a worker thread (db/walCheckpointer.ts): the main connection's own
// checkpoint is only a backstop while it runs and comes back when it stops, the worker copies what the
// writer commits, the log is restarted instead of growing, and the data survive a reopen intact.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../db/connection';
import { migrateSqlite } from '../../db/migrate';
import { WRITER_CHECKPOINT_PAGES, WalCheckpointer } from '../../db/walCheckpointer';
import { tempDir } from '../helpers/tempDir';

const until = async (what: string, ok: () => boolean, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('WAL checkpointing on a worker thread', () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const open = async () => {
    const tmp = tempDir();
    const h: SqliteHandle = openSqlite(path.join(tmp.dir, 'parley.db'));
    await migrateSqlite(h, { appVersion: 'test' });
    cleanups.push(tmp.cleanup, () => h.close());
    return h;
  };
  const autocheckpoint = (h: SqliteHandle) => h.sqlite.pragma('wal_autocheckpoint', { simple: true });
  const write = (h: SqliteHandle, from: number, n: number) => {
    const insert = h.sqlite.prepare(`insert into audit_log (at, actor, action, entity, entity_id, before_json, after_json) values (?, 'test', 'insert', 'row', ?, null, ?)`);
    h.sqlite.transaction(() => {
      for (let i = from; i < from + n; i++) insert.run(i, String(i), JSON.stringify({ n: i, pad: 'x'.repeat(200) }));
    })();
  };

  it('copies what the writer commits, keeps the log from growing, and hands checkpointing back when it stops', async () => {
    const h = await open();
    expect(autocheckpoint(h)).toBe(1000);
    const cp = new WalCheckpointer(h.sqlite, { minDelayMs: 1, maxDelayMs: 20 });
    cp.start();
    expect(cp.running).toBe(true);
    expect(autocheckpoint(h)).toBe(WRITER_CHECKPOINT_PAGES);
    const walFile = `${h.file}-wal`;
    let largest = 0;
    // 200 commits back to back, about 100 KiB of rows each, 80 MB of log if it were never started over: a
    // writer that never pauses, for which the log starts over only after the writer's own checkpoint.
    for (let round = 0; round < 200; round++) {
      write(h, round * 400, 400);
      largest = Math.max(largest, fs.statSync(walFile).size);
    }
    await until('the worker to copy the last commit', () => cp.stats.log > 0 && cp.stats.checkpointed === cp.stats.log);
    expect(cp.stats.errors).toBe(0);
    expect(cp.stats.passes).toBeGreaterThan(0);
    // It starts over near WRITER_CHECKPOINT_PAGES (later when the worker holds the checkpoint at that commit, so
    // twice that as the bound); 80 MB had it never started over.
    expect(largest).toBeLessThan(2 * WRITER_CHECKPOINT_PAGES * 4096);
    await cp.stop();
    expect(cp.running).toBe(false);
    expect(autocheckpoint(h)).toBe(1000);
    await h.close();
    const again = openSqlite(h.file);
    cleanups.push(() => again.close());
    expect(again.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(again.sqlite.prepare(`select count(*) from audit_log where actor = 'test'`).pluck().get()).toBe(80_000);
  });

  it('an in-memory database has no log to checkpoint: nothing starts', () => {
    const h = openSqlite(':memory:');
    cleanups.push(() => h.close());
    const cp = new WalCheckpointer(h.sqlite);
    cp.start();
    expect(cp.running).toBe(false);
    expect(autocheckpoint(h)).toBe(1000);
  });
});
