// One engine per data folder: two would both poll the same accounts and answer the same customers.
// A lock file names the owning process; a lock left by a process that no longer runs (a crash) is taken over.
import fs from 'node:fs';
import path from 'node:path';
import { ParleyError } from './errors';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function acquireDataLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'parley.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => {
        try {
          if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file, { force: true });
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(fs.readFileSync(file, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new ParleyError(
          'conflict',
          `Parley is already running with the data folder ${dataDir} (process ${pid}). Close that window first, or start with another --data folder.`,
        );
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new ParleyError('conflict', `Could not lock the data folder ${dataDir}.`);
}
