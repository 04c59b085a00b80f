// Electron entry: single instance, hardened window, the shared engine, IPC from the contract.
import path from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { ipcEventChannel } from '../preload/contract';
import { startEngine, type Engine } from './engine';
import { parseHostArgs, UsageError } from './hostArgs';
import { registerIpc } from './ipc/electron';
import { showAssignmentNotices } from './window/assignmentNotices';
import { createMainWindow } from './window/createWindow';
import { installHardening } from './window/hardening';
import { registerAppSchemeAsPrivileged, serveRenderer } from './window/protocol';
import { SafeStorageSecretBox } from './window/safeStorageBox';

registerAppSchemeAsPrivileged();
installHardening();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let engine: Engine | null = null;
  let win: BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    try {
      // Electron puts its own switches in argv; only ours (after `--`) are parsed.
      const ours = process.argv.slice(process.argv.indexOf('--') >= 0 ? process.argv.indexOf('--') + 1 : process.argv.length);
      const args = parseHostArgs(ours, { dataDir: process.env.PARLEY_DATA_DIR ?? app.getPath('userData') });
      engine = await startEngine({
        dataDir: args.dataDir,
        host: 'electron',
        appVersion: app.getVersion(),
        secrets: new SafeStorageSecretBox(),
        sandbox: args.sandboxUrl ? { url: args.sandboxUrl } : 'auto',
      });
      serveRenderer(path.join(__dirname, '../renderer'));
      registerIpc(engine.dispatch);
      engine.ctx.events.subscribe((name, payload) => {
        for (const w of BrowserWindow.getAllWindows()) w.webContents.send(ipcEventChannel, name, payload);
      });
      showAssignmentNotices(engine);
      win = createMainWindow(path.join(__dirname, '../preload/index.cjs'), path.join(__dirname, '../../build/icon.png'));
      win.on('closed', () => (win = null));
      process.stdout.write('Parley desktop: window open\n');
    } catch (e) {
      const message = e instanceof UsageError ? e.message : (e as Error).message;
      dialog.showErrorBox('Parley could not start', message);
      app.exit(1);
    }
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !engine) return;
    event.preventDefault();
    quitting = true;
    void engine.close().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
}
