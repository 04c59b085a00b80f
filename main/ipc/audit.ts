// Handlers of the audit namespace: the audit log, filtered and paged, with actors named as people read them.
import { DateTime } from 'luxon';
import { listAudit } from '../../db/repositories/audit';
import { listAuditFacets } from '../../db/repositories/auditFacets';
import type { EngineContext } from '../context';
import type { NamespaceHandlers } from './types';

/** "agent:3" -> the agent's name; "admin@web" -> "Admin (web window)"; anything else as written. */
export function actorLabel(ctx: EngineContext, actor: string): string {
  const agent = /^agent:(\d+)$/.exec(actor);
  if (agent) {
    const a = ctx.config.snapshot.agents.find((x) => x.id === Number(agent[1]));
    return a ? a.name : `Agent ${agent[1]} (deleted)`;
  }
  if (actor === 'admin@web') return 'Admin (web window)';
  if (actor === 'admin@electron') return 'Admin (desktop window)';
  if (actor === 'admin') return 'Admin';
  if (actor === 'system') return 'Parley (automatic)';
  return actor;
}

export function auditHandlers(ctx: EngineContext): NamespaceHandlers<'audit'> {
  return {
    'audit.list': async ({ entity, actor, from, to, limit, beforeId }) => {
      const zone = ctx.config.snapshot.timeZone;
      const day = (d: string) => DateTime.fromISO(d, { zone }).startOf('day');
      // One more than asked tells whether an older page exists.
      const rows = await listAudit(ctx.db, {
        entity,
        actor,
        from: from ? day(from).toMillis() : undefined,
        to: to ? day(to).plus({ days: 1 }).toMillis() : undefined,
        limit: limit + 1,
        beforeId,
      });
      return {
        entries: rows.slice(0, limit).map((r) => ({ ...r, actorLabel: actorLabel(ctx, r.actor) })),
        hasMore: rows.length > limit,
        timeZone: zone,
      };
    },
    'audit.facets': async () => {
      const f = await listAuditFacets(ctx.db);
      return { entities: f.entities, actors: f.actors.map((actor) => ({ actor, label: actorLabel(ctx, actor) })) };
    },
  };
}
