// The data file in trouble: written by a newer Parley, damaged, or on a full disk. Each gives a clear error
// with a code a person can act on, and none changes a byte of what was stored.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../../db/migrations/index';
import { ManualClock } from '../../main/clock';
import type { Session } from '../../main/context';
import { DB_FILE, startEngine } from '../../main/engine';
import { silentLogger } from '../../main/log';
import { ingestBatch } from '../../main/services/ingest';
import { tempDir } from '../helpers/tempDir';
import { inbound, startBrain } from '../integration/ingest/harness';

const session: Session = { id: 'db', host: 'web', agentId: null };
const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const start = (dir: string) => startEngine({ dataDir: dir, host: 'web', log: silentLogger, clock: new ManualClock(Date.UTC(2026, 10, 25, 12)), sandbox: 'off' });

/** A data folder with a closed, checkpointed database holding one stored customer message. */
async function folderWithData(dir: string): Promise<string> {
  const b = await startBrain({ dir });
  await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '1', text: 'keep me' })]);
  b.handle.dialect === 'sqlite' && b.handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  await b.close();
  return path.join(dir, DB_FILE);
}

describe('the data file in trouble', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('a file from a newer Parley is refused with database_too_new and left exactly as it was', async () => {
    const file = await folderWithData(tmp.dir);
    const raw = new BetterSqlite3(file);
    raw.prepare(`insert into parley_migration (version, name, applied_at, app_version) values (?, 'from the future', 0, '9.9.9')`).run(latestVersion + 1);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    const before = hash(file);
    const err = (await start(tmp.dir).catch((e: unknown) => e)) as { code?: string; message?: string };
    expect(err.code).toBe('database_too_new');
    expect(err.message).toMatch(new RegExp(`data version ${latestVersion + 1}; this version understands up to ${latestVersion}.*Nothing was changed`));
    expect(hash(file)).toBe(before);
    // No migration backup was made and nothing else was written beside it.
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('a damaged file is reported as database_corrupt and not overwritten', async () => {
    const file = await folderWithData(tmp.dir);
    // Scribble over the schema page (page 1 after its 100-byte header): SQLite can no longer read the tables.
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, crypto.randomBytes(3_000), 0, 3_000, 100);
    fs.closeSync(fd);
    const before = hash(file);
    const err = (await start(tmp.dir).catch((e: unknown) => e)) as { code?: string; message?: string };
    expect(err.code).toBe('database_corrupt');
    expect(err.message).toMatch(/damaged or is not a Parley database\. Restore the most recent backup/);
    expect(hash(file)).toBe(before);
  });

  it('a full disk fails the ingest batch whole (SQLITE_FULL), keeps what was stored, and the same batch goes in once there is room', async () => {
    const b = await startBrain({ dir: tmp.dir });
    try {
      if (b.handle.dialect !== 'sqlite') return;
      const db = b.handle.sqlite;
      await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: '1', user: 'u1', text: 'before the disk filled' })], { accountId: b.accounts.x, feed: 'mentions', value: '1' });
      // The disk is "full" two pages from now (SQLite's max_page_count stands in for a full file system).
      const pages = Number(db.pragma('page_count', { simple: true }));
      db.pragma(`max_page_count = ${pages + 2}`);
      const batch = Array.from({ length: 50 }, (_, i) => inbound(b.accounts.x, { networkMessageId: String(100 + i), user: `big${i}`, text: `${'long text '.repeat(400)}${i}` }));
      const err = (await ingestBatch(b.ctx, batch, { accountId: b.accounts.x, feed: 'mentions', value: '149' }).catch((e: unknown) => e)) as { code?: string };
      expect(err.code).toBe('SQLITE_FULL');
      // All or nothing: not one message of the batch, and the cursor did not move past it.
      expect(db.prepare(`select count(*) as n from message`).get()).toEqual({ n: 1 });
      expect(db.prepare(`select value from channel_cursor where feed = 'mentions'`).get()).toEqual({ value: '1' });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      db.pragma('max_page_count = 1073741823');
      const r = await ingestBatch(b.ctx, batch, { accountId: b.accounts.x, feed: 'mentions', value: '149' });
      expect(r.stored).toBe(50);
      expect(db.prepare(`select count(*) as n from message`).get()).toEqual({ n: 51 });
    } finally {
      await b.close();
    }
  });

  it('the contract turns a full disk into disk_full with a sentence, and the engine keeps answering', async () => {
    const engine = await start(tmp.dir);
    try {
      const db = engine.ctx.sqlite;
      db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
      const big = Array.from({ length: 200 }, (_, i) => ({ name: `Skill ${i} ${'x'.repeat(40)}` }));
      let res: Awaited<ReturnType<typeof engine.dispatch>> | undefined;
      for (const s of big) {
        res = await engine.dispatch('config.createSkill', s, session);
        if (!res.ok) break;
      }
      expect(res).toMatchObject({ ok: false, error: { code: 'disk_full', message: expect.stringMatching(/disk holding Parley's data is full\. Nothing was changed/) } });
      expect((await engine.dispatch('app.info', {}, session)).ok).toBe(true);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await engine.close();
    }
  });
});
