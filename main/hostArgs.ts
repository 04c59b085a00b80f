// Flags both hosts accept. Unknown flags are an error with the list of known ones, not silently ignored.
export interface HostArgs {
  port: number;
  dataDir: string;
  open: boolean;
  sandboxUrl: string | null;
}

export class UsageError extends Error {}

export const hostUsage = `Usage: npm run web -- [--port N] [--data DIR] [--no-open] [--sandbox-url URL]
  --port N          port on 127.0.0.1 (0 = any free port; default 0)
  --data DIR        data folder (default ./.parley-data)
  --no-open         do not open a browser
  --sandbox-url URL connect the sandbox accounts to an already running sandbox`;

export function parseHostArgs(argv: string[], defaults: { dataDir: string }): HostArgs {
  const out: HostArgs = { port: 0, dataDir: defaults.dataDir, open: true, sandboxUrl: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value.\n${hostUsage}`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not "${v}".`);
        out.port = n;
        break;
      }
      case '--data':
        out.dataDir = value();
        break;
      case '--no-open':
        out.open = false;
        break;
      case '--sandbox-url': {
        const v = value();
        let u: URL;
        try {
          u = new URL(v);
        } catch {
          throw new UsageError(`--sandbox-url must be a URL such as http://127.0.0.1:4790, not "${v}".`);
        }
        if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`--sandbox-url must start with http:// or https://.`);
        out.sandboxUrl = u.origin;
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError(hostUsage);
      default:
        throw new UsageError(`Unknown option "${a}".\n${hostUsage}`);
    }
  }
  return out;
}
