// The one way configuration changes: validate, write, record who and when in audit_log (same
// transaction), then swap in a new in-memory snapshot and tell whoever listens. Every change is saved
// the moment it is made; there is no "save all".
import type { DB } from '../../db/connection';
import * as agentsRepo from '../../db/repositories/agents';
import { appendAudit } from '../../db/repositories/audit';
import * as calendarRepo from '../../db/repositories/calendar';
import * as dispositionsRepo from '../../db/repositories/dispositions';
import * as rulesWrite from '../../db/repositories/keywordRules';
import * as rulesRepo from './rules';
import { putSetting } from '../../db/repositories/settings';
import * as templatesRepo from '../../db/repositories/templates';
import {
  agentInputSchema,
  dispositionInputSchema,
  emergencyInputSchema,
  groupInputSchema,
  keywordRuleInputSchema,
  skillInputSchema,
  specialDayInputSchema,
  strategySettingsSchema,
  templateInputSchema,
  weeklyHoursSchema,
  type Agent,
  type AgentGroup,
  type Disposition,
  type Emergency,
  type KeywordRule,
  type Skill,
  type SpecialDay,
  type StrategySettings,
  type Template,
  type WeeklyHours,
} from '../../preload/contract/model';
import type { Clock } from '../clock';
import { notFound, ParleyError } from '../errors';
import { parseIcs, exportIcs, type IcsEntry } from '../calendar/ical';
import { STRATEGY_SETTINGS_KEY, TIME_ZONE_KEY } from './settings';
import { loadConfigSnapshot, type ConfigSnapshot } from './snapshot';
import { checkAgent, checkRule, checkStrategy, checkTemplate, checkTimeZone, invalid, parseWith } from './validate';

export type ConfigPart = 'skills' | 'groups' | 'agents' | 'rules' | 'hours' | 'timeZone' | 'specialDays' | 'emergency' | 'templates' | 'dispositions' | 'strategy';

export type ConfigListener = (parts: ConfigPart[], snapshot: ConfigSnapshot) => void;

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

const isUnique = (e: unknown) => /UNIQUE constraint failed/.test(String((e as Error)?.message));

