// A pass-through HTTP proxy in front of the sandbox that validates every X response body it carries against
// the OpenAPI document: whole bodies for REST calls, each CRLF-framed message for the filtered stream. The
// client under test is pointed at the proxy, so what is checked is exactly what the sandbox served.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OpenApiValidator } from './openapi';

export interface RecordingProxy {
  url: string;
  close(): Promise<void>;
}

export async function startRecordingProxy(target: string, validator: OpenApiValidator): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    const out = http.request(
      { host: upstream.hostname, port: upstream.port, method, path: req.url, headers: req.headers, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        // Every X response, errors included, must say where the caller stands with its rate limit.
        if (pathname.startsWith('/2/') && !['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset'].every((h) => h in up.headers)) {
          validator.fail(method, pathname, up.statusCode ?? 0, 'missing x-rate-limit-* headers');
        }
        const isStream = method === 'GET' && pathname === '/2/tweets/search/stream' && up.statusCode === 200;
        const contentType = String(up.headers['content-type'] ?? '');
        const chunks: Buffer[] = [];
        let pending = '';
        up.on('data', (c: Buffer) => {
          res.write(c);
          if (!isStream) {
            chunks.push(c);
            return;
          }
          pending += c.toString('utf8');
          let cut: number;
          while ((cut = pending.indexOf('\r\n')) >= 0) {
            const line = pending.slice(0, cut);
            pending = pending.slice(cut + 2);
            if (line.length) validator.checkText(method, pathname, 200, contentType, line);
          }
        });
        up.on('end', () => {
          res.end();
          const status = up.statusCode ?? 0;
          if (isStream || !pathname.startsWith('/2/') || pathname.startsWith('/2/oauth2/')) return;
          validator.checkText(method, pathname, status, contentType, Buffer.concat(chunks).toString('utf8'));
        });
        up.on('aborted', () => res.destroy());
        up.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
