// What a queue row shows about interactions routing holds in memory: one query for a page of ids.
import type { DB } from '../../db/connection';
import type { QueuedInteraction } from '../../preload/contract/routing';

export async function describeQueued(db: DB, ids: number[]): Promise<QueuedInteraction[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('interaction as i')
    .innerJoin('contact as c', 'c.id', 'i.contact_id')
    .select(['i.id', 'i.network', 'i.channel_kind', 'i.subject', 'i.contact_id', 'c.display_name', 'i.priority', 'i.queued_at', 'i.created_at', 'i.skill_id', 'i.skill_level', 'i.group_id'])
    .where('i.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [{ interactionId: r.id, network: r.network, channelKind: r.channel_kind, subject: r.subject, contactId: r.contact_id, contactName: r.display_name, priority: r.priority, queuedAt: r.queued_at ?? r.created_at, skillId: r.skill_id, minLevel: r.skill_level, groupId: r.group_id }]
      : [];
  });
}
