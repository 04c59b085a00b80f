// The one way configuration changes: validate, write, record who and when in audit_log (same
// transaction), then swap in a new in-memory snapshot and tell whoever listens. Every change is saved
// the moment it is made; there is no "save all". This file: calendar, emergency, templates, strategy
// settings; people.ts: skills, groups, agents, rules, dispositions; core.ts: the machinery.
import * as calendarRepo from '../../db/repositories/calendar';
import { putSetting } from '../../db/repositories/settings';
import * as templatesRepo from '../../db/repositories/templates';
import {
  emergencyInputSchema,
  specialDayInputSchema,
  strategySettingsSchema,
  templateInputSchema,
  weeklyHoursSchema,
  type Emergency,
  type SpecialDay,
  type StrategySettings,
  type Template,
  type WeeklyHours,
} from '../../preload/contract/model';
import { exportIcs, parseIcs, type IcsEntry } from '../calendar/ical';
import { notFound, ParleyError } from '../errors';
import { PeopleConfig } from './people';
import { STRATEGY_SETTINGS_KEY, TIME_ZONE_KEY } from './settings';
import { checkStrategy, checkTemplate, checkTimeZone, invalid, parseWith } from './validate';

export type { ConfigListener, ConfigPart } from './core';

export interface IcsPreviewItem extends IcsEntry {
  /** add: new; skip: the same day (same calendar UID, or same date and name) is already there. */
  action: 'add' | 'skip';
  reason: string;
}

export interface IcsPreview {
  items: IcsPreviewItem[];
  notes: string[];
  toAdd: number;
  toSkip: number;
}

export class ConfigService extends PeopleConfig {
  // ---- calendar --------------------------------------------------------------------------------------

  async setTimeZone(timeZone: string, actor: string): Promise<string> {
    checkTimeZone(timeZone);
    return this.change(actor, ['timeZone'], async (trx, now, audit) => {
      const before = this.snapshot.timeZone;
      await putSetting(trx, TIME_ZONE_KEY, timeZone, actor, now);
      await audit('update', 'setting', TIME_ZONE_KEY, before, timeZone);
      return timeZone;
    });
  }

  async setWeeklyHours(input: unknown, actor: string): Promise<WeeklyHours> {
    const v = parseWith(weeklyHoursSchema, input);
    return this.change(actor, ['hours'], async (trx, _now, audit) => {
      const before = await calendarRepo.getWeeklyHours(trx);
      await calendarRepo.replaceWeeklyHours(trx, v);
      await audit('update', 'weekly_hours', null, before, v);
      return calendarRepo.getWeeklyHours(trx);
    });
  }

  async createSpecialDay(input: unknown, actor: string): Promise<SpecialDay> {
    const v = parseWith(specialDayInputSchema, input);
    return this.change(actor, ['specialDays'], async (trx, now, audit) => {
      const id = await calendarRepo.insertSpecialDay(trx, v, now);
      const after = { id, ...v, hours: v.closed ? [] : v.hours };
      await audit('create', 'special_day', id, null, after);
      return after;
    });
  }

  async updateSpecialDay(id: number, input: unknown, actor: string): Promise<SpecialDay> {
    const v = parseWith(specialDayInputSchema, input);
    return this.change(actor, ['specialDays'], async (trx, now, audit) => {
      const before = await calendarRepo.getSpecialDay(trx, id);
      if (!before) throw notFound('Special day', id);
      await calendarRepo.updateSpecialDay(trx, id, v, now);
      const after = { id, ...v, hours: v.closed ? [] : v.hours };
      await audit('update', 'special_day', id, before, after);
      return after;
    });
  }

  async deleteSpecialDay(id: number, actor: string): Promise<void> {
    return this.change(actor, ['specialDays'], async (trx, _now, audit) => {
      const before = await calendarRepo.getSpecialDay(trx, id);
      if (!before) throw notFound('Special day', id);
      await calendarRepo.deleteSpecialDay(trx, id);
      await audit('delete', 'special_day', id, before, null);
    });
  }

  /** What an .ics file would add, without adding it. Throws invalid_input for an unreadable file. */
  async previewIcs(text: string): Promise<IcsPreview> {
    const s = this.snapshot;
    const parsed = parseIcs(text, { timeZone: s.timeZone, now: this.clock.now() });
    const existing = await calendarRepo.listSpecialDays(this.db);
    const uids = new Set(existing.map((d) => d.icalUid).filter(Boolean));
    const keys = new Set(existing.map((d) => `${d.recurrence === 'yearly' ? d.date.slice(5) : d.date}|${d.name.toLowerCase()}`));
    const seen = new Set<string>();
    const items: IcsPreviewItem[] = parsed.entries.map((e) => {
      const key = `${e.recurrence === 'yearly' ? e.date.slice(5) : e.date}|${e.name.toLowerCase()}`;
      if ((e.uid && uids.has(e.uid)) || keys.has(key)) return { ...e, action: 'skip', reason: 'Already in the calendar.' };
      if (seen.has(key)) return { ...e, action: 'skip', reason: 'Listed twice in the file.' };
      seen.add(key);
      return { ...e, action: 'add', reason: e.recurrence === 'yearly' ? 'New yearly special day.' : 'New special day.' };
    });
    return { items, notes: parsed.notes, toAdd: items.filter((i) => i.action === 'add').length, toSkip: items.filter((i) => i.action === 'skip').length };
  }

