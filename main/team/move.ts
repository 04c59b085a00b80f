// "Move to PostgreSQL": every table of this install's SQLite file copied into a team database, in one
// PostgreSQL transaction (all or nothing), parents before children, ids kept, identity sequences moved past
// the copied ids, and the row counts of every table compared afterwards. The SQLite file is not touched: it
// stays in the data folder as the backup (and is what Parley opens again if team mode is left).
import type { SqliteHandle } from '../../db/connection';
import { migrateDatabase } from '../../db/migrate';
import type { PostgresHandle } from '../../db/postgres/connection';
import { CredentialVault, type ChannelCredentials } from '../secrets/credentials';
import type { SecretBox } from '../secrets/secretBox';
import { newTeamSalt, TEAM_SALT_KEY, TeamSecretBox } from '../secrets/teamSecretBox';

export interface MoveProgress {
  table: string;
  copied: number;
  total: number;
  tablesDone: number;
  tablesTotal: number;
}

export interface MoveResult {
  tables: Array<{ table: string; rows: number }>;
}

export class MoveRefused extends Error {}

/** What re-sealing the channel credentials for the team needs: this install's box and the team's password. */
export interface MoveSecrets {
  local: SecretBox;
  dataDir: string;
  password: string | null;
}

const BATCH = 500;
/** Tables the migrations themselves fill (0001: the emergency switch's single row). */
const SEEDED = new Set(['emergency']);
/** SQLite-only tables: the migration registry is written by migrate() on both; the FTS5 index is rebuilt
 *  on PostgreSQL as a generated column. */
const skip = (name: string) => name === 'parley_migration' || name.startsWith('message_fts') || name.startsWith('sqlite_');

interface TablePlan {
  name: string;
  columns: string[];
  /** Columns pointing at the same table: written in a second pass, so row order does not matter. */
  selfRefs: string[];
}

