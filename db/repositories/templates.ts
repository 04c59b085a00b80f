// Message templates (special day, closed, emergency, acknowledgement, auto-reply, canned...), with variants.
import type { DB } from '../connection';
import type { MessageTemplateRow } from '../schema';
import type { TemplateRecord as Template, TemplateWrite as TemplateInput } from './configTypes';

export function toTemplate(r: MessageTemplateRow): Template {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    network: r.network,
    visibility: r.visibility,
    variants: JSON.parse(r.variants_json) as string[],
    active: r.active === 1,
  };
}

export async function listTemplates(db: DB): Promise<Template[]> {
  const rows = await db.selectFrom('message_template').selectAll().orderBy('kind').orderBy('name').orderBy('id').execute();
  return rows.map(toTemplate);
}

export async function getTemplate(db: DB, id: number): Promise<Template | undefined> {
  const r = await db.selectFrom('message_template').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toTemplate(r) : undefined;
}

function columns(input: TemplateInput) {
  return {
    kind: input.kind,
    name: input.name,
    network: input.network,
    visibility: input.visibility,
    variants_json: JSON.stringify(input.variants),
    active: input.active ? 1 : 0,
  };
}

export async function insertTemplate(db: DB, input: TemplateInput, now: number): Promise<number> {
  const r = await db.insertInto('message_template').values({ ...columns(input), created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateTemplate(db: DB, id: number, input: TemplateInput, now: number): Promise<void> {
  await db.updateTable('message_template').set({ ...columns(input), updated_at: now }).where('id', '=', id).execute();
}

export async function deleteTemplate(db: DB, id: number): Promise<void> {
  await db.deleteFrom('message_template').where('id', '=', id).execute();
}
