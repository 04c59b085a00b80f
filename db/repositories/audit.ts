// The audit log: who changed what and when. Written in the same transaction as the change it records.
import type { DB } from '../connection';

export interface AuditEntry {
  id: number;
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditInput {
  at: number;
  actor: string;
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(db: DB, e: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: e.at,
      actor: e.actor,
      action: e.action,
      entity: e.entity,
      entity_id: e.entityId == null ? null : String(e.entityId),
      before_json: e.before === undefined ? null : JSON.stringify(e.before),
      after_json: e.after === undefined ? null : JSON.stringify(e.after),
    })
    .execute();
}

export interface AuditQuery {
  entity?: string;
  actor?: string;
  from?: number;
  to?: number;
  limit?: number;
  beforeId?: number;
}

export async function listAudit(db: DB, q: AuditQuery = {}): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(Math.min(q.limit ?? 200, 1000));
  if (q.entity) query = query.where('entity', '=', q.entity);
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.from != null) query = query.where('at', '>=', q.from);
  if (q.to != null) query = query.where('at', '<', q.to);
  if (q.beforeId != null) query = query.where('id', '<', q.beforeId);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    before: r.before_json == null ? null : (JSON.parse(r.before_json) as unknown),
    after: r.after_json == null ? null : (JSON.parse(r.after_json) as unknown),
  }));
}
