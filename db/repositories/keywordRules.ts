// Keyword rules, kept in the order they are evaluated (position 1..N). match and action are JSON; main/
// validates them with the model's schemas when it reads them (so an older row gets today's defaults).
import type { DB } from '../connection';
import type { KeywordRuleRow } from '../schema';
import type { KeywordRuleRecord, KeywordRuleWrite } from './configTypes';

export function toKeywordRuleRecord(r: KeywordRuleRow): KeywordRuleRecord {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    enabled: r.enabled === 1,
    match: JSON.parse(r.match_json) as unknown,
    networks: JSON.parse(r.networks_json) as unknown,
    channelKinds: JSON.parse(r.channel_kinds_json) as unknown,
    action: JSON.parse(r.action_json) as unknown,
  };
}

export async function listKeywordRules(db: DB): Promise<KeywordRuleRecord[]> {
  const rows = await db.selectFrom('keyword_rule').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(toKeywordRuleRecord);
}

export async function getKeywordRule(db: DB, id: number): Promise<KeywordRuleRecord | undefined> {
  const r = await db.selectFrom('keyword_rule').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toKeywordRuleRecord(r) : undefined;
}

function columns(input: KeywordRuleWrite) {
  return {
    name: input.name,
    enabled: input.enabled ? 1 : 0,
    match_json: JSON.stringify(input.match),
    networks_json: JSON.stringify(input.networks),
    channel_kinds_json: JSON.stringify(input.channelKinds),
    action: input.action.type,
    action_json: JSON.stringify(input.action),
  };
}

/** Appends the rule at the end, or inserts it at `position` (1-based) and shifts the rest down. */
export async function insertKeywordRule(db: DB, input: KeywordRuleWrite, now: number, position?: number): Promise<number> {
  const count = await db.selectFrom('keyword_rule').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const n = Number(count.n);
  const at = position == null ? n + 1 : Math.max(1, Math.min(position, n + 1));
  if (at <= n) await db.updateTable('keyword_rule').set((eb) => ({ position: eb('position', '+', 1) })).where('position', '>=', at).execute();
  const r = await db.insertInto('keyword_rule').values({ ...columns(input), position: at, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateKeywordRule(db: DB, id: number, input: KeywordRuleWrite, now: number): Promise<void> {
  await db.updateTable('keyword_rule').set({ ...columns(input), updated_at: now }).where('id', '=', id).execute();
}

export async function deleteKeywordRule(db: DB, id: number): Promise<void> {
  await db.deleteFrom('keyword_rule').where('id', '=', id).execute();
  await renumberKeywordRules(db, (await db.selectFrom('keyword_rule').select('id').orderBy('position').orderBy('id').execute()).map((r) => r.id));
}

/** Sets the evaluation order: `ids` lists every rule once, first evaluated first. */
export async function renumberKeywordRules(db: DB, ids: number[]): Promise<void> {
  for (const [i, id] of ids.entries()) await db.updateTable('keyword_rule').set({ position: i + 1 }).where('id', '=', id).execute();
}
