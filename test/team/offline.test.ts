// An admin editing while the team's PostgreSQL server is down: a clear answer, the change kept in the data
// folder (it survives a restart of the seat), applied in order when the server is back, and a change that no
// longer fits reported instead of dropped. Runs its own cluster, since it stops the server.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../db/migrate';
import { openPostgres } from '../../db/postgres/connection';
import type { Session } from '../../main/context';
import { startEngine, type Engine } from '../../main/engine';
import { silentLogger } from '../../main/log';
import { FileKeySecretBox } from '../../main/secrets/secretBox';
import { OFFLINE_FILE } from '../../main/team/offlineQueue';
import { writeTeamConfig } from '../../main/team/teamConfig';
import type { TeamOfflineStatus } from '../../preload/contract';
import { pgCtl, startCluster, type TestCluster } from '../postgres/cluster';
import { waitFor } from '../integration/channels/harness';
import { tempDir } from '../helpers/tempDir';

const session: Session = { id: 'admin-window', host: 'web', agentId: null };

describe('admin changes while the team database is unreachable', () => {
  let cluster: TestCluster;
  let tmp: ReturnType<typeof tempDir>;
  let engine: Engine | null = null;

  beforeAll(async () => {
    cluster = await startCluster();
    cluster.psql('create database team');
    const h = openPostgres({ connectionString: cluster.url('team'), password: null, tls: 'disable', caFile: null });
    await migrateDatabase(h, { appVersion: 'test' });
    await h.close();
    tmp = tempDir();
    writeTeamConfig(tmp.dir, { connectionString: cluster.url('team'), password: null, tls: 'disable', caFile: null }, new FileKeySecretBox(tmp.dir));
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    cluster?.stop();
    tmp?.cleanup();
  });

  const call = async <T>(method: string, input: unknown) => (await engine!.dispatch(method as never, input, session)) as { ok: boolean; value?: T; error?: { code: string; message: string } };
  const skills = async () => {
    const c = new (await import('pg')).default.Client({ connectionString: cluster.url('team') });
    await c.connect();
    try {
      return (await c.query<{ id: number; name: string }>('select id, name from skill order by id')).rows.map((r) => ({ id: Number(r.id), name: r.name }));
    } finally {
      await c.end();
    }
  };

  it('keeps the change durably with a clear message, applies it in order when the server is back, and reports a change that no longer fits', async () => {
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
    const pushed: TeamOfflineStatus[] = [];
    engine.ctx.events.subscribe((name, payload) => name === 'team.offline' && pushed.push(payload as TeamOfflineStatus));
    const made = await call<{ id: number }>('config.createSkill', { name: 'Refunds' });
    expect(made.ok).toBe(true);
    const refunds = made.value!.id;

    pgCtl(cluster, 'stop');
    // Three changes while offline: a new skill, then Refunds deleted, then Refunds renamed (which cannot work).
    const offline1 = await call('config.createSkill', { name: 'Billing' });
    expect(offline1.ok).toBe(false);
    expect(offline1.error).toEqual({ code: 'disconnected', message: expect.stringContaining('Your change is kept on this computer and will be applied when the connection returns') });
    expect(pushed.at(-1)?.online).toBe(false);
    expect((await call('config.deleteSkill', { id: refunds })).error?.code).toBe('disconnected');
    expect((await call('config.updateSkill', { id: refunds, name: 'Refunds & returns' })).error?.code).toBe('disconnected');
    const status = (await call<TeamOfflineStatus>('team.offline', {})).value!;
    expect(status.online).toBe(false);
    expect(status.pending.map((p) => p.method)).toEqual(['config.createSkill', 'config.deleteSkill', 'config.updateSkill']);

    // The seat itself restarts while offline: what was kept is on disk, in order.
    const onDisk = JSON.parse(fs.readFileSync(path.join(tmp.dir, OFFLINE_FILE), 'utf8')) as { pending: Array<{ method: string }> };
    expect(onDisk.pending.map((p) => p.method)).toEqual(['config.createSkill', 'config.deleteSkill', 'config.updateSkill']);
    await engine.close();
    engine = null;

    pgCtl(cluster, 'start');
    engine = await startEngine({ dataDir: tmp.dir, host: 'web', log: silentLogger });
    const final = await waitFor('the kept changes applied', async () => {
      const s = (await call<TeamOfflineStatus>('team.offline', {})).value!;
      return s.pending.length === 0 ? s : null;
    }, 30_000);
    expect(final.online).toBe(true);
    expect((await skills()).map((s) => s.name)).toEqual(['Billing']);
    // The rename came after the delete: reported, with the reason, not silently dropped.
    expect(final.rejected).toHaveLength(1);
    expect(final.rejected[0]).toMatchObject({ method: 'config.updateSkill', code: 'not_found' });
    expect(fs.readFileSync(path.join(tmp.dir, OFFLINE_FILE), 'utf8')).toContain('config.updateSkill');

    // Read and dismissed by the admin.
    expect((await call<TeamOfflineStatus>('team.dismissRejected', {})).value!.rejected).toEqual([]);
  }, 120_000);
});
