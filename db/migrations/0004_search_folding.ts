// Accent-insensitive message search on PostgreSQL, as SQLite's FTS5 (remove_diacritics) already is: the
// search column indexes the text with accented letters folded to their base letter ("café" is found by
// "cafe"). translate() is immutable, so it may feed a generated column; no extension is needed.
// SQLite: nothing to do. Frozen once released.
import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from './context';

// Latin letters with diacritics and their base letter, upper and lower case (lower() cannot be trusted to
// fold non-ASCII letters under the C locale a team database may use).
const FROM = 'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆĈĊČçćĉċčĎĐďđÈÉÊËĒĔĖĘĚèéêëēĕėęěĜĞĠĢĝğġģĤĦĥħÌÍÎÏĨĪĬĮİìíîïĩīĭįıĴĵĶķĹĻĽĿŁĺļľŀłÑŃŅŇñńņňÒÓÔÕÖØŌŎŐòóôõöøōŏőŔŖŘŕŗřŚŜŞŠśŝşšŢŤŦţťŧÙÚÛÜŨŪŬŮŰŲùúûüũūŭůűųŴŵÝŸŶýÿŷŹŻŽźżž';
const TO = 'AAAAAAAAAaaaaaaaaaCCCCCcccccDDddEEEEEEEEEeeeeeeeeeGGGGggggHHhhIIIIIIIIIiiiiiiiiiJjKkLLLLLlllllNNNNnnnnOOOOOOOOOoooooooooRRRrrrSSSSssssTTTtttUUUUUUUUUUuuuuuuuuuuWwYYYyyyZZZzzz';

export async function up(db: Kysely<any>, ctx: MigrationContext): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  if ([...FROM].length !== [...TO].length) throw new Error('search folding table is uneven');
  await sql`create function parley_fold(t text) returns text language sql immutable parallel safe
            as $$ select translate(t, ${sql.lit(FROM)}, ${sql.lit(TO)}) $$`.execute(db);
  await sql`alter table message drop column search`.execute(db);
  await sql`alter table message add column search tsvector generated always as (to_tsvector('simple', parley_fold(text))) stored`.execute(db);
  await sql`create index message_search on message using gin (search)`.execute(db);
}
