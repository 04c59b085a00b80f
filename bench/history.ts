// History at scale, over the 1,000,000-message database of bigDb.ts:
//  - full-text search (contacts.searchMessages and the contact search box, contacts.search);
//  - opening the contact with 10,000 messages (contacts.get + the first page of contacts.timeline);
//  - a year-long report (reports.run);
//  - engine start-up as a user starts it (`node dist/main/web.cjs`), to its ready line, and the resident
//    memory of that process once it is up.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Session } from '../main/context';
import { startEngine } from '../main/engine';
import { silentLogger } from '../main/log';
import { BENCH_NOW } from './brain';
import { bigDb, HEAVY_CONTACT_MESSAGES, type BigDb } from './bigDb';
import { percentile, type BenchResult, type Row } from './report';

// npm runs scripts from the package folder; the bundle lives in dist/bench, the source in bench/.
const root = process.cwd();
const session: Session = { id: 'bench', host: 'web', agentId: null };

function stats(what: string, samples: number[], target: string): Row {
  const s = [...samples].sort((a, b) => a - b);
  return { measure: what, samples: s.length, 'p50 ms': round(percentile(s, 50)), 'p95 ms': round(percentile(s, 95)), 'max ms': round(s[s.length - 1]!), target };
}
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Starts the web host on the folder, as a user would, and waits for its ready line. */
function startProcess(dataDir: string): Promise<{ ms: number; rssMiB: number; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [path.join(root, 'dist/main/web.cjs'), '--port', '0', '--data', dataDir, '--no-open'], {
      cwd: root,
      env: { ...process.env, PARLEY_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!/^Parley web: /m.test(out)) return;
      const ms = performance.now() - started;
      const stop = () =>
        new Promise<void>((done) => {
          child.once('exit', () => done());
          child.kill('SIGTERM');
        });
      // The memory it holds once up and idle (after the start-up work has settled).
      setTimeout(() => {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
        resolve({ ms, rssMiB: Math.round(kb / 1024), stop });
      }, 3_000);
    });
    child.once('exit', (code) => reject(new Error(`web host exited (${code}) before it was ready:\n${err}`)));
  });
}

export async function historyBench(options: { messages?: number; log?: (line: string) => void } = {}): Promise<BenchResult> {
  const log = options.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const big: BigDb = await bigDb(options.messages ?? 1_000_000, log);
  const rows: Row[] = [];
  const notes: string[] = [`Database: ${big.messages.toLocaleString('en-US')} messages, ${big.contacts.toLocaleString('en-US')} contacts, one year; ${Math.round(fs.statSync(path.join(big.dir, 'parley.db')).size / 2 ** 20).toLocaleString('en-US')} MB on disk.`];

  // ---- start-up and memory, as separate processes (first: a cold-ish start; then warm ones) ----------
  if (fs.existsSync(path.join(root, 'dist/main/web.cjs'))) {
    const starts: number[] = [];
    const rss: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await startProcess(big.dir);
      starts.push(p.ms);
      rss.push(p.rssMiB);
      await p.stop();
    }
    rows.push(stats('engine start-up to ready (node dist/main/web.cjs)', starts, '< 2,000 ms'));
    rows.push({ measure: 'main-process memory after start-up (RSS, MiB)', samples: rss.length, 'p50 ms': '', 'p95 ms': '', 'max ms': '', target: '< 300 MiB', value: `${Math.min(...rss)}-${Math.max(...rss)} MiB` });
  } else notes.push('dist/main/web.cjs is missing (run node scripts/build.mjs): start-up and memory not measured.');

  // ---- in-process: the same handlers the window calls ---------------------------------------------
  const engine = await startEngine({ dataDir: big.dir, host: 'web', log: silentLogger, clock: { now: () => BENCH_NOW }, sandbox: 'off' });
  try {
    const call = async (method: string, input: unknown): Promise<number> => {
      const started = performance.now();
      const r = await engine.dispatch(method, input, session);
      const ms = performance.now() - started;
      if (!r.ok) throw new Error(`${method} failed: ${r.error.message}`);
      return ms;
    };
    for (const [cls, terms] of Object.entries(big.searchTerms) as Array<[string, string[]]>) {
      const samples: number[] = [];
      // Eight rounds: with three, p95 of the five common words was simply the slowest single query.
      for (let rep = 0; rep < 8; rep++) for (const t of terms) samples.push(await call('contacts.searchMessages', { query: t, limit: 50 }));
      rows.push(stats(`full-text search, ${cls} words (contacts.searchMessages, 50 hits)`, samples, '< 50 ms p95'));
    }
    const all: number[] = [];
    for (const t of [...big.searchTerms.rare, ...big.searchTerms.medium, ...big.searchTerms.common]) all.push(await call('contacts.searchMessages', { query: t, limit: 50 }));
    rows.push(stats('full-text search, all words mixed', all, '< 50 ms p95'));
    const box: number[] = [];
    for (const t of ['Maya', 'liamwalsh_12', 'refund', ...big.searchTerms.rare.slice(0, 7)]) for (let rep = 0; rep < 2; rep++) box.push(await call('contacts.search', { query: t, limit: 50 }));
    rows.push(stats('contact search box (names, handles and full text)', box, ''));

    const open: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await call('contacts.get', { id: big.heavyContactId });
      await call('contacts.timeline', { contactId: big.heavyContactId, limit: 50 });
      open.push(performance.now() - started);
    }
    rows.push(stats(`open a contact with ${HEAVY_CONTACT_MESSAGES.toLocaleString('en-US')} messages (contacts.get + first timeline page)`, open, '< 100 ms'));

    const to = DateTime.fromMillis(BENCH_NOW, { zone: engine.ctx.config.snapshot.timeZone });
    const from = to.minus({ days: 364 });
    const report: number[] = [];
    for (let i = 0; i < 3; i++) report.push(await call('reports.run', { preset: 'custom', from: from.toISODate(), to: to.toISODate(), network: 'all' }));
    rows.push(stats('year-long report (reports.run, 365 days)', report, ''));
    const month: number[] = [];
    for (let i = 0; i < 5; i++) month.push(await call('reports.run', { preset: 'last30', network: 'all' }));
    rows.push(stats('30-day report (reports.run, last30)', month, ''));
  } finally {
    await engine.close();
  }
  return { name: 'history', title: `History: ${big.messages.toLocaleString('en-US')} stored messages`, rows, notes };
}