  /** Adds what previewIcs says it would add, in one transaction. */
  async importIcs(text: string, actor: string): Promise<IcsPreview & { added: SpecialDay[] }> {
    const preview = await this.previewIcs(text);
    const added = await this.change(actor, ['specialDays'], async (trx, now, audit) => {
      const out: SpecialDay[] = [];
      for (const item of preview.items.filter((i) => i.action === 'add')) {
        const { uid, action: _a, reason: _r, ...input } = item;
        const v = parseWith(specialDayInputSchema, input);
        const id = await calendarRepo.insertSpecialDay(trx, v, now, uid);
        out.push({ id, ...v });
      }
      await audit('import', 'special_day', null, null, { added: out.length, skipped: preview.toSkip });
      return out;
    });
    return { ...preview, added };
  }

  async exportIcs(): Promise<string> {
    const days = await calendarRepo.listSpecialDays(this.db);
    return exportIcs(days, this.snapshot.timeZone, this.clock.now());
  }

  async setEmergency(input: unknown, actor: string): Promise<Emergency> {
    const v = parseWith(emergencyInputSchema, input);
    const now = this.clock.now();
    if (v.active && v.endsAt != null && v.endsAt <= now) throw invalid({ endsAt: 'The automatic end must be in the future' });
    if (v.active && !v.message.trim() && !this.snapshot.templates.some((t) => t.kind === 'emergency' && t.active)) {
      throw invalid({ message: 'Write the emergency message, or create an active emergency template first' });
    }
    return this.change(actor, ['emergency'], async (trx, at, audit) => {
      const before = await calendarRepo.getEmergency(trx);
      await calendarRepo.putEmergency(trx, v, actor, at);
      const after = await calendarRepo.getEmergency(trx);
      await audit(v.active ? (before.active ? 'update' : 'switch_on') : 'switch_off', 'emergency', 1, before, after);
      return after;
    });
  }

  // ---- templates ---------------------------------------------------------------------------------------

  async createTemplate(input: unknown, actor: string): Promise<Template> {
    const v = parseWith(templateInputSchema, input);
    checkTemplate(v);
    return this.change(actor, ['templates'], async (trx, now, audit) => {
      const id = await templatesRepo.insertTemplate(trx, v, now);
      const after = { id, ...v };
      await audit('create', 'message_template', id, null, after);
      return after;
    });
  }

  async updateTemplate(id: number, input: unknown, actor: string): Promise<Template> {
    const v = parseWith(templateInputSchema, input);
    checkTemplate(v);
    return this.change(actor, ['templates'], async (trx, now, audit) => {
      const before = await templatesRepo.getTemplate(trx, id);
      if (!before) throw notFound('Template', id);
      await templatesRepo.updateTemplate(trx, id, v, now);
      const after = { id, ...v };
      await audit('update', 'message_template', id, before, after);
      return after;
    });
  }

  async deleteTemplate(id: number, actor: string): Promise<void> {
    const s = this.snapshot;
    const usedBy = s.keywordRules.filter((r) => r.action.type === 'auto_reply' && r.action.templateId === id).map((r) => `rule "${r.name}"`);
    if (s.strategy.autoReply.templateId === id) usedBy.push('the automatic reply strategy');
    if (usedBy.length) throw new ParleyError('conflict', `Template ${id} is used by ${usedBy.join(', ')}. Change that first.`);
    return this.change(actor, ['templates'], async (trx, _now, audit) => {
      const before = await templatesRepo.getTemplate(trx, id);
      if (!before) throw notFound('Template', id);
      await templatesRepo.deleteTemplate(trx, id);
      await audit('delete', 'message_template', id, before, null);
    });
  }

  // ---- strategy settings ---------------------------------------------------------------------------------

  async setStrategySettings(input: unknown, actor: string): Promise<StrategySettings> {
    const v = parseWith(strategySettingsSchema, input);
    checkStrategy(v, this.snapshot);
    return this.change(actor, ['strategy'], async (trx, now, audit) => {
      const before = this.snapshot.strategy;
      await putSetting(trx, STRATEGY_SETTINGS_KEY, v, actor, now);
      await audit('update', 'setting', STRATEGY_SETTINGS_KEY, before, v);
      return v;
    });
  }
}
