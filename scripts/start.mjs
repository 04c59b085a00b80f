// `npm start`: the Electron app. Where the Electron binary cannot be had (it is downloaded on first
// run), say so in one sentence and start the web host with the same engine instead.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { electronBinary, tryDownloadElectron } from './electronBinary.mjs';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--quiet'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

let bin = electronBinary();
if (!bin) {
  process.stderr.write('Fetching the Electron binary (first run only)...\n');
  if (tryDownloadElectron()) bin = electronBinary();
}
const headlessLinux = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
let child;
if (bin && !headlessLinux) {
  child = spawn(bin, [root, '--', ...args], { stdio: 'inherit' });
} else {
  process.stderr.write(
    bin
      ? 'There is no display to open the Parley window on, so Parley starts its web host instead; open the address below in a browser.\n'
      : 'The Electron binary is not available on this machine (it is downloaded on first run and could not be), so Parley starts its web host instead; open the address below in a browser.\n',
  );
  child = spawn(process.execPath, [path.join(root, 'dist/main/web.cjs'), ...args], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
