// Command-line arguments: positionals and --flags (with a value, or boolean when listed as such).
export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[], booleans: readonly string[] = ['dry-run', 'help']): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!name) throw new UsageError(`"${a}" is not an option.`);
      if (booleans.includes(name)) {
        flags.set(name, true);
        continue;
      }
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value.`);
      flags.set(name, value);
    } else positionals.push(a);
  }
  return { positionals, flags };
}

export function required(args: ParsedArgs, name: string, hint: string): string {
  const v = args.flags.get(name);
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required (${hint}).`);
  return v;
}

export function optional(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

export function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}").`);
  return value as T;
}

/** Refuses options the command does not know, so a typo is not silently ignored. */
export function onlyFlags(args: ParsedArgs, allowed: readonly string[]): void {
  for (const k of args.flags.keys()) if (!allowed.includes(k)) throw new UsageError(`Unknown option --${k}. Options here: ${allowed.map((a) => `--${a}`).join(', ')}.`);
}
