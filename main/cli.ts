// `npm run cli -- <command>`: the strategy engine from the command line, for admins who script their setup.
// JSON on stdout; a sentence on stderr when something is wrong. Exit codes: 0 ok, 64 usage, 65 bad input
// file, 1 anything else (no data folder, Parley running while writing, ...).
import { ParleyError } from './errors';
import { parseArgs, UsageError } from './cli/args';
import { calendarExportCommand, calendarImportCommand, InputFileError, previewCommand, sentimentCommand } from './cli/commands';

const USAGE = `Usage:
  parley preview --data DIR --network x|facebook --kind mention|dm|post|comment|messenger --at ISO-8601 --text TEXT
                 [--name NAME] [--handle HANDLE] [--account ID]
      What the strategy would do with such a message at that time, and the exact message it would send.
      A time without an offset is read in the business time zone. Sends and stores nothing.
  parley calendar import FILE.ics --data DIR [--dry-run]
      Adds the special days of an iCalendar file (prints what it adds and skips). --dry-run changes nothing.
      Writing needs the data folder: close Parley first, or use --dry-run.
  parley calendar export --data DIR
      Prints the special days as an iCalendar file.
  parley sentiment [--threshold 0..1 | --data DIR]
      Reads one text per line on stdin; prints one JSON object per line: VADER scores and whether it would
      be liked automatically at the threshold (default: the data folder's setting, else 0.6).
Exit codes: 0 ok, 64 usage, 65 bad input file, 1 other.`;

export async function runCli(argv: string[], io: { out: (s: string) => void; err: (s: string) => void; stdin: NodeJS.ReadableStream }): Promise<number> {
  try {
    const args = parseArgs(argv);
    const [command, sub] = args.positionals;
    if (!command || command === 'help' || args.flags.get('help') === true) {
      io.out(USAGE);
      return command || args.flags.get('help') ? 0 : 64;
    }
    if (command === 'preview') io.out(JSON.stringify(await previewCommand(args), null, 2));
    else if (command === 'calendar' && sub === 'import') io.out(JSON.stringify(await calendarImportCommand(args), null, 2));
    else if (command === 'calendar' && sub === 'export') io.out(await calendarExportCommand(args));
    else if (command === 'sentiment') await sentimentCommand(args, io.stdin, io.out);
    else throw new UsageError(`Unknown command "${[command, sub].filter(Boolean).join(' ')}".`);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`parley: ${e.message}\n\n${USAGE}`);
      return 64;
    }
    if (e instanceof InputFileError) {
      io.err(`parley: ${e.message}`);
      return 65;
    }
    if (e instanceof ParleyError) {
      io.err(`parley: ${e.message}${e.fields ? ` (${Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`).join('; ')})` : ''}`);
      return e.code === 'invalid_input' ? 64 : 1;
    }
    const code = (e as { code?: unknown })?.code;
    io.err(`parley: ${(e as Error)?.message ?? String(e)}${typeof code === 'string' ? ` [${code}]` : ''}`);
    return 1;
  }
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    stdin: process.stdin,
  }).then((code) => {
    process.exitCode = code;
  });
}
