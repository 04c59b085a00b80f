// The floor every write path is measured against: the same rows written by plain better-sqlite3
// prepared statements, in the same transaction sizes, beside the same rows through Kysely.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from '../db/connection';
import { migrateSqlite } from '../db/migrate';
import type { BenchResult } from './report';

export async function sqliteFloor(total = 100_000, batch = 500): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-bench-'));
  const rows: BenchResult['rows'] = [];
  try {
    for (const via of ['better-sqlite3', 'kysely'] as const) {
      const h = openSqlite(path.join(dir, `${via}.db`));
      await migrateSqlite(h, { appVersion: 'bench' });
      const now = Date.now();
      h.sqlite.prepare(`insert into skill (name, created_at) values ('bench', ?)`).run(now);
      const insert = h.sqlite.prepare(`insert into audit_log (at, actor, action, entity, entity_id, before_json, after_json) values (?, 'bench', 'insert', 'row', ?, null, ?)`);
      const started = performance.now();
      for (let i = 0; i < total; i += batch) {
        if (via === 'better-sqlite3') {
          h.sqlite.transaction(() => {
            for (let j = i; j < Math.min(total, i + batch); j++) insert.run(now + j, String(j), `{"n":${j}}`);
          })();
        } else {
          await h.db.transaction().execute(async (trx) => {
            for (let j = i; j < Math.min(total, i + batch); j++) {
              await trx.insertInto('audit_log').values({ at: now + j, actor: 'bench', action: 'insert', entity: 'row', entity_id: String(j), before_json: null, after_json: `{"n":${j}}` }).execute();
            }
          });
        }
      }
      const ms = performance.now() - started;
      rows.push({ writer: via, rows: total, 'rows per transaction': batch, 'total ms': Math.round(ms), 'rows/s': Math.round(total / (ms / 1000)) });
      await h.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { name: 'sqlite-floor', title: `SQLite write floor (${total.toLocaleString('en-US')} rows, WAL, synchronous=NORMAL)`, rows };
}
