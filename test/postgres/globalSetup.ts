// Vitest global setup of the PostgreSQL project: one throwaway cluster for the whole run, with a database
// migrated to the latest version that every test copies (CREATE DATABASE ... TEMPLATE is a file copy).
import type { TestProject } from 'vitest/node';
import { openPostgres } from '../../db/postgres/connection';
import { migrateDatabase } from '../../db/migrate';
import { startCluster } from './cluster';

export const TEMPLATE_DB = 'parley_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { host: string; port: number; user: string; password: string; template: string; dir: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cluster = await startCluster();
  cluster.psql(`create database ${TEMPLATE_DB}`);
  const h = openPostgres({ connectionString: cluster.url(TEMPLATE_DB), password: null, tls: 'disable', caFile: null });
  try {
    await migrateDatabase(h, { appVersion: 'test' });
  } finally {
    await h.close();
  }
  const info = { host: cluster.host, port: cluster.port, user: cluster.user, password: cluster.password, template: TEMPLATE_DB, dir: cluster.dir };
  project.provide('postgres', info);
  // Also in the environment the test workers inherit, so helpers need not import vitest (a helper may run in
  // a plain child process, e.g. the ingest crash test's).
  process.env.PARLEY_TEST_PG = JSON.stringify(info);
  return async () => cluster.stop();
}
