// `npm run sandbox -- --port N [--simulate RATE] [--seed N] [--keep-alive MS] [--public-url URL]`: the sandbox
// on its own, so an app (or several restarts of one) can use it across process lifetimes.
const usage = `Usage: npm run sandbox -- [--port N] [--simulate RATE] [--seed N] [--keep-alive MS] [--public-url URL]
  --port N          port on 127.0.0.1 (0 = any free port; default 0)
  --simulate RATE   simulated customer messages per minute (default 0 = off)
  --seed N          simulator seed (default 1)
  --keep-alive MS   filtered-stream keep-alive interval (default 20000)
  --public-url URL  origin that Graph paging links point at (default: the listening address)`;

class UsageError extends Error {}

interface Args {
  port: number;
  simulate: number;
  seed: number;
  keepAliveMs: number | undefined;
  publicUrl: string | undefined;
}

function parse(argv: string[]): Args {
  const out: Args = { port: 0, simulate: 0, seed: 1, keepAliveMs: undefined, publicUrl: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const inline = eq > 0 ? a.slice(eq + 1) : undefined;
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${flag} needs a value.\n${usage}`);
      return v;
    };
    const number = (v: string, min: number, max: number, what: string) => {
      const n = Number(v);
      if (!/^\d+(\.\d+)?$/.test(v) || n < min || n > max) throw new UsageError(`${flag} must be ${what}, not "${v}".`);
      return n;
    };
    switch (flag) {
      case '--port':
        out.port = number(value(), 0, 65535, 'a whole number from 0 to 65535');
        if (!Number.isInteger(out.port)) throw new UsageError(`--port must be a whole number from 0 to 65535.`);
        break;
      case '--simulate':
        out.simulate = number(value(), 0, 60_000, 'a number of messages per minute from 0 to 60000');
        break;
      case '--seed':
        out.seed = number(value(), 0, 4_294_967_295, 'a whole number');
        break;
      case '--keep-alive':
        out.keepAliveMs = number(value(), 5, 3_600_000, 'a number of milliseconds from 5 to 3600000');
        break;
      case '--public-url': {
        const v = value();
        try {
          out.publicUrl = new URL(v).origin;
        } catch {
          throw new UsageError(`--public-url must be a URL such as http://127.0.0.1:4790, not "${v}".`);
        }
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError(usage);
      default:
        throw new UsageError(`Unknown option "${a}".\n${usage}`);
    }
  }
  return out;
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  // Loaded after the flags are checked, so a usage error answers at once.
  const { startSandbox } = await import('./index');
  const sandbox = await startSandbox({ port: args.port, keepAliveMs: args.keepAliveMs, publicBaseUrl: args.publicUrl });
  if (args.simulate > 0) {
    // Through the control API, like every other client of the simulator.
    const res = await fetch(`${sandbox.url}/_sandbox/simulator`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rate: args.simulate, seed: args.seed }),
    });
    if (!res.ok) throw new Error(`the simulator did not start: ${await res.text()}`);
  }
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => process.exit(0));
  };
  // Before the ready line: whoever reads it may signal us at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdout.write(`Parley sandbox: ${sandbox.url}\n`);
}

main().catch((e: unknown) => {
  if (e instanceof UsageError) {
    process.stderr.write(`${e.message}\n`);
    process.exit(64);
  }
  const err = e as NodeJS.ErrnoException;
  process.stderr.write(
    err?.code === 'EADDRINUSE' ? `Parley sandbox could not start: the port is already in use; choose another with --port.\n` : `Parley sandbox could not start: ${err?.message ?? String(e)}\n`,
  );
  process.exit(1);
});
