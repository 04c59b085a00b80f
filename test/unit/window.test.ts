import { describe, expect, it, vi } from 'vitest';

// BrowserWindow is replaced at the edge by a recorder of the options it is given.
const created: Array<Record<string, unknown>> = [];
vi.mock('electron', () => {
  class BrowserWindow {
    constructor(opts: Record<string, unknown>) {
      created.push(opts);
    }
    once() {}
    loadURL() {
      return Promise.resolve();
    }
  }
  return { BrowserWindow, protocol: {}, app: {}, session: {}, shell: {} };
});

describe('the main window', () => {
  it('is created hardened: isolated, sandboxed, no Node, no webviews, shown only when ready', async () => {
    const { createMainWindow } = await import('../../main/window/createWindow');
    createMainWindow('/x/preload.cjs');
    const opts = created[0]!;
    expect(opts.show).toBe(false);
    expect(opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: '/x/preload.cjs',
    });
  });

  it('treats only app://parley as the app itself', async () => {
    const { isAppUrl } = await import('../../main/window/hardening');
    expect(isAppUrl('app://parley/index.html')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://parley/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
