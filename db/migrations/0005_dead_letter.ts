// Inbound items ingest cannot read (no author, an account that does not exist, a kind it does not know) are
// kept here with their raw payload and the reason, in the same transaction as the cursor that moves past
// them: the poller goes on, and nothing a customer wrote is lost. Frozen once released.
import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  const t = ctx.types;
  await db.schema
    .createTable('inbound_dead_letter')
    .addColumn('id', t.id, (c) => t.pk(c))
    // No foreign key: "the account does not exist" is one of the reasons an item lands here.
    .addColumn('account_id', t.ref)
    .addColumn('network', 'text')
    .addColumn('channel_kind', 'text')
    .addColumn('network_message_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    // The whole item as the channel handed it over (its raw network payload included).
    .addColumn('payload_json', 'text', (c) => c.notNull())
    .addColumn('feed', 'text')
    .addColumn('received_at', t.time, (c) => c.notNull())
    .modifyEnd(t.strict)
    .execute();
  await db.schema.createIndex('inbound_dead_letter_account').on('inbound_dead_letter').columns(['account_id', 'received_at']).execute();
}
