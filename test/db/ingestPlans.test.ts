// Every lookup ingest makes per inbound message is an index seek, never a scan: one that read a whole
// table (or every conversation of an account) would make ingest slower with every message stored. The
// migrated schema is asked through EXPLAIN QUERY PLAN, after ANALYZE as a database in use would be.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../db/connection';
import { migrateSqlite } from '../../db/migrate';
import { ingestLookups } from '../../db/repositories/ingestSqlite';
import { tempDir } from '../helpers/tempDir';

describe("ingest's lookups", () => {
  let h: SqliteHandle;
  let cleanup: () => void;
  afterEach(async () => {
    await h.close();
    cleanup();
  });

  it('each is answered by an index seek', async () => {
    const tmp = tempDir();
    cleanup = tmp.cleanup;
    h = openSqlite(path.join(tmp.dir, 'parley.db'));
    await migrateSqlite(h, { appVersion: 'test' });
    h.sqlite.exec('analyze');
    const plan = (sql: string) =>
      (h.sqlite.prepare(`explain query plan ${sql}`).all(...Array.from({ length: (sql.match(/\?/g) ?? []).length }, () => 1)) as Array<{ detail: string }>).map((r) => r.detail);
    const plans = Object.fromEntries(Object.entries(ingestLookups).map(([name, sql]) => [name, plan(sql)]));
    for (const [name, steps] of Object.entries(plans)) {
      for (const step of steps) expect(step, `${name}: ${steps.join(' | ')}`).not.toMatch(/^SCAN /);
    }
    expect(plans.findOpenInteraction).toEqual(['SEARCH interaction USING COVERING INDEX interaction_thread (account_id=? AND thread_key=? AND contact_id=?)']);
    expect(plans.findMovedToPrivate![0]).toBe('SEARCH i USING INDEX interaction_contact (contact_id=?)');
    expect(plans.lastAutoMessageAt).toEqual(['SEARCH message USING COVERING INDEX message_contact_author (contact_id=? AND author_kind=?)']);
  });
});
