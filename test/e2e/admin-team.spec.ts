// Admin → Team against a real PostgreSQL server (a throwaway cluster): clear errors for a wrong password,
// a TLS mismatch and a database that is not Parley's; "Move to PostgreSQL" with counts per table; after a
// restart the install runs on the team database; a second install joins it without copying.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { FileKeySecretBox } from '../../main/secrets/secretBox';
import { writeTeamConfig } from '../../main/team/teamConfig';
import { pgCtl, startCluster, type TestCluster } from '../postgres/cluster';
import WebSocket from 'ws';
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

test('an admin editing while the team database is down sees a banner, and the change is applied when it returns', async ({ page }) => {
  cluster.psql(`create database parley_offline owner parley`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-e2e-offline-'));
  writeTeamConfig(dataDir, { connectionString: `postgres://parley@127.0.0.1:${cluster.port}/parley_offline`, password: 'team-pw', tls: 'disable', caFile: null }, new FileKeySecretBox(dataDir));
  const app = await startApp({ dataDir });
  try {
    await page.goto(app.url);
    await openAdmin(page, 'Team');
    await expect(page.getByTestId('team-status')).toContainText('parley_offline');
    await expect(page.getByTestId('team-offline-banner')).toHaveCount(0);

    // An admin's window already connected (as the page is) makes a change after the server went down.
    const ws = new WebSocket(`ws://127.0.0.1:${new URL(app.url).port}/ws?token=${encodeURIComponent(app.token)}`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    pgCtl(cluster, 'stop');
    const answer = await new Promise<{ ok: boolean; error?: { code: string; message: string } }>((resolve) => {
      ws.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean; error?: { code: string; message: string } } };
        if (m.id === 1 && m.result) resolve(m.result);
      });
      ws.send(JSON.stringify({ id: 1, method: 'config.createDisposition', input: { code: 'offline-made', label: 'Made offline' } }));
      // A deadline, so a dead engine shows up as its own last words rather than a bare test timeout.
      setTimeout(() => resolve({ ok: false, error: { code: 'no_answer', message: `exit ${app.process.exitCode}: ${app.stderr().slice(-3000)}` } }), 30_000).unref();
    });
    ws.close();
    expect(answer.ok).toBe(false);
    expect(answer.error).toEqual({ code: 'disconnected', message: expect.stringContaining('Your change is kept on this computer') });
    const banner = page.getByTestId('team-offline-banner');
    await expect(banner).toContainText('Offline: the team database cannot be reached. 1 change is kept on this computer');

    pgCtl(cluster, 'start');
    await expect(banner).toHaveCount(0, { timeout: 30_000 });
    const client = new pg.Client({ connectionString: cluster.url('parley_offline') });
    await client.connect();
    try {
      expect((await client.query(`select label from disposition_code where code = 'offline-made'`)).rows).toEqual([{ label: 'Made offline' }]);
    } finally {
      await client.end();
    }
  } finally {
    await app.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
