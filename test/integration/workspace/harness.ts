// The agent workspace against a real engine and an in-process sandbox (the channels harness), with a
// small team: Ana (General 6, Billing 9, DM group) and Ben (General 7), disposition codes, templates.
// Each agent works through its own session, as two windows would.
import type { Session } from '../../../main/context';
import type { EventName, MethodInput, MethodName, MethodOutput } from '../../../preload/contract';
import { outbound, sandboxAccount, startHarness, waitFor, type Harness, type HarnessOptions } from '../channels/harness';

export interface Desk {
  h: Harness;
  ana: number;
  ben: number;
  billing: number;
  dmGroup: number;
  resolved: number;
  accounts: { x: number; facebook: number };
  events: Array<{ name: EventName; payload: unknown }>;
  /** Calls a method as the window of this agent (null: a window nobody signed in to). */
  as<M extends MethodName>(agentId: number | null, method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The raw envelope, for asserting on errors. */
  try(agentId: number | null, method: MethodName, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  close(): Promise<void>;
}

export async function startDesk(options: HarnessOptions = {}): Promise<Desk> {
  const h = await startHarness({
    settings: { streamEnabled: false, ...options.settings },
    // Generous read limits: the pollers pace themselves by the remaining calls, and a test should not wait.
    sandboxConfig: { x: { rate_limits: { 'GET /2/dm_events': { user: 100_000 }, 'GET /2/users/:id/mentions': { app: 100_000, user: 100_000 } } } },
    ...(options.timing ? { timing: options.timing } : {}),
  });
  const events: Desk['events'] = [];
  h.engine.ctx.events.subscribe((name, payload) => events.push({ name, payload }));
  const general = await h.call('config.createSkill', { name: 'General' });
  const billing = await h.call('config.createSkill', { name: 'Billing' });
  const dmGroup = await h.call('config.createGroup', { name: 'Private messages' });
  const ana = await h.call('config.createAgent', {
    name: 'Ana Souza',
    skills: [
      { skillId: general.id, level: 6 },
      { skillId: billing.id, level: 9 },
    ],
    groupIds: [dmGroup.id],
  });
  const ben = await h.call('config.createAgent', { name: 'Ben Okafor', skills: [{ skillId: general.id, level: 7 }] });
  await h.call('config.createRule', {
    name: 'Money',
    match: { any: ['refund'] },
    action: { type: 'route_skill', skillId: billing.id, minLevel: 5, priority: 5 },
  });
  const strategy = await h.call('config.getStrategy', {});
  await h.call('config.setStrategy', { ...strategy, dmRouting: { groupId: dmGroup.id, priority: 2 } });
  const resolved = await h.call('config.createDisposition', { code: 'resolved', label: 'Resolved' });
  await h.call('config.createTemplate', { kind: 'canned', name: 'Order number', visibility: 'private', variants: ['Hi {name}, I am {agent}: could you send your order number?'] });
  await h.call('config.createTemplate', { kind: 'move_to_private', name: 'Continue privately', visibility: 'public', variants: ['{name}, we have sent you a private message.'] });
  const x = await sandboxAccount(h, 'x');
  const facebook = await sandboxAccount(h, 'facebook');
  const sessions = new Map<number | null, Session>();
  const sessionOf = (agentId: number | null): Session => {
    let s = sessions.get(agentId);
    if (!s) {
      s = { id: `window-${agentId ?? 'none'}`, host: 'web', agentId };
      sessions.set(agentId, s);
    }
    return s;
  };
  const tryCall: Desk['try'] = (agentId, method, input) => h.engine.dispatch(method, input, sessionOf(agentId)) as ReturnType<Desk['try']>;
  const as: Desk['as'] = async (agentId, method, input) => {
    const r = await h.engine.dispatch(method, input, sessionOf(agentId));
    if (!r.ok) throw new Error(`${method} failed: ${r.error.code}: ${r.error.message}`);
    return r.value as never;
  };
  return { h, ana: ana.id, ben: ben.id, billing: billing.id, dmGroup: dmGroup.id, resolved: resolved.id, accounts: { x: x.id, facebook: facebook.id }, events, as, try: tryCall, close: () => h.close() };
}

/** The interaction that holds the customer message with this network id, once ingest stored it. */
export async function interactionOf(d: Desk, networkMessageId: string): Promise<number> {
  return waitFor(`message ${networkMessageId} stored`, () => {
    const row = d.h.engine.ctx.sqlite.prepare('select interaction_id from message where network_message_id = ?').get(networkMessageId) as { interaction_id: number | null } | undefined;
    return row?.interaction_id ?? null;
  });
}

export async function sentActs(d: Desk, network?: 'x' | 'facebook') {
  return outbound(d.h, network);
}

export { waitFor };
