// Indexes for the lookups ingest makes per inbound message, found measuring ingest (issue 8). Frozen once released.
//  - "Is this customer's conversation on this thread still open?" The thread index held (account, thread,
//    state), so the contact of every conversation on the thread was read from the table: on a Page post with
//    thousands of commenters, every new comment read thousands of rows. With the contact in the index it is
//    one seek, answered from the index alone.
//  - "Did the outbox send this post?" (the brand's own post, seen by the poller) read the whole outbox.
//  - interaction_created goes: interaction_report begins with created_at and answers the same ranges, so it was
//    one more index to write for every conversation.
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

export async function up(db: Kysely<any>, _ctx: MigrationContext): Promise<void> {
  await db.schema.dropIndex('interaction_thread').execute();
  await sql`create index interaction_thread on interaction (account_id, thread_key, contact_id, state)`.execute(db);
  await sql`create index outbox_item_result on outbox_item (account_id, result_network_id) where result_network_id is not null`.execute(db);
  await db.schema.dropIndex('interaction_created').execute();
}
