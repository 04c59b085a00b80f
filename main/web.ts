// `npm run web`: the same engine in plain Node, its window served to a browser on 127.0.0.1.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEngine } from './engine';
import { parseHostArgs, UsageError } from './hostArgs';
import { startWebHost } from './web/server';

function openBrowser(url: string): void {
  const cmd = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '""', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`Open ${url} in your browser.\n`));
    child.unref();
  } catch {
    process.stderr.write(`Open ${url} in your browser.\n`);
  }
}

async function main(): Promise<void> {
  const args = parseHostArgs(process.argv.slice(2), { dataDir: path.resolve('.parley-data') });
  const engine = await startEngine({ dataDir: args.dataDir, host: 'web', sandbox: args.sandboxUrl ? { url: args.sandboxUrl } : 'auto' });
  const host = await startWebHost({ engine, port: args.port, staticDir: path.resolve(__dirname, '../renderer') });

  // Signal handlers go in before the ready line: whoever reads that line may stop us at once.
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.ctx.log.info('stopping', { signal });
    await host.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (engine.ctx.sandbox) process.stdout.write(`Parley sandbox: ${engine.ctx.sandbox.url}\n`);
  process.stdout.write(`Parley web: ${host.url}\n`);
  if (args.open) openBrowser(host.url);
}

main().catch((e: unknown) => {
  const msg = e instanceof UsageError ? e.message : `Parley could not start: ${(e as Error).message ?? String(e)}`;
  process.stderr.write(`${msg}\n`);
  process.exit(e instanceof UsageError ? 64 : 1);
});
