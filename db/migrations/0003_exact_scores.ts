// Sentiment and engagement scores as 8-byte floats everywhere. SQLite's REAL already is one; PostgreSQL's
// `real` (what 0001 asked for) is 4 bytes and would read 0.4019 back as 0.40189999. Frozen once released.
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  await sql`alter table interaction alter column sentiment type double precision`.execute(db);
  await sql`alter table engagement alter column score type double precision`.execute(db);
}
