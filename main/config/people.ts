// Configuration of people and outcomes: skills, agent groups, agents, keyword rules, disposition codes.
import * as agentsRepo from '../../db/repositories/agents';
import * as dispositionsRepo from '../../db/repositories/dispositions';
import * as rulesWrite from '../../db/repositories/keywordRules';
import {
  agentInputSchema,
  dispositionInputSchema,
  groupInputSchema,
  keywordRuleInputSchema,
  skillInputSchema,
  type Agent,
  type AgentGroup,
  type Disposition,
  type KeywordRule,
  type Skill,
} from '../../preload/contract/model';
import { notFound, ParleyError } from '../errors';
import { ConfigCore } from './core';
import * as rulesRepo from './rules';
import { checkAgent, checkRule, invalid, parseWith } from './validate';

export class PeopleConfig extends ConfigCore {
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

  // ---- disposition codes --------------------------------------------------------------------------

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
}
