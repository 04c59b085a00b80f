// Turns whatever a call threw into what a form shows: one sentence, and each field's message by its path.
import { ApiError } from '../../../lib/api';

export interface FormErrors {
  message: string | null;
  fields: Record<string, string>;
}

export const noErrors: FormErrors = { message: null, fields: {} };

export function formErrors(e: unknown, prefix = ''): FormErrors {
  if (e instanceof ApiError) {
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.fields ?? {})) fields[prefix && k.startsWith(prefix) ? k.slice(prefix.length) : k] = v;
    return { message: e.message, fields };
  }
  return { message: e instanceof Error ? e.message : String(e), fields: {} };
}

/** The message for a field, or for anything nested under it (e.g. "match" catches "match.regex"). */
export function fieldError(fields: Record<string, string>, path: string, nested = false): string | undefined {
  if (fields[path]) return fields[path];
  if (!nested) return undefined;
  const key = Object.keys(fields).find((k) => k.startsWith(`${path}.`));
  return key ? fields[key] : undefined;
}

/** What the save status says: the engine's sentence, or, when it pointed at fields, where to look. */
export function summary(errors: FormErrors): string | null {
  if (!errors.message) return null;
  return Object.keys(errors.fields).length ? 'fix the fields marked in red' : errors.message;
}

function at(value: unknown, path: string): unknown {
  let v = value;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Drops the errors of fields the person has since changed: a message stays only while it is still true
 *  of what is on screen. */
export function withoutChanged(errors: FormErrors, before: unknown, after: unknown): FormErrors {
  const keys = Object.keys(errors.fields);
  if (keys.length === 0) return errors;
  const fields = Object.fromEntries(Object.entries(errors.fields).filter(([k]) => JSON.stringify(at(before, k)) === JSON.stringify(at(after, k))));
  if (Object.keys(fields).length === keys.length) return errors;
  return { message: Object.keys(fields).length ? errors.message : null, fields };
}
