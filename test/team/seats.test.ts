// Team mode with real processes: three engines (`node dist/main/web.cjs`, each with its own data folder
// pointing at one PostgreSQL database) and one standalone sandbox. Seat A holds the X account and is
// SIGKILLed while it ingests a flood and sends a batch of replies; another seat takes over from the stored
// cursor. Agents signed in on seats B and C complete work as fast as they can, so assignments race across
// seats. At the end: every mention stored once, every interaction held by at most one agent at a time and
// no agent over capacity (replayed from interaction_event), nothing sent twice (the sandbox's log).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openPostgres, type PostgresConfig, type PostgresHandle } from '../../db/postgres/connection';
import { enqueueOutboxItemWithMessage } from '../../db/repositories/outbox';
import { putSetting } from '../../db/repositories/settings';
import { saveChannelSettings } from '../../main/channels/settings';
import { systemClock } from '../../main/clock';
import { ConfigService } from '../../main/config/service';
import type { OutboxPayload } from '../../main/outbox/payload';
import { FileKeySecretBox } from '../../main/secrets/secretBox';
import { TEAM_SCHEME } from '../../main/secrets/teamSecretBox';
import { LEASE_CLASS } from '../../main/team/leases';
import { writeTeamConfig } from '../../main/team/teamConfig';
import { defaultChannelSettings } from '../../preload/contract';
import { waitFor } from '../integration/channels/harness';
import { buildOnce, control, generousSandboxLimits, killAll, startEngineProcess, startStandaloneSandbox, stop, type Proc } from '../integration/crash/processes';
import { createTestDatabase, dropTestDatabase, postgresConfigFor } from '../helpers/testDb';
import { tempDir } from '../helpers/tempDir';

const generous = generousSandboxLimits(100_000);

const CAPACITY = 3;
const FLOOD = 800;
const REPLIES = 40;

interface Seat {
  name: string;
  proc: Proc;
  ws: WebSocket;
  events: Array<{ event: string; at: number }>;
}

