// `npm run soak [-- --rounds N --seed S]`: the long version of the reliability suite, outside the test runner.
// 50 rounds of the crash loop (test/reliability/crashLoop.ts): the engine killed with SIGKILL at random points of
// ingest and of sending, restarted against one standalone sandbox; then the same checks as npm test, with totals.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crashLoop } from '../reliability/crashLoop';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const rounds = arg('rounds', 50);
  const seed = arg('seed', Date.now() % 1_000_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'parley-soak-'));
  const started = Date.now();
  process.stdout.write(`Soak: ${rounds} crash rounds, seed ${seed} (repeat with --seed ${seed}), in ${dir}\n`);
  try {
    const r = await crashLoop({ dir, rounds, seed, mentionsPerRound: 500, actsPerRound: 15, log: (l) => process.stdout.write(`  ${l}\n`) });
    process.stdout.write(
      `Soak passed in ${Math.round((Date.now() - started) / 1000)} s: ${r.kills.outside} kills from outside, ${r.kills.crashPoint} at crash points` +
        `${r.kills.notReached ? ` (${r.kills.notReached} finished before their point)` : ''}; ${r.mentions.toLocaleString('en-US')} mentions stored once each; ` +
        `${r.acts.sent} acts sent once each, ${r.acts.failed} failed with a reason.\n`,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  } catch (e) {
    process.stderr.write(`Soak FAILED (seed ${seed}; the data folder is kept at ${dir}):\n${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  }
}

void main();
