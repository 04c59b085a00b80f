// The static migration registry. Bundled apps have no migrations folder to scan (it lives inside an asar),
// so every migration is imported here by hand. Versions must increase by one; migrate.ts checks.
import type { Kysely } from 'kysely';
import type { MigrationContext } from './context';
import * as m0001 from './0001_init';
import * as m0002 from './0002_report_indexes';
import * as m0003 from './0003_exact_scores';
import * as m0004 from './0004_search_folding';
import * as m0005 from './0005_dead_letter';
import * as m0006 from './0006_ingest_lookups';

export interface Migration {
  version: number;
  name: string;
  up: (db: Kysely<any>, ctx: MigrationContext) => Promise<void>;
}

export const migrations: readonly Migration[] = [
  { version: 1, name: 'init', up: m0001.up },
  { version: 2, name: 'report_indexes', up: m0002.up },
  { version: 3, name: 'exact_scores', up: m0003.up },
  { version: 4, name: 'search_folding', up: m0004.up },
  { version: 5, name: 'dead_letter', up: m0005.up },
  { version: 6, name: 'ingest_lookups', up: m0006.up },
];

export const latestVersion = migrations[migrations.length - 1]!.version;