function plan(source: Pick<SqliteHandle, 'sqlite'>, targetColumns: Map<string, Set<string>>): TablePlan[] {
  const s = source.sqlite;
  const names = (s.prepare(`select name from sqlite_master where type = 'table' order by name`).all() as Array<{ name: string }>).map((r) => r.name).filter((n) => !skip(n));
  const parents = new Map<string, Set<string>>();
  const selfRefs = new Map<string, string[]>();
  for (const n of names) {
    const fks = s.prepare(`select "table" as parent, "from" as col from pragma_foreign_key_list(?)`).all(n) as Array<{ parent: string; col: string }>;
    parents.set(n, new Set(fks.filter((f) => f.parent !== n).map((f) => f.parent)));
    selfRefs.set(n, fks.filter((f) => f.parent === n).map((f) => f.col));
  }
  // Parents first (a topological order); a cycle across tables would be a schema bug, said plainly.
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string) => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'visiting') throw new Error(`Tables reference each other in a cycle through ${n}; they cannot be copied in order.`);
    state.set(n, 'visiting');
    for (const p of parents.get(n) ?? []) if (names.includes(p)) visit(p);
    state.set(n, 'done');
    ordered.push(n);
  };
  names.forEach(visit);
  return ordered.map((name) => {
    const target = targetColumns.get(name);
    if (!target) throw new Error(`The team database has no table "${name}"; both sides must be at the same data version.`);
    const cols = (s.prepare(`select name from pragma_table_info(?) order by cid`).all(name) as Array<{ name: string }>).map((r) => r.name).filter((c) => target.has(c));
    return { name, columns: cols, selfRefs: (selfRefs.get(name) ?? []).filter((c) => cols.includes(c)) };
  });
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`;

export async function copySqliteToPostgres(
  source: Pick<SqliteHandle, 'sqlite'>,
  target: PostgresHandle,
  options: { appVersion: string; secrets: MoveSecrets; onProgress?: (p: MoveProgress) => void },
): Promise<MoveResult> {
  await migrateDatabase(target, { appVersion: options.appVersion });
  const colRows = await target.pool.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns where table_schema = current_schema() and is_generated = 'NEVER'`,
  );
  const targetColumns = new Map<string, Set<string>>();
  for (const r of colRows.rows) (targetColumns.get(r.table_name) ?? targetColumns.set(r.table_name, new Set()).get(r.table_name)!).add(r.column_name);
  const tables = plan(source, targetColumns);
  const totals = new Map(tables.map((t) => [t.name, (source.sqlite.prepare(`select count(*) as n from ${quote(t.name)}`).get() as { n: number }).n]));

  // The team's salt is written in the copy transaction, so the credentials and the key that opens them
  // arrive together; a local bundle that cannot be opened here (another host's keychain) is copied as it is
  // and re-sealed by the seat that can open it (CredentialVault.load).
  const salt = newTeamSalt();
  const team = new CredentialVault(await TeamSecretBox.derive(Buffer.from(salt, 'base64'), options.secrets.password), options.secrets.dataDir);
  const local = new CredentialVault(options.secrets.local, options.secrets.dataDir);
  const reseal = (sealed: unknown, scheme: unknown): [unknown, unknown] => {
    if (!Buffer.isBuffer(sealed) || typeof scheme !== 'string') return [sealed, scheme];
    let creds: ChannelCredentials;
    try {
      creds = local.open(sealed, scheme);
    } catch {
      return [sealed, scheme];
    }
    const out = team.seal(creds);
    return [out.sealed, out.scheme];
  };
  const hadSalt = source.sqlite.prepare(`select 1 from setting where key = ?`).get(TEAM_SALT_KEY) !== undefined;

  const client = await target.pool.connect();
  try {
    await client.query('begin');
    for (const t of tables) {
      if (SEEDED.has(t.name)) continue;
      const r = await client.query<{ n: number }>(`select count(*)::int as n from ${quote(t.name)}`);
      if (r.rows[0]!.n > 0) {
        throw new MoveRefused(`The team database already holds data (table ${t.name} has ${r.rows[0]!.n} rows). Moving would mix two installs; join it instead, or move into an empty database.`);
      }
    }
    // The rows the migrations seed are replaced by this install's own.
    for (const name of SEEDED) await client.query(`delete from ${quote(name)}`);
    let tablesDone = 0;
    for (const t of tables) {
      const total = totals.get(t.name)!;
      let copied = 0;
      options.onProgress?.({ table: t.name, copied, total, tablesDone, tablesTotal: tables.length });
      const hasId = t.columns.includes('id');
      const select = source.sqlite.prepare(`select ${t.columns.map(quote).join(', ')} from ${quote(t.name)}${hasId ? ' order by id' : ''}`);
      let batch: unknown[][] = [];
      const flush = async () => {
        if (!batch.length) return;
        const params: unknown[] = [];
        const tuples = batch.map((row) => `(${row.map((v) => `$${params.push(v)}`).join(', ')})`);
        await client.query(`insert into ${quote(t.name)} (${t.columns.map(quote).join(', ')}) values ${tuples.join(', ')}`, params);
        copied += batch.length;
        batch = [];
        options.onProgress?.({ table: t.name, copied, total, tablesDone, tablesTotal: tables.length });
      };
      const later: Array<{ id: unknown; values: unknown[] }> = [];
      const credCol = t.name === 'channel_account' ? t.columns.indexOf('credentials') : -1;
      const schemeCol = t.columns.indexOf('credentials_scheme');
      for (const row of select.raw().iterate() as Iterable<unknown[]>) {
        const values = row.map((v) => (typeof v === 'bigint' ? Number(v) : v));
        if (credCol >= 0 && schemeCol >= 0) [values[credCol], values[schemeCol]] = reseal(values[credCol], values[schemeCol]);
        if (t.selfRefs.length) {
          const refs = t.selfRefs.map((c) => values[t.columns.indexOf(c)]);
          if (refs.some((v) => v != null)) later.push({ id: values[t.columns.indexOf('id')], values: refs });
          for (const c of t.selfRefs) values[t.columns.indexOf(c)] = null;
        }
        batch.push(values);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      for (const l of later) {
        await client.query(`update ${quote(t.name)} set ${t.selfRefs.map((c, i) => `${quote(c)} = $${i + 2}`).join(', ')} where id = $1`, [l.id, ...l.values]);
      }
      if (hasId) {
        // New rows written on PostgreSQL continue after the copied ids.
        await client.query(`select setval(pg_get_serial_sequence($1, 'id'), coalesce((select max(id) from ${quote(t.name)}), 0) + 1, false)`, [t.name]);
      }
      tablesDone++;
      options.onProgress?.({ table: t.name, copied, total, tablesDone, tablesTotal: tables.length });
    }
    await client.query(
      `insert into setting (key, value_json, updated_at, updated_by) values ($1, $2, $3, 'parley') on conflict (key) do update set value_json = excluded.value_json`,
      [TEAM_SALT_KEY, JSON.stringify(salt), Date.now()],
    );
    await client.query('commit');
  } catch (e) {
    await client.query('rollback').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }

  // Verified after the commit, from what the server holds.
  const result: MoveResult = { tables: [] };
  for (const t of tables) {
    const r = await target.pool.query<{ n: number }>(`select count(*)::int as n from ${quote(t.name)}`);
    // The team salt is the one row the move adds (unless the file somehow had one, which it replaced).
    const rows = r.rows[0]!.n - (t.name === 'setting' && !hadSalt ? 1 : 0);
    if (rows !== totals.get(t.name)) throw new Error(`Table ${t.name}: ${totals.get(t.name)} rows in the local file but ${rows} in the team database after the copy.`);
    result.tables.push({ table: t.name, rows });
  }
  return result;
}
