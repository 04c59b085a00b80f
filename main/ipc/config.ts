// Handlers of the config namespace: thin, all rules live in the config service.
import { listAudit } from '../../db/repositories/audit';
import { listSpecialDays } from '../../db/repositories/calendar';
import type { Session } from '../context';
import type { EngineContext } from '../context';
import { fillPlaceholders, unknownPlaceholders } from '../strategy/templates';
import type { NamespaceHandlers } from './types';

/** Who the audit log names for a change made from a window. */
export function actorOf(session: Session): string {
  return session.agentId != null ? `agent:${session.agentId}` : `admin@${session.host}`;
}

const sample = { name: 'Ana Silva', handle: '@ana_s', brand: 'Parley Coffee', agent: 'Sam', special_day: 'Christmas Day' };

export function configHandlers(ctx: EngineContext): NamespaceHandlers<'config'> {
  const cfg = ctx.config;
  const s = () => cfg.snapshot;
  // Status lives in routing (changed many times a day without a configuration change): read it there.
  const liveAgents = () => {
    const live = new Map(ctx.routing.agents().map((a) => [a.id, a]));
    return s().agents.map((a) => {
      const r = live.get(a.id);
      return r ? { ...a, status: r.status, notReadyReason: r.notReadyReason, statusChangedAt: r.statusChangedAt, idleSince: r.idleSince } : a;
    });
  };
  return {
    'config.overview': () => {
      const x = s();
      return {
        version: x.version,
        timeZone: x.timeZone,
        weeklyHours: x.weeklyHours,
        specialDays: x.specialDays,
        emergency: x.emergency,
        templates: x.templates,
        dispositions: x.dispositions,
        agents: liveAgents(),
        skills: x.skills,
        groups: x.groups,
        rules: x.keywordRules,
        strategy: x.strategy,
      };
    },
    'config.listSkills': () => s().skills,
    'config.createSkill': (i, ses) => cfg.createSkill(i, actorOf(ses)),
    'config.updateSkill': ({ id, ...i }, ses) => cfg.updateSkill(id, i, actorOf(ses)),
    'config.deleteSkill': async ({ id }, ses) => (await cfg.deleteSkill(id, actorOf(ses)), null),

    'config.listGroups': () => s().groups,
    'config.createGroup': (i, ses) => cfg.createGroup(i, actorOf(ses)),
    'config.updateGroup': ({ id, ...i }, ses) => cfg.updateGroup(id, i, actorOf(ses)),
    'config.deleteGroup': async ({ id }, ses) => (await cfg.deleteGroup(id, actorOf(ses)), null),

    'config.listAgents': ({ includeInactive }) => liveAgents().filter((a) => includeInactive || a.active),
    'config.createAgent': (i, ses) => cfg.createAgent(i, actorOf(ses)),
    'config.updateAgent': ({ id, ...i }, ses) => cfg.updateAgent(id, i, actorOf(ses)),
    'config.deleteAgent': async ({ id }, ses) => (await cfg.deleteAgent(id, actorOf(ses)), null),

    'config.listRules': () => s().keywordRules,
    'config.createRule': ({ position, ...i }, ses) => cfg.createRule(i, actorOf(ses), position),
    'config.updateRule': ({ id, ...i }, ses) => cfg.updateRule(id, i, actorOf(ses)),
    'config.deleteRule': async ({ id }, ses) => (await cfg.deleteRule(id, actorOf(ses)), null),
    'config.reorderRules': ({ ids }, ses) => cfg.reorderRules(ids, actorOf(ses)),

    'config.setTimeZone': ({ timeZone }, ses) => cfg.setTimeZone(timeZone, actorOf(ses)),
    'config.getWeeklyHours': () => s().weeklyHours,
    'config.setWeeklyHours': ({ hours }, ses) => cfg.setWeeklyHours(hours, actorOf(ses)),
    'config.listSpecialDays': async (range) => (await listSpecialDays(ctx.db, range)).map(({ icalUid: _u, ...d }) => d),
    'config.createSpecialDay': (i, ses) => cfg.createSpecialDay(i, actorOf(ses)),
    'config.updateSpecialDay': ({ id, ...i }, ses) => cfg.updateSpecialDay(id, i, actorOf(ses)),
    'config.deleteSpecialDay': async ({ id }, ses) => (await cfg.deleteSpecialDay(id, actorOf(ses)), null),
    'config.previewIcs': ({ text }) => cfg.previewIcs(text),
    'config.importIcs': ({ text }, ses) => cfg.importIcs(text, actorOf(ses)),
    'config.exportIcs': async () => ({ fileName: 'parley-special-days.ics', text: await cfg.exportIcs() }),

    'config.getEmergency': () => s().emergency,
    'config.setEmergency': (i, ses) => cfg.setEmergency(i, actorOf(ses)),

    'config.listTemplates': () => s().templates,
    'config.createTemplate': (i, ses) => cfg.createTemplate(i, actorOf(ses)),
    'config.updateTemplate': ({ id, ...i }, ses) => cfg.updateTemplate(id, i, actorOf(ses)),
    'config.deleteTemplate': async ({ id }, ses) => (await cfg.deleteTemplate(id, actorOf(ses)), null),
    'config.previewTemplate': ({ text, network, values }) => ({
      text: fillPlaceholders(text, {
        ...sample,
        network: network === 'x' ? 'X' : 'Facebook',
        opens_at: 'Monday 7 December at 09:00 (CET)',
        ...values,
      }),
      unknownPlaceholders: unknownPlaceholders(text),
    }),

    'config.listDispositions': () => s().dispositions,
    'config.createDisposition': (i, ses) => cfg.createDisposition(i, actorOf(ses)),
    'config.updateDisposition': ({ id, ...i }, ses) => cfg.updateDisposition(id, i, actorOf(ses)),
    'config.deleteDisposition': async ({ id }, ses) => (await cfg.deleteDisposition(id, actorOf(ses)), null),
    'config.reorderDispositions': ({ ids }, ses) => cfg.reorderDispositions(ids, actorOf(ses)),

    'config.getStrategy': () => s().strategy,
    'config.setStrategy': (i, ses) => cfg.setStrategySettings(i, actorOf(ses)),

    'config.history': ({ entity, limit, beforeId }) => listAudit(ctx.db, { entity, limit, beforeId }),
  };
}
