// Key/value settings stored as JSON. Callers validate the shape of what they read (see main/config).
import type { DB } from '../connection';

export async function getSetting(db: DB, key: string): Promise<unknown | undefined> {
  const row = await db.selectFrom('setting').select('value_json').where('key', '=', key).executeTakeFirst();
  return row ? (JSON.parse(row.value_json) as unknown) : undefined;
}

export async function getSettings(db: DB, prefix = ''): Promise<Record<string, unknown>> {
  const rows = await db
    .selectFrom('setting')
    .select(['key', 'value_json'])
    .where('key', 'like', `${prefix.replace(/[%_]/g, '')}%`)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value_json) as unknown]));
}

export async function putSetting(db: DB, key: string, value: unknown, actor: string | null, now: number): Promise<void> {
  const value_json = JSON.stringify(value);
  await db
    .insertInto('setting')
    .values({ key, value_json, updated_at: now, updated_by: actor })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value_json, updated_at: now, updated_by: actor }))
    .execute();
}
