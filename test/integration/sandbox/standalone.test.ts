// `npm run sandbox -- --port N [--simulate RATE]`: the standalone process prints exactly one ready line,
// serves the control API and both networks, runs the simulator, refuses bad flags and stops on SIGTERM.
// The entry is bundled with esbuild once (as scripts/build.mjs does for dist/main/sandbox.cjs) and run by node.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tempDir';

const root = path.resolve(__dirname, '../../..');
const children: ChildProcessWithoutNullStreams[] = [];
let tmp: ReturnType<typeof tempDir>;
let entry: string;

beforeAll(async () => {
  tmp = tempDir('parley-sandbox-cli-');
  entry = path.join(tmp.dir, 'sandbox.cjs');
  await build({ entryPoints: [path.join(root, 'main/sandbox/standalone.ts')], outfile: entry, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
});

afterAll(() => tmp.cleanup());

function start(args: string[]): ChildProcessWithoutNullStreams {
  const child = spawn(process.execPath, [entry, ...args], { cwd: root, env: { ...process.env } });
  children.push(child);
  return child;
}

function readyLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no ready line; stderr: ${err}`)), 20_000);
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) {
        clearTimeout(timer);
        resolve(out.slice(0, nl));
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
}

function exit(child: ChildProcessWithoutNullStreams): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

describe('the standalone sandbox', () => {
  it('prints its URL, serves the control API and X, simulates customers, and stops on SIGTERM', async () => {
    const child = start(['--port', '0', '--simulate', '1200', '--seed', '5']);
    const line = await readyLine(child);
    expect(line).toMatch(/^Parley sandbox: http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.slice('Parley sandbox: '.length);
    const creds = (await (await fetch(`${url}/_sandbox/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"network":"x"}' })).json()) as {
      access_token: string;
    };
    const me = await fetch(`${url}/2/users/me`, { headers: { authorization: `Bearer ${creds.access_token}` } });
    expect(((await me.json()) as { data: { username: string } }).data.username).toBe('AcmeSupport');
    const deadline = Date.now() + 10_000;
    let generated = 0;
    while (generated < 3 && Date.now() < deadline) {
      generated = ((await (await fetch(`${url}/_sandbox/simulator`)).json()) as { generated: number }).generated;
    }
    expect(generated).toBeGreaterThanOrEqual(3);
    const done = exit(child);
    child.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });

  it('listens on the port it is given', async () => {
    const probe = start(['--port', '0']);
    const free = Number(new URL((await readyLine(probe)).slice('Parley sandbox: '.length)).port);
    const done = exit(probe);
    probe.kill('SIGINT');
    expect((await done).code).toBe(0);
    const child = start(['--port', String(free)]);
    expect(await readyLine(child)).toBe(`Parley sandbox: http://127.0.0.1:${free}`);
    const busy = start(['--port', String(free)]);
    const result = await exit(busy);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('already in use');
  });

  it('refuses bad flags with a usage message and exit code 64', async () => {
    const cases = [
      [['--port', 'abc'], '--port must be a whole number from 0 to 65535'],
      [['--simulate'], '--simulate needs a value'],
      [['--bogus'], 'Unknown option "--bogus"'],
      [['--port', '70000'], '--port must be'],
    ] as const;
    const results = await Promise.all(cases.map(([args]) => exit(start([...args]))));
    cases.forEach(([args, message], i) => {
      expect(results[i]!.code, args.join(' ')).toBe(64);
      expect(results[i]!.stderr).toContain(message);
    });
  });
});
