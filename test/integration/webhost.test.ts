import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEngine, type Engine } from '../../main/engine';
import { silentLogger } from '../../main/log';
import { startWebHost, type WebHost } from '../../main/web/server';
import { tempDir } from '../helpers/tempDir';

function httpGet(port: number, urlPath: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
  });
}

function connect(port: number, token: string | null, origin?: string): Promise<{ ws: WebSocket | null; status: number | null }> {
  return new Promise((resolve) => {
    const q = token === null ? '' : `?token=${encodeURIComponent(token)}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws${q}`, origin ? { origin } : {});
    ws.on('open', () => resolve({ ws, status: null }));
    ws.on('unexpected-response', (_req, res) => resolve({ ws: null, status: res.statusCode ?? 0 }));
    ws.on('error', () => resolve({ ws: null, status: -1 }));
  });
}

function call(ws: WebSocket, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const id = Math.floor(Math.random() * 1e9);
    const onMsg = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString()) as { id: number; result: unknown };
      if (msg.id === id) {
        ws.off('message', onMsg);
        resolve(msg.result);
      }
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ id, method, input }));
  });
}

describe('the web host', () => {
  let tmp: ReturnType<typeof tempDir>;
  let engine: Engine;
  let host: WebHost;
  beforeAll(async () => {
    tmp = tempDir();
    const staticDir = path.join(tmp.dir, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Parley</title>');
    fs.writeFileSync(path.join(tmp.dir, 'secret.txt'), 'do not serve');
    engine = await startEngine({ dataDir: path.join(tmp.dir, 'data'), host: 'web', log: silentLogger });
    host = await startWebHost({ engine, port: 0, staticDir });
  });
  afterAll(async () => {
    await host.close();
    await engine.close();
    tmp.cleanup();
  });

  it('prints a loopback URL carrying a random token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{32}$/);
  });

  it('refuses the WebSocket without a token or with a wrong one', async () => {
    expect((await connect(host.port, null)).status).toBe(401);
    expect((await connect(host.port, 'wrong')).status).toBe(401);
    expect((await connect(host.port, host.token.slice(0, -1) + (host.token.endsWith('a') ? 'b' : 'a'))).status).toBe(401);
  });

  it('refuses a page from another origin even with the token', async () => {
    expect((await connect(host.port, host.token, 'http://evil.example')).status).toBe(401);
  });

  it('answers contract calls with the right token', async () => {
    const { ws } = await connect(host.port, host.token, `http://127.0.0.1:${host.port}`);
    expect(ws).not.toBeNull();
    const res = (await call(ws!, 'app.info', {})) as { ok: boolean; value: { host: string } };
    expect(res.ok).toBe(true);
    expect(res.value.host).toBe('web');
    const bad = (await call(ws!, 'app.info', 'not an object')) as { ok: boolean; error: { code: string } };
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    ws!.close();
  });

  it('serves the renderer with a CSP, and nothing outside it', async () => {
    const index = await httpGet(host.port, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await httpGet(host.port, '/../secret.txt')).status).toBe(404);
    expect((await httpGet(host.port, '/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect((await httpGet(host.port, '/', { host: `evil.example:${host.port}` })).status).toBe(403);
  });
});
