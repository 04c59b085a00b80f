// Crash safety of ingestBatch: a process killed with SIGKILL in the middle of ingesting leaves either a
// whole batch with its cursor or neither; the restarted feed then neither loses nor duplicates a message.
import { spawn } from 'node:child_process';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../../main/services/ingest';
import { tempDir } from '../../helpers/tempDir';
import { inbound, startBrain } from './harness';

const child = path.resolve(__dirname, 'crashChild.ts');
const SIZE = 200;

function runUntilKilled(dir: string, from: number, commits: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', child, dir, String(from), String(SIZE)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = 0;
    let err = '';
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.stdout.on('data', (d: Buffer) => {
      seen += (d.toString().match(/committed/g) ?? []).length;
      // Killed right after a commit, while the next batch's transaction is being written.
      if (seen >= commits) p.kill('SIGKILL');
    });
    p.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(seen) : reject(new Error(`child ended (${code}) before it was killed: ${err.slice(0, 2000)}`))));
  });
}

function check(dir: string): { cursor: number; messages: number } {
  const db = new BetterSqlite3(path.join(dir, 'parley.db'));
  try {
    const cursor = Number((db.prepare(`select value from channel_cursor where feed = 'mentions'`).get() as { value: string } | undefined)?.value ?? 0);
    const ids = (db.prepare(`select network_message_id as id from message where direction = 'in'`).all() as Array<{ id: string }>).map((r) => Number(r.id));
    const batches = new Map<number, number>();
    for (const id of ids) batches.set(Math.floor(id / 100_000), (batches.get(Math.floor(id / 100_000)) ?? 0) + 1);
    // Every batch up to the cursor is complete; nothing beyond it exists.
    for (let n = 1; n <= cursor; n++) expect(batches.get(n), `batch ${n}`).toBe(SIZE);
    expect([...batches.keys()].filter((n) => n > cursor)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    // Nothing half-written: every stored message has its interaction, every interaction its first message.
    expect(db.prepare(`select count(*) as n from message where interaction_id is null`).get()).toEqual({ n: 0 });
    expect(db.prepare(`select count(*) as n from interaction i where not exists (select 1 from message m where m.interaction_id = i.id)`).get()).toEqual({ n: 0 });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return { cursor, messages: ids.length };
  } finally {
    db.close();
  }
}

describe('ingest crash safety', () => {
  let tmp: ReturnType<typeof tempDir> | null = null;
  afterEach(() => tmp?.cleanup());

  it('a SIGKILL mid-ingest loses and duplicates nothing, and the feed resumes from its cursor', async () => {
    tmp = tempDir();
    let from = 1;
    for (let round = 0; round < 3; round++) {
      const committed = await runUntilKilled(tmp.dir, from, 2 + round);
      expect(committed).toBeGreaterThanOrEqual(2 + round);
      const { cursor } = check(tmp.dir);
      expect(cursor).toBeGreaterThanOrEqual(from + committed - 1);
      from = cursor + 1;
    }
    // A poller that restarts redelivers from its cursor, and may see the last batch again: stored once.
    const { cursor, messages } = check(tmp.dir);
    const brain = await startBrain({ dir: tmp.dir });
    try {
      const again = Array.from({ length: SIZE }, (_, k) => inbound(brain.accounts.x, { networkMessageId: String(cursor * 100_000 + k), threadNetworkId: String(cursor * 100_000 + k), user: `u${k % 50}` }));
      const r = await ingestBatch(brain.ctx, again, { accountId: brain.accounts.x, feed: 'mentions', value: String(cursor) });
      expect(r.duplicates).toBe(SIZE);
      expect(r.stored).toBe(0);
    } finally {
      await brain.close();
    }
    expect(check(tmp.dir).messages).toBe(messages);
  }, 120_000);
});
