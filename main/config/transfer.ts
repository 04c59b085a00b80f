// Configuration export and import as one JSON file (format "parley-config", version 1), so a team can copy
// its setup to another install. Not in the file: channel accounts and their secrets, contacts, conversations,
// and the emergency switch's on/off state (live state, not setup: an import never switches it).
// The pieces: transfer/format.ts (the file and its refusals), check.ts (references), export.ts, diff.ts
// (the preview), apply.ts (the one transaction).
import type { DB } from '../../db/connection';
import { agentHasHistory } from '../../db/repositories/agents';
import { listSpecialDays } from '../../db/repositories/calendar';
import { dispositionInUse } from '../../db/repositories/dispositions';
import type { ConfigExport, ConfigImportPreview, ConfigImportResult, TransferPart } from '../../preload/contract/configTransfer';
import type { Clock } from '../clock';
import { ParleyError } from '../errors';
import type { ConfigService } from './service';
import { applyConfiguration } from './transfer/apply';
import { checkConfigFile } from './transfer/check';
import { diffConfiguration, identities, type RemovalFacts } from './transfer/diff';
import { configFileText, exportConfiguration } from './transfer/export';
import { readConfigFile, type ConfigFile } from './transfer/format';

export { readConfigFile, CONFIG_FORMAT, CONFIG_VERSION, type ConfigFile } from './transfer/format';

export interface TransferDeps {
  db: DB;
  config: ConfigService;
  clock: Clock;
  appVersion: string;
}

async function currentFile(deps: TransferDeps, meta = { exportedAt: null as string | null, exportedFrom: null as string | null }) {
  const snapshot = deps.config.snapshot;
  const specialDays = await listSpecialDays(deps.db);
  return { snapshot, specialDays, file: exportConfiguration(snapshot, specialDays, meta) };
}

/** The configuration as the file a person downloads. */
export async function exportConfigurationFile(deps: TransferDeps): Promise<ConfigExport> {
  const now = new Date(deps.clock.now());
  const { file } = await currentFile(deps, { exportedAt: now.toISOString(), exportedFrom: `Parley ${deps.appVersion}` });
  const counts: Record<TransferPart, number> = {
    timeZone: 1,
    weeklyHours: file.weeklyHours.length,
    specialDays: file.specialDays.length,
    emergency: 1,
    skills: file.skills.length,
    groups: file.groups.length,
    agents: file.agents.length,
    templates: file.templates.length,
    dispositions: file.dispositions.length,
    rules: file.rules.length,
    strategy: 1,
  };
  return { fileName: `parley-configuration-${now.toISOString().slice(0, 10)}.json`, text: configFileText(file), counts };
}

async function removalFacts(db: DB, current: ConfigFile, ids: { agents: number[]; dispositions: number[] }): Promise<RemovalFacts> {
  const keys = identities(current);
  const agentsWithHistory = new Set<string>();
  for (const [i, id] of ids.agents.entries()) if (await agentHasHistory(db, id)) agentsWithHistory.add(keys.agents[i]!);
  const dispositionsInUse = new Set<string>();
  for (const [i, id] of ids.dispositions.entries()) if (await dispositionInUse(db, id)) dispositionsInUse.add(keys.dispositions[i]!);
  return { agentsWithHistory, dispositionsInUse };
}

function notesFor(incoming: ConfigFile, snapshotEmergencyActive: boolean): string[] {
  const notes = [
    'Channel accounts and their secrets, contacts and conversations are not part of a configuration file and stay as they are.',
    snapshotEmergencyActive
      ? 'The emergency switch is ON here and stays on: an import changes only the emergency scope and message, never the switch.'
      : 'The emergency switch is not part of the file: an import never switches an emergency on.',
  ];
  if (incoming.exportedFrom) notes.push(`The file was written by ${incoming.exportedFrom}${incoming.exportedAt ? ` on ${incoming.exportedAt.slice(0, 10)}` : ''}.`);
  return notes;
}

function emergencyCheck(incoming: ConfigFile, active: boolean): void {
  if (active && !incoming.emergency.message.trim() && !incoming.templates.some((t) => t.kind === 'emergency' && t.active)) {
    throw new ParleyError(
      'invalid_input',
      'The emergency switch is on here, and this file has neither an emergency message nor an active emergency template, so customers would get nothing. Switch the emergency off first, or add a message to the file.',
      { 'emergency.message': 'Needed while the emergency is on' },
    );
  }
}

async function plan(deps: TransferDeps, text: string) {
  const incoming = readConfigFile(text);
  checkConfigFile(incoming);
  const cur = await currentFile(deps);
  emergencyCheck(incoming, cur.snapshot.emergency.active);
  const facts = await removalFacts(deps.db, cur.file, { agents: cur.snapshot.agents.map((a) => a.id), dispositions: cur.snapshot.dispositions.map((d) => d.id) });
  const parts = diffConfiguration(cur.file, incoming, facts);
  const preview: ConfigImportPreview = {
    baseVersion: cur.snapshot.version,
    exportedAt: incoming.exportedAt,
    exportedFrom: incoming.exportedFrom,
    parts,
    totals: {
      added: parts.reduce((n, p) => n + p.added.length, 0),
      changed: parts.reduce((n, p) => n + p.changed.length + (p.reordered ? 1 : 0), 0),
      removed: parts.reduce((n, p) => n + p.removed.length, 0),
    },
    notes: notesFor(incoming, cur.snapshot.emergency.active),
  };
  return { incoming, cur, facts, preview };
}

/** What importing the file would change. Changes nothing; throws invalid_input for a file it cannot read. */
export async function previewConfigurationImport(deps: TransferDeps, text: string): Promise<ConfigImportPreview> {
  return (await plan(deps, text)).preview;
}

/** Imports the file in one audited transaction. With `baseVersion`, refuses if the configuration changed
 *  since that preview, so what is applied is what the person saw. */
export async function applyConfigurationImport(deps: TransferDeps, text: string, actor: string, baseVersion?: number): Promise<ConfigImportResult> {
  const stale = () =>
    new ParleyError('conflict', 'The configuration changed since this preview was made (someone saved a setting). Review the changes again, then import.');
  if (baseVersion != null && baseVersion !== deps.config.snapshot.version) throw stale();
  const { incoming, cur, facts, preview } = await plan(deps, text);
  const changedParts = preview.parts.filter((p) => p.added.length || p.changed.length || p.removed.length || p.reordered).map((p) => p.part);
  const serviceParts = [...new Set(changedParts.map((p) => (p === 'weeklyHours' ? 'hours' : p)))] as Parameters<ConfigService['changeMany']>[1];
  if (changedParts.includes('skills') || changedParts.includes('groups')) serviceParts.push('agents');
  await deps.config.changeMany(actor, serviceParts, async (trx, now, audit) => {
    if (deps.config.snapshot.version !== cur.snapshot.version) throw stale();
    await applyConfiguration(trx, now, audit, { snapshot: cur.snapshot, current: cur.file, specialDays: cur.specialDays, ...facts, actor }, incoming);
    await audit('import', 'configuration', null, null, {
      exportedAt: incoming.exportedAt,
      exportedFrom: incoming.exportedFrom,
      totals: preview.totals,
      parts: changedParts,
    });
  });
  return { ...preview, version: deps.config.snapshot.version };
}
