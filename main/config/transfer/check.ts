// What the file schema cannot see: references between parts (by name or key) that point nowhere, names
// that must be unique, patterns that do not compile, unknown placeholders, a time zone Parley lacks.
// Every problem is reported at its path, the way the Admin screens report a field.
import { IANAZone } from 'luxon';
import { compileRegex } from '../../strategy/rules';
import { unknownPlaceholders } from '../../strategy/templates';
import { invalidParts, type ConfigFile } from './format';

/** The key each template in the file is referred to by. */
export function fileTemplateKeys(file: ConfigFile): string[] {
  return file.templates.map((t) => t.key ?? t.name);
}

function duplicates(values: string[], path: (i: number) => string, what: string, fields: Record<string, string>): void {
  const first = new Map<string, number>();
  values.forEach((v, i) => {
    const at = first.get(v);
    if (at === undefined) first.set(v, i);
    else fields[path(i)] ??= `${what} "${v}" is listed twice (also at position ${at + 1})`;
  });
}

/** Throws invalid_input listing every problem with its path; returns nothing when the file is sound. */
export function checkConfigFile(file: ConfigFile): void {
  const fields: Record<string, string> = {};
  if (!IANAZone.isValidZone(file.timeZone)) fields.timeZone = `"${file.timeZone}" is not a time zone Parley knows; use a name like Europe/Berlin`;

  const skills = new Set(file.skills.map((s) => s.name));
  const groups = new Set(file.groups.map((g) => g.name));
  const tKeys = fileTemplateKeys(file);
  const templates = new Map(tKeys.map((k, i) => [k, file.templates[i]!]));
  duplicates(file.skills.map((s) => s.name), (i) => `skills.${i}.name`, 'The skill', fields);
  duplicates(file.groups.map((g) => g.name), (i) => `groups.${i}.name`, 'The agent group', fields);
  duplicates(file.dispositions.map((d) => d.code), (i) => `dispositions.${i}.code`, 'The code', fields);
  duplicates(tKeys, (i) => `templates.${i}.key`, 'The template key', fields);

  file.templates.forEach((t, i) =>
    t.variants.forEach((v, j) => {
      const unknown = unknownPlaceholders(v);
      if (unknown.length) fields[`templates.${i}.variants.${j}`] = `Unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}`;
    }),
  );

  file.agents.forEach((a, i) => {
    a.skills.forEach((k, j) => {
      if (!skills.has(k.skill)) fields[`agents.${i}.skills.${j}.skill`] = `No skill called "${k.skill}" in this file`;
    });
    a.groups.forEach((g, j) => {
      if (!groups.has(g)) fields[`agents.${i}.groups.${j}`] = `No agent group called "${g}" in this file`;
    });
  });

  file.rules.forEach((r, i) => {
    if (r.match.regex) {
      const { error } = compileRegex(r.match.regex);
      if (error) fields[`rules.${i}.match.regex`] = `The pattern does not compile: ${error}`;
    }
    const a = r.action;
    if (a.type === 'route_skill' && !skills.has(a.skill)) fields[`rules.${i}.action.skill`] = `No skill called "${a.skill}" in this file`;
    if (a.type === 'route_group' && !groups.has(a.group)) fields[`rules.${i}.action.group`] = `No agent group called "${a.group}" in this file`;
    if (a.type === 'auto_reply' && !templates.has(a.template)) fields[`rules.${i}.action.template`] = `No template with the key "${a.template}" in this file`;
    if (a.type === 'engage' && !a.like && !a.retweet) fields[`rules.${i}.action.like`] = 'Choose like, retweet or both';
  });

  const st = file.strategy;
  if (st.dmRouting.group != null && !groups.has(st.dmRouting.group)) fields['strategy.dmRouting.group'] = `No agent group called "${st.dmRouting.group}" in this file`;
  if (st.autoReply.template != null) {
    const t = templates.get(st.autoReply.template);
    if (!t) fields['strategy.autoReply.template'] = `No template with the key "${st.autoReply.template}" in this file`;
    else if (t.kind !== 'auto_reply') fields['strategy.autoReply.template'] = `"${st.autoReply.template}" is a ${t.kind.replace(/_/g, ' ')} template; the automatic reply needs an auto-reply template`;
  } else if (st.autoReply.enabled) fields['strategy.autoReply.template'] = 'The automatic reply is on but names no template';

  if (Object.keys(fields).length) throw invalidParts(fields);
}
