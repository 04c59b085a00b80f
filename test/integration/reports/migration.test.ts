// Migration 0002 (report indexes): applied over a version-1 database with data in it, nothing changed
// but the two indexes, and every report query reads its period through one of them.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../../db/connection';
import { currentVersion, migrateSqlite } from '../../../db/migrate';
import { buildReport } from '../../../main/reports/service';
import { tempDir } from '../../helpers/tempDir';
import { PERIOD, seedReports, TIME_ZONE } from './seed';

const indexes = (h: SqliteHandle) =>
  h.sqlite
    .prepare(`select name from sqlite_schema where type = 'index' and name in ('message_customer_sent', 'interaction_report') order by name`)
    .all()
    .map((r) => (r as { name: string }).name);

describe('migration 0002: report indexes', () => {
  let tmp: ReturnType<typeof tempDir>;
  let handle: SqliteHandle;
  beforeEach(() => {
    tmp = tempDir();
    handle = openSqlite(path.join(tmp.dir, 'p.db'));
  });
  afterEach(async () => {
    await handle.close();
    tmp.cleanup();
  });

  it('adds the indexes to a version-1 database without touching its rows', async () => {
    await migrateSqlite(handle, { appVersion: 'test', targetVersion: 1 });
    await seedReports(handle.db);
    const before = handle.sqlite.prepare(`select * from interaction order by id`).all();
    const messages = handle.sqlite.prepare(`select count(*) as n from message`).get();
    expect(indexes(handle)).toEqual([]);

    const result = await migrateSqlite(handle, { appVersion: 'test', targetVersion: 2 });
    expect(result).toMatchObject({ from: 1, to: 2 });
    expect(result.backupFile).toMatch(/\.v1-before-v2-\d+\.bak$/);
    expect(await currentVersion(handle)).toBeGreaterThanOrEqual(2);
    expect(indexes(handle)).toEqual(['interaction_report', 'message_customer_sent']);
    expect(handle.sqlite.prepare(`select * from interaction order by id`).all()).toEqual(before);
    expect(handle.sqlite.prepare(`select count(*) as n from message`).get()).toEqual(messages);
    expect(handle.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('lets every report query read its period as an index range, never a table scan', async () => {
    await migrateSqlite(handle, { appVersion: 'test' });
    await seedReports(handle.db);
    // Record the plan of every statement the report runs.
    const plans: Array<{ sql: string; plan: string }> = [];
    const prepare = handle.sqlite.prepare.bind(handle.sqlite);
    handle.sqlite.prepare = ((source: string) => {
      const statement = prepare(source);
      if (!source.startsWith('explain')) {
        const all = statement.all.bind(statement);
        statement.all = ((...params: unknown[]) => {
          const plan = prepare(`explain query plan ${source}`).all(...params) as Array<{ detail: string }>;
          plans.push({ sql: source, plan: plan.map((p) => p.detail).join(' | ') });
          return all(...params);
        }) as typeof statement.all;
      }
      return statement;
    }) as typeof handle.sqlite.prepare;

    for (const network of ['all', 'x'] as const) await buildReport(handle.db, { preset: 'custom', ...PERIOD, network }, { timeZone: TIME_ZONE, now: Date.UTC(2026, 3, 1) });
    const periodQueries = plans.filter((p) => /"?created_at"? >= |sent_at >= /.test(p.sql));
    expect(periodQueries.length).toBeGreaterThanOrEqual(10); // five per report: volume, conversations, outcomes, times, agents
    for (const p of periodQueries) {
      // Every read of a conversation or message is a range of an index that holds all it needs.
      const reads = p.plan.split(' | ').filter((step) => /^(SEARCH|SCAN) (i|m)\b/.test(step));
      expect(reads.length, p.sql).toBeGreaterThan(0);
      for (const step of reads) expect(step, p.sql).toMatch(/^SEARCH (i|m) USING COVERING INDEX \w+ \((created_at|sent_at)>\? AND (created_at|sent_at)<\?\)$/);
    }
    // The volume chart's customer messages come from the partial index added for it.
    expect(periodQueries.some((p) => p.plan.includes('message_customer_sent'))).toBe(true);
  });
});
