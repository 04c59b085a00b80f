// What a migration may know about the database it runs on. Migrations are written once and take their
// dialect-specific column types and SQL from here, so a PostgreSQL dialect can be added without rewriting them.
import { sql, type ColumnDefinitionBuilder, type Kysely, type RawBuilder } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';

export interface MigrationContext {
  dialect: Dialect;
  /** Epoch ms at the moment the migration runs (for seed rows). */
  now: number;
  types: {
    id: 'integer' | 'bigint';
    ref: 'integer' | 'bigint';
    time: 'integer' | 'bigint';
    blob: 'blob' | 'bytea';
    pk: (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;
    strict: RawBuilder<unknown>;
  };
  /** Full-text search over message.text (FTS5 on SQLite). */
  createMessageSearch: (db: Kysely<any>) => Promise<void>;
}

export function migrationContext(dialect: Dialect, now: number): MigrationContext {
  if (dialect === 'sqlite') {
    return {
      dialect,
      now,
      types: {
        id: 'integer',
        ref: 'integer',
        time: 'integer',
        blob: 'blob',
        pk: (c) => c.primaryKey(),
        strict: sql`strict`,
      },
      createMessageSearch: async (db) => {
        // External-content FTS5 kept in step by triggers; remove_diacritics makes search accent-insensitive.
        await sql`create virtual table message_fts using fts5(text, content='message', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
        await sql`create trigger message_fts_ai after insert on message begin
          insert into message_fts(rowid, text) values (new.id, new.text); end`.execute(db);
        await sql`create trigger message_fts_ad after delete on message begin
          insert into message_fts(message_fts, rowid, text) values ('delete', old.id, old.text); end`.execute(db);
        await sql`create trigger message_fts_au after update of text on message begin
          insert into message_fts(message_fts, rowid, text) values ('delete', old.id, old.text);
          insert into message_fts(rowid, text) values (new.id, new.text); end`.execute(db);
      },
    };
  }
  return {
    dialect,
    now,
    types: {
      id: 'bigint',
      ref: 'bigint',
      time: 'bigint',
      blob: 'bytea',
      pk: (c) => c.primaryKey().generatedByDefaultAsIdentity(),
      strict: sql``,
    },
    createMessageSearch: async (db) => {
      await sql`alter table message add column search tsvector generated always as (to_tsvector('simple', text)) stored`.execute(db);
      await sql`create index message_search on message using gin (search)`.execute(db);
    },
  };
}
