// Builds the renderer (Vite) and bundles the main process, the preload and the command-line entries
// (esbuild). `--quiet` skips whatever is already up to date and prints only errors.
import { build as esbuild } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const quiet = process.argv.includes('--quiet');
const force = process.argv.includes('--force') || !quiet;
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

function newest(dirs) {
  let t = 0;
  const walk = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (p.endsWith('node_modules')) return;
      for (const f of fs.readdirSync(p)) walk(path.join(p, f));
    } else t = Math.max(t, st.mtimeMs);
  };
  for (const d of dirs) walk(path.join(root, d));
  return t;
}
const mtime = (f) => {
  try {
    return fs.statSync(path.join(root, f)).mtimeMs;
  } catch {
    return 0;
  }
};
const log = (m) => quiet || process.stdout.write(`${m}\n`);

async function buildRenderer() {
  const out = 'dist/renderer/index.html';
  if (!force && mtime(out) > newest(['renderer', 'preload/contract.ts', 'preload/contract', 'vite.config.mts'])) return;
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.mts'), logLevel: quiet ? 'error' : 'info' });
  log('renderer built');
}

async function buildNode() {
  const entries = [
    { in: 'main/app.ts', out: 'dist/main/app.cjs' },
    { in: 'main/web.ts', out: 'dist/main/web.cjs' },
    { in: 'main/cli.ts', out: 'dist/main/cli.cjs' },
    { in: 'main/sandbox/standalone.ts', out: 'dist/main/sandbox.cjs' },
    // Ingest's second thread, started by main/strategy/analysisPool.ts from beside the bundle that runs;
    // self-contained (no require of node_modules), so it loads wherever the bundle is.
    { in: 'main/strategy/analysisWorker.ts', out: 'dist/main/analysisWorker.cjs', selfContained: true },
  ].filter((e) => fs.existsSync(path.join(root, e.in)));
  const stale = force || entries.some((e) => mtime(e.out) < newest(['main', 'db', 'preload', 'package.json']));
  if (stale) {
    await Promise.all(
      entries.map((e) =>
        esbuild({
          entryPoints: [path.join(root, e.in)],
          outfile: path.join(root, e.out),
          bundle: true,
          platform: 'node',
          format: 'cjs',
          target: 'node20',
          sourcemap: true,
          // Packages stay in node_modules (electron-builder ships them; better-sqlite3 is native).
          ...(e.selfContained ? {} : { packages: 'external' }),
          define: { __PARLEY_VERSION__: JSON.stringify(pkg.version) },
          logLevel: 'error',
        }),
      ),
    );
    log(`main bundled: ${entries.map((e) => e.out).join(', ')}`);
  }
  const preloadOut = 'dist/preload/index.cjs';
  if (force || mtime(preloadOut) < newest(['preload'])) {
    // One self-contained file: a sandboxed preload can require nothing but 'electron'.
    await esbuild({
      entryPoints: [path.join(root, 'preload/index.ts')],
      outfile: path.join(root, preloadOut),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      logLevel: 'error',
    });
    log(`preload bundled: ${preloadOut}`);
  }
}

try {
  await Promise.all([buildRenderer(), buildNode()]);
} catch (e) {
  process.stderr.write(`Build failed: ${e?.message ?? e}\n`);
  process.exit(1);
}