export class ConfigService {
  private current: ConfigSnapshot | null = null;
  private version = 0;
  private readonly listeners = new Set<ConfigListener>();
  private emergencyTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: DB,
    private readonly clock: Clock,
  ) {}

  get snapshot(): ConfigSnapshot {
    if (!this.current) throw new Error('ConfigService.load() must run before the snapshot is read');
    return this.current;
  }

  async load(): Promise<ConfigSnapshot> {
    this.current = await loadConfigSnapshot(this.db, ++this.version);
    this.scheduleEmergencyEnd();
    return this.current;
  }

  subscribe(listener: ConfigListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    if (this.emergencyTimer) clearTimeout(this.emergencyTimer);
    this.emergencyTimer = null;
  }

  /** Runs one change in a transaction with its audit rows, then reloads and notifies. */
  private async change<T>(actor: string, parts: ConfigPart[], fn: (trx: DB, now: number, audit: (action: string, entity: string, entityId: unknown, before: unknown, after: unknown) => Promise<void>) => Promise<T>): Promise<T> {
    const now = this.clock.now();
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) =>
        fn(trx, now, (action, entity, entityId, before, after) =>
          appendAudit(trx, { at: now, actor, action, entity, entityId: entityId as string | number | null, before: before ?? undefined, after: after ?? undefined }),
        ),
      );
    } catch (e) {
      if (isUnique(e)) throw new ParleyError('conflict', 'Something with that name or code already exists. Choose another.', { name: 'Already in use' });
      throw e;
    }
    await this.load();
    for (const l of this.listeners) l(parts, this.snapshot);
    return result;
  }

  /** A change spanning several parts (a configuration import): one transaction with its audit rows, one
   *  reload, one notification. The caller validates; `fn` writes through the repositories. */
  async changeMany<T>(actor: string, parts: ConfigPart[], fn: (trx: DB, now: number, audit: (action: string, entity: string, entityId: unknown, before: unknown, after: unknown) => Promise<void>) => Promise<T>): Promise<T> {
    return this.change(actor, parts, fn);
  }

  // ---- skills and groups -------------------------------------------------------------------------

  async createSkill(input: unknown, actor: string): Promise<Skill> {
    const v = parseWith(skillInputSchema, input);
    return this.change(actor, ['skills'], async (trx, now, audit) => {
      const id = await agentsRepo.insertSkill(trx, v, now);
      const after = { id, ...v };
      await audit('create', 'skill', id, null, after);
      return after;
    });
  }

  async updateSkill(id: number, input: unknown, actor: string): Promise<Skill> {
    const v = parseWith(skillInputSchema, input);
    return this.change(actor, ['skills'], async (trx, _now, audit) => {
      const before = await agentsRepo.getSkill(trx, id);
      if (!before) throw notFound('Skill', id);
      await agentsRepo.updateSkill(trx, id, v);
      const after = { id, ...v };
      await audit('update', 'skill', id, before, after);
      return after;
    });
  }

  async deleteSkill(id: number, actor: string): Promise<void> {
    const usedBy = this.snapshot.keywordRules.filter((r) => r.action.type === 'route_skill' && r.action.skillId === id);
    if (usedBy.length) throw new ParleyError('conflict', `Skill ${id} is used by the rule(s) ${usedBy.map((r) => `"${r.name}"`).join(', ')}. Change those rules first.`);
    return this.change(actor, ['skills', 'agents'], async (trx, _now, audit) => {
      const before = await agentsRepo.getSkill(trx, id);
      if (!before) throw notFound('Skill', id);
      await agentsRepo.deleteSkill(trx, id);
      await audit('delete', 'skill', id, before, null);
    });
  }

  async createGroup(input: unknown, actor: string): Promise<AgentGroup> {
    const v = parseWith(groupInputSchema, input);
    return this.change(actor, ['groups'], async (trx, now, audit) => {
      const id = await agentsRepo.insertGroup(trx, v, now);
      const after = { id, ...v };
      await audit('create', 'agent_group', id, null, after);
      return after;
    });
  }

  async updateGroup(id: number, input: unknown, actor: string): Promise<AgentGroup> {
    const v = parseWith(groupInputSchema, input);
    return this.change(actor, ['groups'], async (trx, _now, audit) => {
      const before = await agentsRepo.getGroup(trx, id);
      if (!before) throw notFound('Agent group', id);
      await agentsRepo.updateGroup(trx, id, v);
      const after = { id, ...v };
      await audit('update', 'agent_group', id, before, after);
      return after;
    });
  }

  async deleteGroup(id: number, actor: string): Promise<void> {
    const s = this.snapshot;
    const usedBy = s.keywordRules.filter((r) => r.action.type === 'route_group' && r.action.groupId === id).map((r) => `rule "${r.name}"`);
    if (s.strategy.dmRouting.groupId === id) usedBy.push('the direct-message routing strategy');
    if (usedBy.length) throw new ParleyError('conflict', `Agent group ${id} is used by ${usedBy.join(', ')}. Change that first.`);
    return this.change(actor, ['groups', 'agents'], async (trx, _now, audit) => {
      const before = await agentsRepo.getGroup(trx, id);
      if (!before) throw notFound('Agent group', id);
      await agentsRepo.deleteGroup(trx, id);
      await audit('delete', 'agent_group', id, before, null);
    });
  }

  // ---- agents --------------------------------------------------------------------------------------

  async createAgent(input: unknown, actor: string): Promise<Agent> {
    const v = parseWith(agentInputSchema, input);
    checkAgent(v, this.snapshot);
    return this.change(actor, ['agents'], async (trx, now, audit) => {
      const id = await agentsRepo.insertAgent(trx, v, now);
      const after = (await agentsRepo.getAgent(trx, id))!;
      await audit('create', 'agent', id, null, after);
      return after;
    });
  }

  async updateAgent(id: number, input: unknown, actor: string): Promise<Agent> {
    const v = parseWith(agentInputSchema, input);
    checkAgent(v, this.snapshot);
    return this.change(actor, ['agents'], async (trx, now, audit) => {
      const before = await agentsRepo.getAgent(trx, id);
      if (!before) throw notFound('Agent', id);
      await agentsRepo.updateAgent(trx, id, v, now);
      const after = (await agentsRepo.getAgent(trx, id))!;
      await audit('update', 'agent', id, before, after);
      return after;
    });
  }

  /** Deletes an agent without history; one with history can only be deactivated (nothing is lost). */
  async deleteAgent(id: number, actor: string): Promise<void> {
    return this.change(actor, ['agents'], async (trx, _now, audit) => {
      const before = await agentsRepo.getAgent(trx, id);
      if (!before) throw notFound('Agent', id);
      if (await agentsRepo.agentHasHistory(trx, id)) {
        throw new ParleyError('conflict', `${before.name} has handled interactions, so their history stays. Deactivate the agent instead of deleting it.`);
      }
      await agentsRepo.deleteAgent(trx, id);
      await audit('delete', 'agent', id, before, null);
    });
  }

  // ---- keyword rules ---------------------------------------------------------------------------------

  async createRule(input: unknown, actor: string, position?: number): Promise<KeywordRule> {
    const v = parseWith(keywordRuleInputSchema, input);
    checkRule(v, this.snapshot);
    return this.change(actor, ['rules'], async (trx, now, audit) => {
      const id = await rulesWrite.insertKeywordRule(trx, v, now, position);
      const after = (await rulesRepo.getKeywordRule(trx, id))!;
      await audit('create', 'keyword_rule', id, null, after);
      return after;
    });
  }

  async updateRule(id: number, input: unknown, actor: string): Promise<KeywordRule> {
    const v = parseWith(keywordRuleInputSchema, input);
    checkRule(v, this.snapshot);
    return this.change(actor, ['rules'], async (trx, now, audit) => {
      const before = await rulesRepo.getKeywordRule(trx, id);
      if (!before) throw notFound('Keyword rule', id);
      await rulesWrite.updateKeywordRule(trx, id, v, now);
      const after = (await rulesRepo.getKeywordRule(trx, id))!;
      await audit('update', 'keyword_rule', id, before, after);
      return after;
    });
  }

  async deleteRule(id: number, actor: string): Promise<void> {
    return this.change(actor, ['rules'], async (trx, _now, audit) => {
      const before = await rulesRepo.getKeywordRule(trx, id);
      if (!before) throw notFound('Keyword rule', id);
      await rulesWrite.deleteKeywordRule(trx, id);
      await audit('delete', 'keyword_rule', id, before, null);
    });
  }

  /** Sets the evaluation order; `ids` must name every rule exactly once. */
  async reorderRules(ids: number[], actor: string): Promise<KeywordRule[]> {
    const existing = this.snapshot.keywordRules.map((r) => r.id);
    if (ids.length !== existing.length || new Set(ids).size !== ids.length || ids.some((i) => !existing.includes(i))) {
      throw invalid({ ids: `List every rule exactly once (${existing.length} rules)` });
    }
    return this.change(actor, ['rules'], async (trx, _now, audit) => {
      await rulesWrite.renumberKeywordRules(trx, ids);
      await audit('reorder', 'keyword_rule', null, existing, ids);
      return rulesRepo.listKeywordRules(trx);
    });
  }

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

  /** Switches the emergency off at its automatic end time, so the switch and its history say so too. */
  private scheduleEmergencyEnd(): void {
    if (this.emergencyTimer) clearTimeout(this.emergencyTimer);
    this.emergencyTimer = null;
    const e = this.current?.emergency;
    if (!e?.active || e.endsAt == null) return;
    const delay = Math.max(0, Math.min(e.endsAt - this.clock.now(), 2 ** 31 - 1));
    this.emergencyTimer = setTimeout(() => {
      void this.endEmergencyIfDue().catch(() => undefined);
    }, delay);
    this.emergencyTimer.unref?.();
  }

  /** Ends an emergency whose automatic end has passed (also called at start-up). */
  async endEmergencyIfDue(): Promise<boolean> {
    const e = this.snapshot.emergency;
    if (!e.active || e.endsAt == null || e.endsAt > this.clock.now()) return false;
    await this.change('system', ['emergency'], async (trx, at, audit) => {
      const before = await calendarRepo.getEmergency(trx);
      await calendarRepo.putEmergency(trx, { active: false, scope: before.scope, message: before.message, endsAt: before.endsAt }, 'system', at);
      await audit('auto_end', 'emergency', 1, before, await calendarRepo.getEmergency(trx));
    });
    return true;
  }

  // ---- templates and dispositions -------------------------------------------------------------------------

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

  async createDisposition(input: unknown, actor: string): Promise<Disposition> {
    const v = parseWith(dispositionInputSchema, input);
    return this.change(actor, ['dispositions'], async (trx, now, audit) => {
      if (await dispositionsRepo.findDispositionByCode(trx, v.code)) throw new ParleyError('conflict', `The code "${v.code}" already exists.`, { code: 'Already in use' });
      const id = await dispositionsRepo.insertDisposition(trx, v, now);
      const after = (await dispositionsRepo.getDisposition(trx, id))!;
      await audit('create', 'disposition_code', id, null, after);
      return after;
    });
  }

  async updateDisposition(id: number, input: unknown, actor: string): Promise<Disposition> {
    const v = parseWith(dispositionInputSchema, input);
    return this.change(actor, ['dispositions'], async (trx, now, audit) => {
      const before = await dispositionsRepo.getDisposition(trx, id);
      if (!before) throw notFound('Disposition code', id);
      const same = await dispositionsRepo.findDispositionByCode(trx, v.code);
      if (same && same.id !== id) throw new ParleyError('conflict', `The code "${v.code}" already exists.`, { code: 'Already in use' });
      await dispositionsRepo.updateDisposition(trx, id, v, now);
      const after = (await dispositionsRepo.getDisposition(trx, id))!;
      await audit('update', 'disposition_code', id, before, after);
      return after;
    });
  }

  /** Deletes an unused code; a code already chosen on an interaction can only be deactivated. */
  async deleteDisposition(id: number, actor: string): Promise<void> {
    return this.change(actor, ['dispositions'], async (trx, _now, audit) => {
      const before = await dispositionsRepo.getDisposition(trx, id);
      if (!before) throw notFound('Disposition code', id);
      if (await dispositionsRepo.dispositionInUse(trx, id)) throw new ParleyError('conflict', `"${before.label}" was used to complete interactions; deactivate it instead so reports keep it.`);
      await dispositionsRepo.deleteDisposition(trx, id);
      await audit('delete', 'disposition_code', id, before, null);
    });
  }

  async reorderDispositions(ids: number[], actor: string): Promise<Disposition[]> {
    const existing = this.snapshot.dispositions.map((d) => d.id);
    if (ids.length !== existing.length || new Set(ids).size !== ids.length || ids.some((i) => !existing.includes(i))) {
      throw invalid({ ids: `List every disposition code exactly once (${existing.length} codes)` });
    }
    return this.change(actor, ['dispositions'], async (trx, _now, audit) => {
      await dispositionsRepo.renumberDispositions(trx, ids);
      await audit('reorder', 'disposition_code', null, existing, ids);
      return dispositionsRepo.listDispositions(trx);
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
