// The commands of `parley` on the command line. Each returns the JSON to print; problems are thrown.
import fs from 'node:fs';
import readline from 'node:readline';
import { channelKindSchema, networkSchema } from '../../preload/contract/model';
import { RoutingStore } from '../../db/repositories/routingSqlite';
import { ParleyError } from '../errors';
import { emptyLoad, Router } from '../routing/router';
import { judgeSentiment } from '../sentiment/positive';
import { previewDecision } from '../services/preview';
import { onlyFlags, oneOf, optional, required, UsageError, type ParsedArgs } from './args';
import { openForWriting, openReadOnly, type DataFolder } from './data';

/** A missing or unreadable input file: exit code 65. */
export class InputFileError extends Error {}

/** Who could take work right now, from the database as it is (the app may be running). */
function probeFrom(data: DataFolder) {
  const router = new Router();
  const store = new RoutingStore(data.sqlite);
  const statuses = new Map(store.loadAgentStatuses().map((s) => [s.id, s]));
  for (const a of data.config.snapshot.agents) {
    const st = statuses.get(a.id);
    router.upsertAgent({
      id: a.id,
      name: a.name,
      active: a.active,
      status: st?.status ?? a.status,
      notReadyReason: st?.not_ready_reason ?? null,
      statusChangedAt: st?.status_changed_at ?? a.statusChangedAt,
      idleSince: st?.idle_since ?? a.statusChangedAt,
      skills: new Map(a.skills.map((s) => [s.skillId, s.level])),
      groups: new Set(a.groupIds),
      capacity: a.capacity,
      load: emptyLoad(),
    });
  }
  for (const r of store.loadAssigned()) router.hold({ interactionId: r.id, agentId: r.assigned_agent_id, kind: r.channel_kind }, 0, false);
  return router;
}

export async function previewCommand(args: ParsedArgs): Promise<unknown> {
  onlyFlags(args, ['data', 'network', 'kind', 'at', 'text', 'name', 'handle', 'account']);
  const dataDir = required(args, 'data', 'the data folder, e.g. --data ./.parley-data');
  const network = oneOf(required(args, 'network', 'x or facebook'), networkSchema.options, 'network');
  const kind = oneOf(required(args, 'kind', channelKindSchema.options.join('|')), channelKindSchema.options, 'kind');
  if (network === 'x' && (kind === 'post' || kind === 'comment' || kind === 'messenger')) throw new UsageError(`--kind ${kind} is a Facebook kind; X has mention and dm.`);
  if (network === 'facebook' && (kind === 'mention' || kind === 'dm')) throw new UsageError(`--kind ${kind} is an X kind; Facebook has post, comment and messenger.`);
  const at = required(args, 'at', 'an ISO-8601 date-time, e.g. 2026-12-24T18:30');
  const text = required(args, 'text', 'the message text');
  const data = await openReadOnly(dataDir);
  try {
    const accountId = optional(args, 'account');
    const accounts = await data.db.selectFrom('channel_account').select(['id', 'name', 'network']).where('network', '=', network).orderBy('id').execute();
    const account = accountId ? accounts.find((a) => String(a.id) === accountId) : accounts[0];
    if (accountId && !account) throw new UsageError(`--account ${accountId} is not a ${network} account in this data folder.`);
    const router = probeFrom(data);
    return previewDecision(
      data.config.snapshot,
      { network, channelKind: kind, text, at, authorName: optional(args, 'name') ?? null, authorHandle: optional(args, 'handle') ?? null, brand: account?.name },
      (t, k) => router.probe(t, k),
    );
  } finally {
    await data.close();
  }
}

function readIcs(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputFileError(code === 'ENOENT' ? `The file ${file} does not exist.` : `The file ${file} cannot be read (${code ?? (e as Error).message}).`);
  }
}

export async function calendarImportCommand(args: ParsedArgs): Promise<unknown> {
  onlyFlags(args, ['data', 'dry-run']);
  const file = args.positionals[2];
  if (!file) throw new UsageError('Name the .ics file: parley calendar import FILE.ics --data DIR [--dry-run].');
  const dataDir = required(args, 'data', 'the data folder, e.g. --data ./.parley-data');
  const text = readIcs(file);
  const dryRun = args.flags.get('dry-run') === true;
  const data = dryRun ? await openReadOnly(dataDir) : await openForWriting(dataDir);
  try {
    const describe = (i: { date: string; name: string; closed: boolean; hours: Array<{ opensAt: string; closesAt: string }>; recurrence: string; reason?: string }) => ({
      date: i.date,
      name: i.name,
      closed: i.closed,
      hours: i.closed ? null : i.hours.map((h) => `${h.opensAt}-${h.closesAt}`).join(', ') || '00:00-24:00',
      recurrence: i.recurrence,
      ...(i.reason ? { reason: i.reason } : {}),
    });
    let preview;
    try {
      preview = dryRun ? await data.config.previewIcs(text) : await data.config.importIcs(text, 'cli');
    } catch (e) {
      if (e instanceof ParleyError && e.code === 'invalid_input') throw new InputFileError(`${file}: ${e.message}`);
      throw e;
    }
    return {
      file,
      dryRun,
      timeZone: data.config.snapshot.timeZone,
      added: preview.items.filter((i) => i.action === 'add').map(describe),
      skipped: preview.items.filter((i) => i.action === 'skip').map(describe),
      notes: preview.notes,
    };
  } finally {
    await data.close();
  }
}

export async function calendarExportCommand(args: ParsedArgs): Promise<string> {
  onlyFlags(args, ['data']);
  const data = await openReadOnly(required(args, 'data', 'the data folder'));
  try {
    return await data.config.exportIcs();
  } finally {
    await data.close();
  }
}

/** One JSON object per input line: the scores and whether it would be liked automatically. */
export async function sentimentCommand(args: ParsedArgs, input: NodeJS.ReadableStream, write: (line: string) => void): Promise<void> {
  onlyFlags(args, ['data', 'threshold']);
  let threshold: number;
  const given = optional(args, 'threshold');
  const dataDir = optional(args, 'data');
  if (given !== undefined) {
    threshold = Number(given);
    if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw new UsageError(`--threshold must be a number from 0 to 1 (got "${given}").`);
  } else if (dataDir) {
    const data = await openReadOnly(dataDir);
    threshold = data.config.snapshot.strategy.engagement.threshold;
    await data.close();
  } else threshold = 0.6;
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    const j = judgeSentiment(line, threshold);
    write(JSON.stringify({ line: n, text: line, compound: j.scores.compound, pos: j.scores.pos, neg: j.scores.neg, neu: j.scores.neu, verdict: j.verdict, wouldEngage: j.positive, threshold }));
  }
}
