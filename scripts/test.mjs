// `npm test`: every suite (typecheck, unit + db + integration, browser e2e), then one plain closing
// line summing them: `N passed, N failed, N skipped`. Exits non-zero on any failure, or when a suite
// produced no report (a suite that silently did not run is a failure, not a pass).
//   npm test -- --suite typecheck|vitest|vitest-sqlite|vitest-postgres|e2e   runs only the named suites (repeatable)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, 'reports');
const argv = process.argv.slice(2);
const only = argv.flatMap((a, i) => (a === '--suite' ? [argv[i + 1]] : a.startsWith('--suite=') ? [a.slice(8)] : []));
const wanted = (name) => only.length === 0 || only.includes(name);
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensureChromium() {
  const exe = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (fs.existsSync(exe)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
    process.stdout.write('Chromium is missing; installing Debian\'s package for the browser tests (apt-get install -y chromium)...\n');
    if (run('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium']) === 0 && fs.existsSync(exe)) return;
  }
  process.stderr.write(
    `The browser tests need Chromium at ${exe} and it is not there. Install it with:\n\n    sudo apt-get install -y chromium\n\n` +
      'or set CHROMIUM_PATH to a Chromium binary, then run npm test again.\n',
  );
  process.exit(1);
}

const suites = [];
const record = (name, passed, failed, skipped, note) => suites.push({ name, passed, failed, skipped, note });

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

if (wanted('e2e')) ensureChromium();
fs.mkdirSync(reports, { recursive: true });

if (wanted('typecheck')) {
  let passed = 0;
  let failed = 0;
  for (const cfg of ['tsconfig.node.json', 'tsconfig.web.json']) {
    process.stdout.write(`\n> tsc -p ${cfg}\n`);
    if (run(bin('tsc'), ['-p', cfg, '--noEmit']) === 0) passed++;
    else failed++;
  }
  record('typecheck', passed, failed, 0);
}

if (wanted('vitest') || wanted('vitest-sqlite') || wanted('vitest-postgres')) {
  // Two projects, each with its own report and its own line: the suites on SQLite (the default), then the
  // data-layer suites again on a throwaway PostgreSQL cluster (test/postgres/cluster.ts starts it).
  for (const project of ['sqlite', 'postgres']) {
    const name = `vitest-${project}`;
    if (!wanted('vitest') && !wanted(name)) continue;
    const file = path.join(reports, `${name}.json`);
    fs.rmSync(file, { force: true });
    process.stdout.write(`\n> vitest --project ${project} (${project === 'sqlite' ? 'unit, db, integration' : 'data layer and team mode on PostgreSQL'})\n`);
    run(bin('vitest'), ['run', '--project', project], { PARLEY_TEST_REPORT: file });
    const r = readJson(file);
    if (!r) record(name, 0, 1, 0, 'no report was written');
    else {
      const loadFailures = (r.testResults ?? []).filter((t) => t.status === 'failed' && (t.assertionResults ?? []).length === 0).length;
      record(name, r.numPassedTests, r.numFailedTests + loadFailures, (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0));
    }
  }
}

if (wanted('e2e')) {
  const file = path.join(reports, 'playwright.json');
  fs.rmSync(file, { force: true });
  process.stdout.write('\n> build, then playwright (browser journeys)\n');
  if (run(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet']) !== 0) {
    record('e2e', 0, 1, 0, 'the build failed');
  } else {
    run(bin('playwright'), ['test'], { PARLEY_E2E_REPORT: file });
    const r = readJson(file);
    if (!r) record('e2e', 0, 1, 0, 'no report was written');
    else {
      const s = r.stats ?? {};
      record('e2e', (s.expected ?? 0) + (s.flaky ?? 0), (s.unexpected ?? 0) + (r.errors?.length ?? 0), s.skipped ?? 0);
    }
  }
}

process.stdout.write('\nSuites:\n');
for (const s of suites) {
  process.stdout.write(`  ${s.name.padEnd(16)} ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped${s.note ? ` (${s.note})` : ''}\n`);
}
const total = suites.reduce((a, s) => ({ p: a.p + s.passed, f: a.f + s.failed, k: a.k + s.skipped }), { p: 0, f: 0, k: 0 });
process.stdout.write(`${total.p} passed, ${total.f} failed, ${total.k} skipped\n`);
process.exit(total.f > 0 || suites.length === 0 ? 1 : 0);
