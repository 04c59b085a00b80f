// The web host as a user starts it (node dist/main/web.cjs): bound to the loopback interface only, so it
// is not reachable on any other address of this machine, and no data without the per-run token (the page
// itself carries nothing; the contract runs over a WebSocket that needs the token). The token, origin and
// DNS-rebinding checks in detail: test/integration/webhost.test.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempDir } from '../helpers/tempDir';
import { buildOnce } from '../integration/crash/processes';

const root = path.resolve(__dirname, '../..');

function connect(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 5_000 });
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('timeout', () => {
      s.destroy();
      resolve('timeout');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

function call(url: string, method: string, input: unknown): Promise<{ opened: boolean; result?: { ok: boolean; value?: unknown } }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers: { origin: new URL(url).origin.replace('ws:', 'http:') } });
    ws.once('open', () => ws.send(JSON.stringify({ id: 1, method, input })));
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString()) as { id?: number; result?: { ok: boolean; value?: unknown } };
      if (msg.id === 1) {
        ws.close();
        resolve({ opened: true, result: msg.result });
      }
    });
    ws.once('error', () => resolve({ opened: false }));
  });
}

describe('the web host on the network', { timeout: 120_000 }, () => {
  let tmp: ReturnType<typeof tempDir>;
  let child: ChildProcess;
  let url: URL;
  beforeAll(async () => {
    buildOnce();
    tmp = tempDir('parley-sec-web-');
    child = spawn(process.execPath, [path.join(root, 'dist/main/web.cjs'), '--port', '0', '--data', tmp.dir, '--no-open'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<URL>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /^Parley web: (\S+)$/m.exec(out);
        if (m) resolve(new URL(m[1]!));
      });
      child.once('exit', (code) => reject(new Error(`web host exited (${code})`)));
    });
  }, 120_000);
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await gone;
    }
    tmp?.cleanup();
  });

  it('listens on 127.0.0.1 only: every other address of this machine refuses the connection', async () => {
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    expect(await connect('127.0.0.1', port)).toBe('connected');
    const others = Object.values(os.networkInterfaces())
      .flat()
      .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal && a.family === 'IPv4')
      .map((a) => a.address);
    // A machine with no other interface still has the IPv6 loopback, which is a different socket.
    const targets = [...others, '::1'];
    for (const host of targets) expect([host, await connect(host, port)]).toEqual([host, expect.stringMatching(/ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH|EHOSTUNREACH/)]);
  });

  it('hands out no data without the token; with it, the contract answers', async () => {
    const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
    expect(token.length).toBeGreaterThanOrEqual(24);
    const page = await fetch(`http://127.0.0.1:${url.port}/`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).not.toContain(token);
    for (const p of ['/api/app.info', '/ws', '/contract', '/parley.db', '/../parley.db']) {
      const r = await fetch(`http://127.0.0.1:${url.port}${p}`);
      expect(r.status === 404 || r.status === 400 || r.status === 426 || (r.status === 200 && (await r.text()) === html)).toBe(true);
    }
    const ws = `ws://127.0.0.1:${url.port}/ws`;
    expect(await call(ws, 'app.info', {})).toEqual({ opened: false });
    expect(await call(`${ws}?token=${'x'.repeat(token.length)}`, 'app.info', {})).toEqual({ opened: false });
    const ok = await call(`${ws}?token=${token}`, 'app.info', {});
    expect(ok.result?.ok).toBe(true);
  });
});
