// Security rules for every web contents the app creates: no new windows, no navigation away from the
// app, no webviews, no permissions. Set once, on creation, so no window can escape them.
import { app, session, shell, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol';

export function isAppUrl(url: string): boolean {
  try {
    // Node's URL gives custom schemes an opaque origin ("null"), so compare scheme and host instead.
    const u = new URL(url);
    return `${u.protocol}//${u.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

function guard(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Links in customer messages open in the user's browser, never inside Parley, and only http(s).
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installHardening(): void {
  app.on('web-contents-created', (_e, contents) => guard(contents));
  app.whenReady().then(() => {
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
  });
}
