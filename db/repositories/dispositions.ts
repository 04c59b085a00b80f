// Disposition codes: how an interaction ended, chosen by the agent when completing it.
import type { DB } from '../connection';
import type { DispositionCodeRow } from '../schema';
import type { DispositionRecord as Disposition, DispositionWrite as DispositionInput } from './configTypes';

export function toDisposition(r: DispositionCodeRow): Disposition {
  return { id: r.id, code: r.code, label: r.label, description: r.description, active: r.active === 1, position: r.position };
}

export async function listDispositions(db: DB): Promise<Disposition[]> {
  const rows = await db.selectFrom('disposition_code').selectAll().orderBy('position').orderBy('id').execute();
  return rows.map(toDisposition);
}

export async function getDisposition(db: DB, id: number): Promise<Disposition | undefined> {
  const r = await db.selectFrom('disposition_code').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toDisposition(r) : undefined;
}

export async function findDispositionByCode(db: DB, code: string): Promise<Disposition | undefined> {
  const r = await db.selectFrom('disposition_code').selectAll().where('code', '=', code).executeTakeFirst();
  return r ? toDisposition(r) : undefined;
}

export async function insertDisposition(db: DB, input: DispositionInput, now: number): Promise<number> {
  const max = await db.selectFrom('disposition_code').select((eb) => eb.fn.max('position').as('p')).executeTakeFirst();
  const r = await db
    .insertInto('disposition_code')
    .values({ code: input.code, label: input.label, description: input.description, active: input.active ? 1 : 0, position: Number(max?.p ?? 0) + 1, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDisposition(db: DB, id: number, input: DispositionInput, now: number): Promise<void> {
  await db
    .updateTable('disposition_code')
    .set({ code: input.code, label: input.label, description: input.description, active: input.active ? 1 : 0, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function dispositionInUse(db: DB, id: number): Promise<boolean> {
  return !!(await db.selectFrom('interaction').select('id').where('disposition_code_id', '=', id).limit(1).executeTakeFirst());
}

export async function deleteDisposition(db: DB, id: number): Promise<void> {
  await db.deleteFrom('disposition_code').where('id', '=', id).execute();
}

export async function renumberDispositions(db: DB, ids: number[]): Promise<void> {
  for (const [i, id] of ids.entries()) await db.updateTable('disposition_code').set({ position: i + 1 }).where('id', '=', id).execute();
}