function openSocket(line: string): Promise<WebSocket> {
  const u = new URL(line);
  const token = new URLSearchParams(u.hash.slice(1)).get('token')!;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${u.host}/ws?token=${encodeURIComponent(token)}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call<T>(ws: WebSocket, method: string, input: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const onMsg = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { id?: number; result?: { ok: boolean; value?: T; error?: { code: string; message: string } } };
      if (msg.id !== id) return;
      ws.off('message', onMsg);
      if (msg.result?.ok) resolve(msg.result.value as T);
      else reject(Object.assign(new Error(msg.result?.error?.message ?? 'failed'), { code: msg.result?.error?.code }));
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('several seats on one PostgreSQL database', () => {
  let tmp: ReturnType<typeof tempDir>;
  let sandbox: Proc & { url: string };
  let database: string;
  let cfg: PostgresConfig;
  let admin: PostgresHandle;
  const seats: Seat[] = [];

  beforeAll(async () => {
    buildOnce();
    tmp = tempDir('parley-team-');
    sandbox = await startStandaloneSandbox();
    await control(sandbox.url, 'POST', '/_sandbox/config', generous);
    database = await createTestDatabase();
    cfg = postgresConfigFor(database);
    admin = openPostgres(cfg, { applicationName: 'parley-test' });
  }, 180_000);

  afterAll(async () => {
    for (const s of seats) s.ws.close();
    await killAll();
    await admin?.close();
    if (database) await dropTestDatabase(database);
    tmp?.cleanup();
  });

  const q = async <T>(text: string, params: unknown[] = []) => (await admin.pool.query(text, params)).rows as T[];
  const one = async (text: string, params: unknown[] = []) => Number(Object.values((await q<Record<string, unknown>>(text, params))[0]!)[0]);

  /** A seat's data folder: its own key and files, the team's database. The channel credentials in the shared
   * database are sealed with the team's key file, which every seat of the team carries (README, Team mode). */
  function prepareSeat(name: string): string {
    const dir = path.join(tmp.dir, name);
    fs.mkdirSync(dir, { recursive: true });
    // Each seat its own local key (secret.key): the channel credentials are shared through the team box.
    writeTeamConfig(dir, cfg, new FileKeySecretBox(dir));
    return dir;
  }

  async function startSeat(name: string): Promise<Seat> {
    const proc = (await startEngineProcess(prepareSeat(name), sandbox.url)) as Proc & { line: string };
    const ws = await openSocket(proc.line);
    const seat: Seat = { name, proc, ws, events: [] };
    ws.on('message', (data) => {
      const m = JSON.parse(data.toString()) as { event?: string };
      if (m.event) seat.events.push({ event: m.event, at: Date.now() });
    });
    seats.push(seat);
    return seat;
  }

  const accountsOf = async (seat: Seat) => (await call<{ accounts: Array<{ id: number; status: string; statusDetail: string | null; lastPollAt: number | null }> }>(seat.ws, 'channels.list', {})).accounts;

  const leaseHolders = () =>
    q<{ pid: number }>(`select pid from pg_locks where locktype = 'advisory' and classid = $1 and granted`, [LEASE_CLASS]);

  it('shares one queue: one poller at a time with takeover after SIGKILL, atomic assignments, nothing stored or sent twice', async () => {
    // The team's setup, written once: fast polling, no demo data, four agents and a disposition code.
    await saveChannelSettings(admin.db, { ...defaultChannelSettings, streamEnabled: true, sandboxPollSeconds: 0.05 }, 'test', Date.now());
    await putSetting(admin.db, 'demo.seeded', { skipped: 'test' }, 'test', Date.now());
    const config = new ConfigService(admin.db, systemClock);
    await config.load();
    const capacity = { mention: CAPACITY, dm: CAPACITY, post: CAPACITY, comment: CAPACITY, messenger: CAPACITY };
    const agents = [];
    for (const n of ['Ana', 'Ben', 'Cy', 'Di']) agents.push(await config.createAgent({ name: n, capacity }, 'test'));
    const done = await config.createDisposition({ code: 'done', label: 'Done' }, 'test');
    config.stop();

    // Seat A starts first and takes the accounts; B and C stand by for them.
    const a = await startSeat('a');
    await waitFor('seat A holds the accounts', async () => (await leaseHolders()).length === 2, 30_000);
    const holderPid = (await leaseHolders())[0]!.pid;
    const b = await startSeat('b');
    const c = await startSeat('c');
    // The accounts' credentials (sealed again by every seat that started) are in the team box, which no
    // seat's own key opens: whichever seat takes over opens them with the key every seat derives.
    const stored = await admin.db.selectFrom('channel_account').select(['credentials', 'credentials_scheme']).execute();
    expect(stored.map((r) => r.credentials_scheme)).toEqual([TEAM_SCHEME, TEAM_SCHEME]);
    for (const seatName of ['a', 'b', 'c']) {
      for (const r of stored) expect(() => new FileKeySecretBox(path.join(tmp.dir, seatName)).open(r.credentials!)).toThrow();
    }
    // B and C try every 2 s and get nothing while A lives.
    await waitFor('B and C tried at least once', async () => (await one(`select count(*) from pg_stat_activity where application_name = 'parley-leases'`)) === 3, 15_000);
    expect(new Set((await leaseHolders()).map((r) => r.pid))).toEqual(new Set([holderPid]));
    // Only the holder streams: X allows one filtered-stream connection, and the sandbox counts every refused one
    // (a standby seat that streamed or polled on its own would be refused here).
    const streamState = async () => (await control<{ x: { stream: { connected: boolean; connections: number; refused: number } } }>(sandbox.url, 'GET', '/_sandbox/state')).x.stream;
    await waitFor('seat A streaming', async () => (await streamState()).connected, 30_000);
    // Every seat's Admin → Channels shows the state of the seat that runs the account (stored with it).
    await waitFor('seat C shows the accounts polled by A', async () => (await accountsOf(c)).every((x) => x.status === 'connected'), 15_000);

    // A change made in Admin on one seat reaches every other seat within a second or two.
    const cConfigEvents = () => c.events.filter((e) => e.event === 'config.changed').length;
    const before = cConfigEvents();
    const created = await call<{ id: number }>(b.ws, 'config.createSkill', { name: 'Refunds' });
    await waitFor('seat C reloaded the skills', () => cConfigEvents() > before, 3_000);
    expect((await call<Array<{ id: number; name: string }>>(c.ws, 'config.listSkills', {})).map((x) => x.id)).toContain(created.id);

    // Agents sign in on different seats and become Ready.
    for (const [i, ag] of agents.entries()) {
      const seat = i < 2 ? b : c;
      await call(seat.ws, 'session.signIn', { agentId: ag.id });
      await call(seat.ws, 'routing.setStatus', { agentId: ag.id, status: 'ready', reason: null });
    }

    // Replies waiting to be sent by whichever seat holds the account.
    const m = await control<{ id: string; author_id: string }>(sandbox.url, 'POST', '/_sandbox/x/mentions', { author: { username: 'team_cat', name: 'T' }, text: 'hello team' });
    const [first] = await waitFor('the first mention stored and routed', async () => {
      const r = await q<{ interaction_id: number; account_id: number }>(`select interaction_id, account_id from message where network_message_id = $1`, [m.id]);
      return r.length && r[0]!.interaction_id ? r : null;
    }, 30_000);
    for (let i = 0; i < REPLIES; i++) {
      const payload: OutboxPayload = { kind: 'reply', network: 'x', inReplyToTweetId: m.id, text: `team reply ${i}` };
      await enqueueOutboxItemWithMessage(
        admin.db,
        { idempotencyKey: `team-${i}`, accountId: first!.account_id, interactionId: first!.interaction_id, kind: 'reply', payload, deadlineAt: Date.now() + 3_600_000, createdBy: 'strategy', now: Date.now() },
        { interactionId: first!.interaction_id, authorKind: 'auto', agentId: null, visibility: 'public', text: payload.text, inReplyToNetworkId: m.id },
      );
    }

    // Seat C sees work that seat A stored, through the notices (C polls nothing itself).
    const cSawBefore = c.events.filter((e) => e.event === 'interactions.changed').length;

    // Agents on B and C finish whatever they hold, as fast as they can, until told to stop.
    let working = true;
    const loops = agents.map(async (ag, i) => {
      const seat = i < 2 ? b : c;
      while (working) {
        const work = await call<Array<{ interactionId: number }>>(seat.ws, 'routing.workOf', { agentId: ag.id }).catch(() => []);
        for (const w of work) await call(seat.ws, 'routing.complete', { interactionId: w.interactionId, dispositionCodeId: done.id, note: null }).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 20));
      }
    });

    // The flood, and SIGKILL of the polling seat in the middle of it.
    // Posted where the stream does not carry it (a backlog), so the flood comes through the polling seat.
    await control(sandbox.url, 'POST', '/_sandbox/x/mentions/bulk', { count: FLOOD, authors: 200, stream: false });
    const mentions = () => one(`select count(*) from message where channel_kind = 'mention' and direction = 'in'`);
    await waitFor('seat A ingesting the flood', async () => (await mentions()) > 150, 60_000);
    await waitFor('seat C told about new work', () => c.events.filter((e) => e.event === 'interactions.changed').length > cSawBefore, 5_000);
    await stop(a.proc, 'SIGKILL');
    const killedAt = Date.now();
    const mid = await mentions();
    expect(mid).toBeLessThan(FLOOD + 1);

    // Another seat takes the accounts over within the lease's retry interval, and goes on from the cursor.
    await waitFor('B or C holds the accounts', async () => {
      const h = await leaseHolders();
      return h.length === 2 && !h.some((r) => r.pid === holderPid);
    }, 15_000);
    expect(Date.now() - killedAt).toBeLessThan(15_000);
    // Each account is held by exactly one of the two survivors (they may share the accounts out).
    const after = await q<{ pid: number; objid: number }>(`select pid, objid from pg_locks where locktype = 'advisory' and classid = $1 and granted`, [LEASE_CLASS]);
    expect(after.map((r) => Number(r.objid)).sort()).toEqual((await accountsOf(b)).map((x) => x.id).sort());
    await waitFor('every mention of the flood stored', async () => (await mentions()) >= FLOOD + 1, 90_000);
    // The new holder streams in A's place; no seat was ever refused a second connection.
    await waitFor('the new holder streaming', async () => {
      const st = await streamState();
      return st.connected && st.connections >= 2;
    }, 30_000);
    expect((await streamState()).refused).toBe(0);
    await waitFor('every reply sent', async () => (await one(`select count(*) from outbox_item where state = 'sent'`)) === REPLIES, 60_000);

    // Let the agents drain the queue for a moment across both seats, then stop them.
    await waitFor('agents completed work on both seats', async () => {
      const rows = await q<{ agent_id: number }>(`select distinct agent_id from interaction_event where kind = 'completed' and agent_id is not null`);
      return rows.length === agents.length;
    }, 60_000);
    working = false;
    await Promise.all(loops);

    // Every mention stored once.
    expect(await mentions()).toBe(FLOOD + 1);
    expect(await one(`select count(*) from (select network_message_id from message group by account_id, channel_kind, network_message_id having count(*) > 1) d`)).toBe(0);

    // Replayed in commit order: no interaction given to an agent while another holds it; no agent over capacity.
    const history = await q<{ interaction_id: number; kind: string; agent_id: number | null }>(`select interaction_id, kind, agent_id from interaction_event order by id`);
    const holder = new Map<number, number>();
    const load = new Map<number, number>();
    let assignments = 0;
    for (const e of history) {
      if (e.kind === 'assigned' || e.kind === 'accepted') {
        assignments++;
        expect(holder.get(e.interaction_id), `interaction ${e.interaction_id} given to ${e.agent_id} while held`).toBeUndefined();
        holder.set(e.interaction_id, e.agent_id!);
        load.set(e.agent_id!, (load.get(e.agent_id!) ?? 0) + 1);
        expect(load.get(e.agent_id!)).toBeLessThanOrEqual(CAPACITY);
      } else if (e.kind === 'completed' || e.kind === 'requeued' || e.kind === 'transferred') {
        const had = holder.get(e.interaction_id);
        if (had !== undefined) load.set(had, load.get(had)! - 1);
        holder.delete(e.interaction_id);
      }
    }
    expect(assignments).toBeGreaterThan(agents.length * CAPACITY);
    // The database agrees with the replay: at most one holder, at most CAPACITY each.
    const open = await q<{ assigned_agent_id: number; n: number }>(`select assigned_agent_id, count(*)::int as n from interaction where state = 'assigned' group by assigned_agent_id`);
    for (const r of open) expect(r.n).toBeLessThanOrEqual(CAPACITY);

    // Nothing sent twice: each reply exactly once in the sandbox's log of what the brand did.
    const acts = await control<Array<{ kind: string; text?: string }>>(sandbox.url, 'GET', '/_sandbox/outbound?network=x');
    const texts = acts.filter((x) => x.kind === 'reply' && x.text?.startsWith('team reply ')).map((x) => x.text!);
    expect(texts.sort()).toEqual(Array.from({ length: REPLIES }, (_, i) => `team reply ${i}`).sort());
  }, 300_000);
});
