import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type SqliteHandle } from '../../db/connection';
import { DatabaseError } from '../../db/errors';
import { currentVersion, migrateSqlite, openAndMigrate } from '../../db/migrate';
import { latestVersion, migrations, type Migration } from '../../db/migrations/index';
import { tempDir } from '../helpers/tempDir';

const expectedTables = [
  'agent', 'agent_capacity', 'agent_group', 'agent_group_member', 'agent_skill', 'audit_log', 'channel_account',
  'channel_cursor', 'contact', 'contact_handle_history', 'contact_identity', 'disposition_code', 'emergency',
  'engagement', 'inbound_dead_letter', 'interaction', 'interaction_event', 'keyword_rule', 'message', 'message_template', 'outbox_item',
  'parley_migration', 'setting', 'skill', 'special_day', 'weekly_hours',
];

describe('migrations', () => {
  let tmp: ReturnType<typeof tempDir>;
  let handle: SqliteHandle | undefined;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
    tmp.cleanup();
  });

  it('the registry is numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('applies every migration to an empty database and records it', async () => {
    const file = path.join(tmp.dir, 'p.db');
    handle = openSqlite(file);
    const result = await migrateSqlite(handle, { appVersion: 'test' });
    expect(result).toEqual({ from: 0, to: latestVersion, backupFile: null });
    const tables = handle.sqlite
      .prepare(`select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like 'message_fts%' order by name`)
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expectedTables);
    // STRICT tables reject a wrongly typed value instead of storing it.
    expect(() => handle!.sqlite.prepare(`insert into skill (name, created_at) values ('x', 'not a time')`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(handle.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(handle.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(await currentVersion(handle)).toBe(latestVersion);
    // Running again is a no-op.
    expect(await migrateSqlite(handle, { appVersion: 'test' })).toEqual({ from: latestVersion, to: latestVersion, backupFile: null });
  });

  it('keeps the message search index in step with messages, accent-insensitive', async () => {
    handle = openSqlite(path.join(tmp.dir, 'p.db'));
    await migrateSqlite(handle, { appVersion: 'test' });
    const db = handle.db;
    const now = 1_700_000_000_000;
    const acc = await db.insertInto('channel_account').values({ network: 'x', name: 'Brand', auth_kind: 'oauth2', external_id: '1', handle: 'brand', credentials: null, credentials_scheme: null, base_url: null, status_detail: null, rate_limited_until: null, last_poll_at: null, next_poll_at: null, quota_json: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const contact = await db.insertInto('contact').values({ display_name: 'Zoë', email: null, phone: null, avatar_url: null, merged_into_id: null, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
    const msg = await db
      .insertInto('message')
      .values({ interaction_id: null, contact_id: contact.id, account_id: acc.id, network: 'x', channel_kind: 'mention', direction: 'in', visibility: 'public', author_kind: 'customer', agent_id: null, network_message_id: '100', in_reply_to_network_id: null, thread_network_id: '100', text: 'Mon café est arrivé froid', raw_json: null, outbox_item_id: null, sent_at: now, stored_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const search = (q: string) => handle!.sqlite.prepare(`select rowid from message_fts where message_fts match ?`).all(q).map((r) => (r as { rowid: number }).rowid);
    expect(search('cafe')).toEqual([msg.id]);
    await db.updateTable('message').set({ text: 'Tea arrived warm' }).where('id', '=', msg.id).execute();
    expect(search('cafe')).toEqual([]);
    expect(search('warm')).toEqual([msg.id]);
    // The same network message cannot be stored twice.
    await expect(
      sql`insert into message (contact_id, account_id, network, channel_kind, direction, visibility, author_kind, network_message_id, text, sent_at, stored_at)
          values (${contact.id}, ${acc.id}, 'x', 'mention', 'in', 'public', 'customer', '100', 'again', ${now}, ${now})`.execute(db),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('refuses a database written by a newer version, with a clear error, and changes nothing', async () => {
    const file = path.join(tmp.dir, 'p.db');
    handle = openSqlite(file);
    await migrateSqlite(handle, { appVersion: 'test' });
    await handle.db.insertInto('parley_migration').values({ version: latestVersion + 1, name: 'from-the-future', applied_at: 1, app_version: '99.0.0' }).execute();
    await handle.close();
    handle = undefined;
    const before = fs.readFileSync(file);
    const err = await openAndMigrate(file, { appVersion: 'test' }, openSqlite).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseError);
    expect((err as DatabaseError).code).toBe('database_too_new');
    expect((err as DatabaseError).message).toContain(`newer version of Parley (data version ${latestVersion + 1}; this version understands up to ${latestVersion})`);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(tmp.dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('copies the file aside before running pending migrations, and keeps existing rows', async () => {
    const file = path.join(tmp.dir, 'p.db');
    handle = openSqlite(file);
    await migrateSqlite(handle, { appVersion: 'test' });
    await handle.db.insertInto('skill').values({ name: 'billing', created_at: 1 }).execute();
    const next: Migration = {
      version: latestVersion + 1,
      name: 'add-skill-colour',
      up: async (db) => {
        await db.schema.alterTable('skill').addColumn('colour', 'text').execute();
      },
    };
    const result = await migrateSqlite(handle, { appVersion: 'test', registry: [...migrations, next], now: () => 42 });
    expect(result.from).toBe(latestVersion);
    expect(result.to).toBe(latestVersion + 1);
    expect(result.backupFile).toBe(`${file}.v${latestVersion}-before-v${latestVersion + 1}-42.bak`);
    const backup = openSqlite(result.backupFile!);
    expect(await currentVersion(backup)).toBe(latestVersion);
    expect(backup.sqlite.prepare('select name from skill').all()).toEqual([{ name: 'billing' }]);
    await backup.close();
    expect(handle.sqlite.prepare('select name, colour from skill').all()).toEqual([{ name: 'billing', colour: null }]);
  });

  it('rolls back a failing migration and says which one failed', async () => {
    handle = openSqlite(path.join(tmp.dir, 'p.db'));
    await migrateSqlite(handle, { appVersion: 'test' });
    const broken: Migration = {
      version: latestVersion + 1,
      name: 'broken',
      up: async (db) => {
        await db.schema.alterTable('skill').addColumn('half', 'text').execute();
        await sql`select * from no_such_table`.execute(db);
      },
    };
    await expect(migrateSqlite(handle, { appVersion: 'test', registry: [...migrations, broken] })).rejects.toThrow(`Migration ${latestVersion + 1} (broken) failed and was rolled back`);
    expect(await currentVersion(handle)).toBe(latestVersion);
    const cols = handle.sqlite.prepare(`select name from pragma_table_info('skill')`).all().map((r) => (r as { name: string }).name);
    expect(cols).not.toContain('half');
  });

  it('reports a file that is not a database as damaged', async () => {
    const file = path.join(tmp.dir, 'p.db');
    fs.writeFileSync(file, 'this is not sqlite'.repeat(100));
    const err = await openAndMigrate(file, { appVersion: 'test' }, openSqlite).catch((e: unknown) => e);
    expect((err as DatabaseError).code).toBe('database_corrupt');
    expect((err as Error).message).toMatch(/damaged or is not a Parley database/);
    expect(fs.readFileSync(file, 'utf8')).toBe('this is not sqlite'.repeat(100));
  });
});

describe('rawTransaction', () => {
  it('waits for an open Kysely transaction instead of nesting inside it, and rolls back on error', async () => {
    const { rawTransaction } = await import('../../db/connection');
    const tmp = tempDir();
    const h = openSqlite(path.join(tmp.dir, 'p.db'));
    await migrateSqlite(h, { appVersion: 'test' });
    let releaseKysely!: () => void;
    const held = new Promise<void>((r) => (releaseKysely = r));
    const order: string[] = [];
    const kyselyTx = h.db.transaction().execute(async (trx) => {
      await trx.insertInto('skill').values({ name: 'first', created_at: 1 }).execute();
      order.push('kysely-in');
      await held;
      order.push('kysely-out');
    });
    await new Promise((r) => setImmediate(r));
    const raw = rawTransaction(h, (db) => {
      order.push('raw');
      db.prepare(`insert into skill (name, created_at) values ('second', 2)`).run();
    });
    releaseKysely();
    await Promise.all([kyselyTx, raw]);
    expect(order).toEqual(['kysely-in', 'kysely-out', 'raw']);
    await expect(
      rawTransaction(h, (db) => {
        db.prepare(`insert into skill (name, created_at) values ('third', 3)`).run();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(h.sqlite.prepare('select name from skill order by id').all()).toEqual([{ name: 'first' }, { name: 'second' }]);
    await h.close();
    tmp.cleanup();
  });
});
