// The renderer is served from app://parley/ rather than file://, so the window has a real origin the
// IPC sender check can compare against, and a path outside the renderer folder can never be read.
import fs from 'node:fs';
import { protocol } from 'electron';
import { contentSecurityPolicy } from '../web/csp';
import { contentType, resolveStatic } from '../web/static';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://parley';

export function registerAppSchemeAsPrivileged(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'parley' ? resolveStatic(rendererDir, url.pathname) : null;
    if (!file) return new Response('Not found', { status: 404 });
    const body = await fs.promises.readFile(file);
    return new Response(body, {
      headers: {
        'content-type': contentType(file),
        'content-security-policy': contentSecurityPolicy([]),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
