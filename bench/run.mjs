// `npm run bench [-- name ...]` and `npm run soak`: bundles the entry with the same esbuild options as
// the shipped main process (scripts/build.mjs: no keepNames, node20 target), then runs the bundle, so
// the figures are those of the code that ships rather than of a development loader.
//   node bench/run.mjs bench [names...]   node bench/run.mjs soak [options...]
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entries = { bench: 'bench/index.ts', soak: 'test/soak/index.ts' };
const [which, ...args] = process.argv.slice(2);
if (!entries[which]) {
  process.stderr.write(`Usage: node bench/run.mjs ${Object.keys(entries).join('|')} [args...]\n`);
  process.exit(64);
}
const outfile = path.join(root, 'dist', which, 'index.cjs');
const options = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  define: { __PARLEY_VERSION__: JSON.stringify('bench') },
  logLevel: 'error',
};
// The engine's second ingest thread lives beside the bundle that starts it (main/strategy/analysisPool.ts).
await Promise.all([
  build({ ...options, entryPoints: [path.join(root, entries[which])], outfile }),
  build({ ...options, packages: undefined, entryPoints: [path.join(root, 'main/strategy/analysisWorker.ts')], outfile: path.join(root, 'dist', which, 'analysisWorker.cjs') }),
]);
const r = spawnSync(process.execPath, ['--enable-source-maps', '--expose-gc', outfile, ...args], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
