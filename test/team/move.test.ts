// Moving an install from its SQLite file to a team's PostgreSQL database: every table copied with its ids,
// counts verified, progress reported, identity sequences moved on, the SQLite file left as it was; a database
// that already holds a team's data is refused, and nothing is half-copied.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../db/connection';
import { openPostgres, type PostgresHandle } from '../../db/postgres/connection';
import { mergeContacts } from '../../main/services/contacts';
import { ingestBatch } from '../../main/services/ingest';
import { CredentialVault, type ChannelCredentials } from '../../main/secrets/credentials';
import { FileKeySecretBox } from '../../main/secrets/secretBox';
import { TEAM_SCHEME, TeamSecretBox } from '../../main/secrets/teamSecretBox';
import { copySqliteToPostgres, MoveRefused, type MoveProgress } from '../../main/team/move';
import { inbound, startBrain, type Brain } from '../integration/ingest/harness';
import { createTestDatabase, dropTestDatabase, postgresConfigFor } from '../helpers/testDb';
import { tempDir } from '../helpers/tempDir';

describe('moving an install to PostgreSQL', () => {
  let tmp: ReturnType<typeof tempDir>;
  let brain: Brain;
  let database: string;
  let target: PostgresHandle;

  beforeEach(async () => {
    tmp = tempDir();
    brain = await startBrain({ dir: tmp.dir, dialect: 'sqlite' });
    database = await createTestDatabase({ empty: true });
    target = openPostgres(postgresConfigFor(database), { applicationName: 'parley-test' });
  });
  afterEach(async () => {
    await brain.close();
    await target.close();
    await dropTestDatabase(database);
    tmp.cleanup();
  });

  async function fill(): Promise<void> {
    const skill = await brain.ctx.config.createSkill({ name: 'Refunds' }, 'test');
    await brain.ctx.config.createAgent({ name: 'Ana', skills: [{ skillId: skill.id, level: 5 }] }, 'test');
    await brain.ctx.config.createDisposition({ code: 'done', label: 'Done' }, 'test');
    const items = Array.from({ length: 1200 }, (_, i) =>
      inbound(brain.accounts.x, { user: `u${i % 300}`, handle: `cust${i % 300}`, text: `Order ${i} is late, café closed`, sentAt: Date.UTC(2026, 10, 25, 10) + i * 1000 }),
    );
    for (let i = 0; i < items.length; i += 200) await ingestBatch(brain.ctx, items.slice(i, i + 200));
    // A merge: contacts that point at other contacts of the same table.
    const ids = (await brain.q.all<{ id: number }>(`select id from contact order by id limit 2`)).map((r) => r.id);
    await mergeContacts(brain.ctx, ids[1]!, ids[0]!, 'test');
    // The X account's credentials, sealed with this install's own key (secret.key in its data folder).
    await new CredentialVault(brain.ctx.secrets, brain.ctx.dataDir).store(brain.ctx.db, brain.accounts.x, xCreds, Date.now());
  }

  const xCreds: ChannelCredentials = { kind: 'oauth1', appKey: 'app-key', appSecret: 'app-secret', accessToken: 'access', accessSecret: 'access-secret', appBearerToken: null };
  const secrets = () => ({ local: brain.ctx.secrets, dataDir: brain.ctx.dataDir, password: postgresConfigFor(database).password });

  it('copies every table with its ids, reports progress, verifies counts and keeps the SQLite file', async () => {
    await fill();
    const handle = brain.handle as ReturnType<typeof openSqlite>;
    const file = handle.file;
    const before = fs.readFileSync(file).length;
    const progress: MoveProgress[] = [];
    const result = await copySqliteToPostgres(handle, target, { appVersion: 'test', secrets: secrets(), onProgress: (p) => progress.push(p) });

    // Counts per table agree with the SQLite file, for every table that holds anything.
    for (const t of result.tables) {
      const n = (handle.sqlite.prepare(`select count(*) as n from "${t.table}"`).get() as { n: number }).n;
      expect(t.rows, t.table).toBe(n);
    }
    const byName = new Map(result.tables.map((t) => [t.table, t.rows]));
    expect(byName.get('message')).toBe(1200);
    expect(byName.get('contact')).toBeGreaterThan(0);
    expect(byName.get('interaction')).toBeGreaterThan(0);
    // The same rows, ids included.
    const sqliteMessages = handle.sqlite.prepare(`select id, text, contact_id, interaction_id from message order by id`).all();
    const pgMessages = (await target.pool.query(`select id, text, contact_id, interaction_id from message order by id`)).rows;
    expect(pgMessages).toEqual(sqliteMessages);
    // Search works on the copy (the tsvector column is generated there).
    const found = await target.pool.query(`select count(*)::int as n from message where search @@ to_tsquery('simple', 'cafe')`);
    expect(found.rows[0].n).toBe(1200);

    // Progress: every table reached its total, and the last event says all tables are done.
    const last = progress[progress.length - 1]!;
    expect(last.tablesDone).toBe(last.tablesTotal);
    const messageDone = progress.filter((p) => p.table === 'message').pop()!;
    expect([messageDone.copied, messageDone.total]).toEqual([1200, 1200]);
    expect(progress.filter((p) => p.table === 'message').length).toBeGreaterThan(2);

    // New rows on PostgreSQL get ids after the copied ones.
    const maxId = Number((await target.pool.query(`select max(id) as m from skill`)).rows[0].m);
    const inserted = await target.pool.query(`insert into skill (name, description, created_at) values ('Billing', '', 0) returning id`);
    expect(Number(inserted.rows[0].id)).toBeGreaterThan(maxId);

    // Another seat, with its own local key, opens the moved credentials through the team box.
    const otherDir = path.join(tmp.dir, 'seat-b');
    fs.mkdirSync(otherDir);
    const otherLocal = new FileKeySecretBox(otherDir);
    const moved = await target.db.selectFrom('channel_account').select(['credentials', 'credentials_scheme']).where('id', '=', brain.accounts.x).executeTakeFirstOrThrow();
    expect(moved.credentials_scheme).toBe(TEAM_SCHEME);
    expect(() => otherLocal.open(moved.credentials!)).toThrow();
    const teamBox = await TeamSecretBox.open(target.db, postgresConfigFor(database).password);
    expect(await new CredentialVault(teamBox, otherDir, otherLocal).load(target.db, brain.accounts.x)).toEqual(xCreds);

    // The SQLite file is still there, unchanged in size (it is the backup).
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.readFileSync(file).length).toBe(before);
    expect(path.basename(file)).toBe('parley.db');
  });

  it('refuses a team database that already holds data, and copies nothing', async () => {
    await fill();
    const handle = brain.handle as ReturnType<typeof openSqlite>;
    await copySqliteToPostgres(handle, target, { appVersion: 'test', secrets: secrets() });
    const count = async () => Number((await target.pool.query(`select count(*) as n from message`)).rows[0].n);
    expect(await count()).toBe(1200);
    await expect(copySqliteToPostgres(handle, target, { appVersion: 'test', secrets: secrets() })).rejects.toBeInstanceOf(MoveRefused);
    expect(await count()).toBe(1200);
  });
});
