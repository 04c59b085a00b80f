// `npm run bench [-- name ...]`: runs the benchmarks and prints one table each. Never part of `npm test`:
// tests do not assert on time; these figures are read by people and kept in bench/results/.
import { backlogBench } from './backlog';
import { historyBench } from './history';
import { ingestBench } from './ingest';
import { machine, printTable, writeResults, type BenchResult } from './report';
import { rendererBench } from './renderer';
import { routingBench } from './routing';
import { sqliteFloor } from './sqliteFloor';

// Cheapest first, so a run stopped half-way has printed the quick figures already.
const benchmarks: Record<string, () => Promise<BenchResult>> = {
  'sqlite-floor': () => sqliteFloor(),
  ingest: () => ingestBench(),
  routing: () => routingBench(),
  history: () => historyBench(),
  backlog: () => backlogBench(),
  renderer: () => rendererBench(),
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in benchmarks));
  if (unknown.length) {
    process.stderr.write(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(benchmarks).join(', ')}\n`);
    process.exit(64);
  }
  const m = machine();
  process.stdout.write(`Parley benchmarks · ${m.cores} cores (${m.cpu}) · ${m.memoryGiB} GiB · Node ${m.node} · commit ${m.commit}\n`);
  const results: BenchResult[] = [];
  let failed = 0;
  for (const [name, run] of Object.entries(benchmarks)) {
    if (wanted.length && !wanted.includes(name)) continue;
    // One benchmark failing (a missing browser, a full disk) does not throw away the figures of the others.
    try {
      const r = await run();
      printTable(r);
      results.push(r);
    } catch (e) {
      failed++;
      process.stderr.write(`\nBenchmark ${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    }
  }
  process.stdout.write(`\nResults written to ${writeResults(results)}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
