// Admin → Team against a real PostgreSQL server (a throwaway cluster): clear errors for a wrong password,
// a TLS mismatch and a database that is not Parley's; "Move to PostgreSQL" with counts per table; after a
// restart the install runs on the team database; a second install joins it without copying.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startCluster, type TestCluster } from '../postgres/cluster';
import { openAdmin } from './admin-helpers';
import { expect, startApp, test } from './fixtures';

test.describe.configure({ timeout: 180_000 });

let cluster: TestCluster;

test.beforeAll(async () => {
  cluster = await startCluster();
  cluster.psql(`create role parley login password 'team-pw'`);
  cluster.psql(`create database parley_team owner parley`);
  cluster.psql(`create database shop owner parley`);
  cluster.psql(`create table orders (id int)`, 'shop');
});

test.afterAll(() => cluster?.stop());

test('moves an install to PostgreSQL with counts, runs on it after a restart, and a second seat joins it', async ({ page, app }) => {
  const conn = (db: string) => `postgres://parley@127.0.0.1:${cluster.port}/${db}`;
  await page.goto(app.url);
  await openAdmin(page, 'Team');
  await expect(page.getByTestId('team-status')).toContainText('On this computer only');

  const fill = async (db: string, password: string, tls: string) => {
    await page.getByLabel('Connection string').fill(conn(db));
    await page.getByLabel('Password').fill(password);
    await page.getByLabel('Secure connection (TLS)').selectOption({ label: tls });
    await page.getByRole('button', { name: 'Test connection' }).click();
  };

  // What goes wrong is said in a sentence a person can act on.
  await fill('parley_team', 'wrong', 'Off (only on a trusted private network)');
  await expect(page.getByTestId('team-error')).toContainText('refused the password for user "parley"');
  await fill('parley_team', 'team-pw', 'Encrypted, server not verified');
  await expect(page.getByTestId('team-error')).toContainText('secure (TLS) connection');
  await fill('shop', 'team-pw', 'Off (only on a trusted private network)');
  await expect(page.getByTestId('team-error')).toContainText('holds tables that are not Parley\'s (orders)');

  await fill('parley_team', 'team-pw', 'Off (only on a trusted private network)');
  await expect(page.getByTestId('team-check')).toContainText(/Reached PostgreSQL 1\d/);
  await expect(page.getByTestId('team-check')).toContainText('The database is empty');

  await page.getByRole('button', { name: 'Move to PostgreSQL…' }).click();
  await page.getByRole('dialog', { name: 'Move to PostgreSQL?' }).getByRole('button', { name: 'Move' }).click();
  const moved = page.getByTestId('team-moved');
  await expect(moved).toContainText('every count checked', { timeout: 60_000 });
  await expect(moved).toContainText(path.join(app.dataDir, 'parley.db'));
  await expect(page.getByTestId('team-status')).toContainText(`From its next start Parley opens the team database 127.0.0.1:${cluster.port}/parley_team`);

  // The counts shown are what the server holds (the demo install has agents and templates).
  const client = new pg.Client({ connectionString: cluster.url('parley_team') });
  await client.connect();
  try {
    for (const table of ['agent', 'message_template', 'channel_account']) {
      const n = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
      expect(n).toBeGreaterThan(0);
      await expect(page.getByRole('table', { name: 'Rows moved per table' }).getByRole('row', { name: new RegExp(`^${table} `) })).toContainText(String(n));
    }
  } finally {
    await client.end();
  }
  // The password is sealed, never written in the clear.
  expect(fs.readFileSync(path.join(app.dataDir, 'team.json'), 'utf8')).not.toContain('team-pw');

  // After a restart the install runs on the team database.
  await app.stop();
  const again = await startApp({ dataDir: app.dataDir });
  const second = await startApp({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-seat2-')) });
  try {
    await page.goto(again.url);
    await openAdmin(page, 'Team');
    await expect(page.getByTestId('team-status')).toContainText(`In the team database 127.0.0.1:${cluster.port}/parley_team`);

    // A second install joins without copying, and works on the same data after its restart.
    await page.goto(second.url);
    await openAdmin(page, 'Team');
    await fill('parley_team', 'team-pw', 'Off (only on a trusted private network)');
    await expect(page.getByTestId('team-check')).toContainText('already holds a Parley team database');
    await page.getByRole('button', { name: 'Join this team' }).click();
    await expect(page.getByTestId('team-status')).toContainText('From its next start Parley opens the team database');
    await second.stop();
    const secondAgain = await startApp({ dataDir: second.dataDir });
    try {
      await page.goto(secondAgain.url);
      await openAdmin(page, 'Team');
      await expect(page.getByTestId('team-status')).toContainText(`In the team database 127.0.0.1:${cluster.port}/parley_team`);
    } finally {
      await secondAgain.stop();
    }
  } finally {
    await again.stop();
    await second.stop();
    fs.rmSync(second.dataDir, { recursive: true, force: true });
  }
});
