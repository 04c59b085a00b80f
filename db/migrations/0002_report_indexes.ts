// Indexes for Reports, so a period is read as one index range however large the database grows.
// Frozen once released; migrations never import app code.
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  // Customer messages by the time they were written: the volume chart counts them per business day
  // straight from this index (partial: only inbound customer messages, about half of all rows).
  await sql`create index message_customer_sent on message (sent_at, network, channel_kind)
            where direction = 'in' and author_kind = 'customer'`.execute(db);
  // Every column a report reads from a conversation, behind the day it began: each report query is
  // an index-only range scan, never a lookup per row.
  await sql`create index interaction_report on interaction (created_at, network, auto_outcome, queued_at, assigned_at,
            first_response_at, completed_at, assigned_agent_id, disposition_code_id, state)`.execute(db);
}
