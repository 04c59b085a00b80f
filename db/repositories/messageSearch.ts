// Full-text search over every message (SQLite FTS5, accent-insensitive). SQLite-only: a PostgreSQL store
// would query the message.search tsvector the migration context creates there.
import { sql } from 'kysely';
import type { DB } from '../connection';
import type { ChannelKind, Network } from '../schema';

export interface MessageHit {
  messageId: number;
  contactId: number;
  interactionId: number | null;
  network: Network;
  channelKind: ChannelKind;
  direction: 'in' | 'out';
  sentAt: number;
  /** The matching part, with [ and ] around each hit. */
  snippet: string;
}

/** Turns what a person typed into a safe FTS5 query: every word must appear; the last may be a prefix. */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFKC').match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words
    .slice(0, 12)
    .map((w, i, all) => `"${w.replace(/"/g, '""')}"${i === all.length - 1 ? '*' : ''}`)
    .join(' ');
}

export async function searchMessages(db: DB, text: string, options: { limit: number; contactId?: number }): Promise<MessageHit[]> {
  const q = ftsQuery(text);
  if (!q) return [];
  const contactFilter = options.contactId != null ? sql`and m.contact_id = ${options.contactId}` : sql``;
  const rows = await sql<{
    id: number;
    contact_id: number;
    interaction_id: number | null;
    network: Network;
    channel_kind: ChannelKind;
    direction: 'in' | 'out';
    sent_at: number;
    snippet: string;
  }>`select m.id, m.contact_id, m.interaction_id, m.network, m.channel_kind, m.direction, m.sent_at,
        snippet(message_fts, 0, '[', ']', '…', 12) as snippet
      from message_fts join message m on m.id = message_fts.rowid
      where message_fts match ${q} ${contactFilter}
      order by rank limit ${options.limit}`.execute(db);
  return rows.rows.map((r) => ({
    messageId: r.id,
    contactId: r.contact_id,
    interactionId: r.interaction_id,
    network: r.network,
    channelKind: r.channel_kind,
    direction: r.direction,
    sentAt: r.sent_at,
    snippet: r.snippet,
  }));
}
