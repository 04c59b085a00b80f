// Full-text search over every message, accent-insensitive: SQLite FTS5, or on PostgreSQL the generated
// message.search tsvector (migrations 0001 and 0004) with the same rule: every word, the last as a prefix.
// Hits come newest first (message id descending; within one contact, by time sent): an agent searching
// history wants the latest case, and
// FTS5 walks its doclists in rowid order for free, so a common word stops after `limit` hits instead of
// ranking every one of its 500,000 matches (2.3 s at p95 over 1M messages with ORDER BY rank).
import { sql } from 'kysely';
import type { DB } from '../connection';
import { dialectOf } from '../dialect';
import type { ChannelKind, Network } from '../schema';
import { fold, matcherFor, queryWords } from './messageMatch';

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

const phrase = (w: string) => `"${w.replace(/"/g, '""')}"`;

/** A safe FTS5 query of the typed words (queryWords): every word must appear; the last may be a prefix. */
function prefixQuery(words: string[]): string | null {
  if (words.length === 0) return null;
  return words.map((w, i, all) => `${phrase(w)}${i === all.length - 1 ? '*' : ''}`).join(' ');
}

/** The same words as a PostgreSQL tsquery, accents folded as the search column folds them. */
export function tsQuery(text: string): string | null {
  const words = queryWords(text).map(fold).filter(Boolean);
  if (words.length === 0) return null;
  return words
    .map((w, i, all) => `'${w.replace(/'/g, "''")}'${i === all.length - 1 ? ':*' : ''}`)
    .join(' & ');
}

type HitRow = { id: number; contact_id: number; interaction_id: number | null; network: Network; channel_kind: ChannelKind; direction: 'in' | 'out'; sent_at: number; snippet: string };

async function searchPostgres(db: DB, text: string, options: { limit: number; contactId?: number }): Promise<HitRow[]> {
  const q = tsQuery(text);
  if (!q) return [];
  const contactFilter = options.contactId != null ? sql`and m.contact_id = ${options.contactId}` : sql``;
  const r = await sql<HitRow>`select m.id, m.contact_id, m.interaction_id, m.network, m.channel_kind, m.direction, m.sent_at,
        -- as FTS5's snippet of 12 tokens: a short message is shown whole, a long one around the words found
        case when cardinality(regexp_split_to_array(btrim(m.text), '\s+')) <= 12
          then ts_headline('simple', m.text, query, 'StartSel=[, StopSel=], HighlightAll=true')
          else ts_headline('simple', m.text, query, 'StartSel=[, StopSel=], MaxWords=12, MinWords=4, ShortWord=1, FragmentDelimiter=…') end as snippet
      from message m, to_tsquery('simple', ${q}) query
      where m.search @@ query ${contactFilter}
      order by ${options.contactId != null ? sql`m.sent_at desc, m.id desc` : sql`m.id desc`} limit ${options.limit}`.execute(db);
  return r.rows;
}

export async function searchMessages(db: DB, text: string, options: { limit: number; contactId?: number }): Promise<MessageHit[]> {
  const rows = dialectOf(db) === 'postgres' ? await searchPostgres(db, text, options) : await searchSqlite(db, text, options);
  return rows.map((r) => ({
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

async function searchSqlite(db: DB, text: string, options: { limit: number; contactId?: number }): Promise<HitRow[]> {
  if (options.contactId != null) return searchOneContact(db, text, options.contactId, options.limit);
  const q = await expandLastWord(db, text);
  if (!q) return [];
  const rows = await sql<HitRow>`select m.id, m.contact_id, m.interaction_id, m.network, m.channel_kind, m.direction, m.sent_at,
        snippet(message_fts, 0, '[', ']', '…', 12) as snippet
      from message_fts join message m on m.id = message_fts.rowid
      where message_fts match ${q}
      order by message_fts.rowid desc limit ${options.limit}`.execute(db);
  return rows.rows;
}

/** Connections that already have temp.message_fts_vocab. */
const withVocabulary = new WeakSet<DB>();

/** The most terms a last word is expanded to before the search falls back to FTS5's own prefix query. */
const PREFIX_TERMS = 64;

/**
 * FTS5 answers a prefix ("order"*) by merging the doclists of every term it covers before it yields the
 * first hit: 65-97 ms for a common word over 1M messages. The same terms, read from the index's own
 * vocabulary and asked for as an OR of whole terms, are walked lazily newest first and stop at the limit
 * (under 15 ms, vocabulary lookup included). Only plain ASCII words of three or more characters are
 * expanded, where lower case is exactly what the tokenizer does; anything else keeps the prefix query.
 */
async function expandLastWord(db: DB, text: string): Promise<string | null> {
  const words = queryWords(text);
  const q = prefixQuery(words);
  if (!q) return null;
  const last = words[words.length - 1]!;
  if (!/^[A-Za-z0-9]{3,}$/.test(last)) return q;
  const prefix = last.toLowerCase();
  if (!withVocabulary.has(db)) {
    // A per-connection view of the index's terms; TEMP, so the database file's schema is unchanged.
    await sql`create virtual table if not exists temp.message_fts_vocab using fts5vocab(main, message_fts, row)`.execute(db);
    withVocabulary.add(db);
  }
  const r = await sql<{ term: string }>`select term from temp.message_fts_vocab where term >= ${prefix} and term <= ${`${prefix}\u{10FFFF}`}
      limit ${PREFIX_TERMS + 1}`.execute(db);
  const terms = r.rows.map((t) => t.term).filter((t) => t.startsWith(prefix));
  if (terms.length === 0 || terms.length > PREFIX_TERMS) return q;
  const head = words.slice(0, -1).map(phrase);
  // FTS5 joins a parenthesised group to phrases only with an explicit AND.
  return [...head, terms.length === 1 ? phrase(terms[0]!) : `(${terms.map(phrase).join(' OR ')})`].join(' AND ');
}

/** One contact's messages, newest sent first, read through the contact index (contact_id, sent_at) as a
 * stream that stops once `limit` match (see messageMatch.ts for why this is not FTS5). */
async function searchOneContact(db: DB, text: string, contactId: number, limit: number): Promise<HitRow[]> {
  const match = matcherFor(text);
  if (!match) return [];
  const out: HitRow[] = [];
  const rows = db
    .selectFrom('message')
    .select(['id', 'contact_id', 'interaction_id', 'network', 'channel_kind', 'direction', 'sent_at', 'text'])
    .where('contact_id', '=', contactId)
    .orderBy('sent_at', 'desc')
    .orderBy('id', 'desc')
    .stream(200);
  for await (const m of rows) {
    const snip = match(m.text);
    if (snip === null) continue;
    out.push({ id: m.id, contact_id: m.contact_id, interaction_id: m.interaction_id, network: m.network, channel_kind: m.channel_kind, direction: m.direction, sent_at: m.sent_at, snippet: snip });
    if (out.length === limit) break;
  }
  return out;
}
