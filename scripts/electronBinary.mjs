// Where the Electron binary is, without triggering Electron's own download (electron >= 45 fetches
// its binary on first use). Returns null when it is not on disk.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export function electronBinary() {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const rel = fs.readFileSync(path.join(dir, 'path.txt'), 'utf8');
    const full = process.env.ELECTRON_OVERRIDE_DIST_PATH ? path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH, rel) : path.join(dir, 'dist', rel);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

/** Runs Electron's own installer once, quietly; true when the binary is there afterwards. */
export function tryDownloadElectron(timeoutMs = 180_000) {
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const { spawnSync } = createRequire(import.meta.url)('node:child_process');
    spawnSync(process.execPath, [path.join(dir, 'install.js')], { stdio: 'ignore', timeout: timeoutMs });
  } catch {
    return false;
  }
  return electronBinary() !== null;
}
