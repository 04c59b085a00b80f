// The configTransfer namespace: the whole configuration as one JSON file, so a team can copy its setup
// to another install. An import is previewed (what is added, changed, removed per part) before it is
// applied, and applied in one transaction.
import { z } from 'zod';
import { method } from './core';

/** The parts of a configuration file, in the order the preview lists them. */
export type TransferPart =
  | 'timeZone'
  | 'weeklyHours'
  | 'specialDays'
  | 'emergency'
  | 'skills'
  | 'groups'
  | 'agents'
  | 'templates'
  | 'dispositions'
  | 'rules'
  | 'strategy';

export interface TransferItemChange {
  /** How a person recognises the item: a name, a code, "2026-12-25 Christmas Day". */
  name: string;
  /** What differs, in words, e.g. "description", "skills", "match words". */
  fields: string[];
}

export interface TransferItemRemoval {
  name: string;
  /** deleted; or deactivated when history points at it (an agent who handled work, a code used). */
  outcome: 'deleted' | 'deactivated';
  reason: string | null;
}

export interface TransferPartPreview {
  part: TransferPart;
  label: string;
  added: string[];
  changed: TransferItemChange[];
  removed: TransferItemRemoval[];
  unchanged: number;
  /** For ordered parts (rules, disposition codes): whether the order changes. */
  reordered: boolean;
}

export interface ConfigImportPreview {
  /** The configuration version the preview was computed against; apply refuses if it moved on. */
  baseVersion: number;
  exportedAt: string | null;
  exportedFrom: string | null;
  parts: TransferPartPreview[];
  totals: { added: number; changed: number; removed: number };
  notes: string[];
}

export interface ConfigImportResult extends ConfigImportPreview {
  version: number;
}

export interface ConfigExport {
  fileName: string;
  text: string;
  counts: Record<TransferPart, number>;
}

const fileText = z.object({ text: z.string().max(10_000_000, 'The file is larger than 10 MB; a Parley configuration is far smaller') }).strict();

export const configTransferMethods = {
  'configTransfer.export': method(z.object({}).strict()).returns<ConfigExport>(),
  /** What importing the file would change; changes nothing. Refuses an unreadable file with its reason. */
  'configTransfer.preview': method(fileText).returns<ConfigImportPreview>(),
  /** Applies the file in one audited transaction. `baseVersion` from the preview guards against a change in between. */
  'configTransfer.apply': method(fileText.extend({ baseVersion: z.number().int().min(0).optional() })).returns<ConfigImportResult>(),
};
