// The distinct entities and actors in the audit log, for the Audit log screen's filters.
import type { DB } from '../connection';

export async function listAuditFacets(db: DB): Promise<{ entities: string[]; actors: string[] }> {
  const [entities, actors] = await Promise.all([
    db.selectFrom('audit_log').select('entity').distinct().orderBy('entity').execute(),
    db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').execute(),
  ]);
  return { entities: entities.map((r) => r.entity), actors: actors.map((r) => r.actor) };
}
