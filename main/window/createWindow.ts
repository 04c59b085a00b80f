// The only place a BrowserWindow is made, with the non-negotiable defaults.
import path from 'node:path';
import { BrowserWindow } from 'electron';
import { APP_ORIGIN } from './protocol';

export function createMainWindow(preloadFile: string, iconFile?: string): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Parley',
    backgroundColor: '#0f172a',
    ...(iconFile ? { icon: iconFile } : {}),
    webPreferences: {
      preload: path.resolve(preloadFile),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}
