// Agents, skills and agent groups: who can take which work. Plain functions (db, args) -> plain data.
// Status changes made by routing go through routingSqlite.ts (inside the routing transaction).
import type { DB } from '../connection';
import type { AgentStatus, ChannelKind } from '../schema';
import type { AgentRecord as Agent, AgentWrite as AgentInput, CapacityRecord as Capacity, NamedRecord, NamedWrite } from './configTypes';

type Skill = NamedRecord;
type SkillInput = NamedWrite;
type AgentGroup = NamedRecord;
type GroupInput = NamedWrite;

const kinds: readonly ChannelKind[] = ['mention', 'dm', 'post', 'comment', 'messenger'];

// ---- skills ----------------------------------------------------------------------------------

export async function listSkills(db: DB): Promise<Skill[]> {
  const rows = await db.selectFrom('skill').select(['id', 'name', 'description']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description }));
}

export async function getSkill(db: DB, id: number): Promise<Skill | undefined> {
  const r = await db.selectFrom('skill').select(['id', 'name', 'description']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, description: r.description } : undefined;
}

export async function insertSkill(db: DB, input: SkillInput, now: number): Promise<number> {
  const r = await db.insertInto('skill').values({ name: input.name, description: input.description, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateSkill(db: DB, id: number, input: SkillInput): Promise<void> {
  await db.updateTable('skill').set({ name: input.name, description: input.description }).where('id', '=', id).execute();
}

export async function deleteSkill(db: DB, id: number): Promise<void> {
  await db.deleteFrom('skill').where('id', '=', id).execute();
}

export async function findSkillByName(db: DB, name: string): Promise<Skill | undefined> {
  const r = await db.selectFrom('skill').select(['id', 'name', 'description']).where('name', '=', name).executeTakeFirst();
  return r ? { id: r.id, name: r.name, description: r.description } : undefined;
}

// ---- groups ----------------------------------------------------------------------------------

export async function listGroups(db: DB): Promise<AgentGroup[]> {
  const rows = await db.selectFrom('agent_group').select(['id', 'name', 'description']).orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, description: r.description }));
}

export async function getGroup(db: DB, id: number): Promise<AgentGroup | undefined> {
  const r = await db.selectFrom('agent_group').select(['id', 'name', 'description']).where('id', '=', id).executeTakeFirst();
  return r ? { id: r.id, name: r.name, description: r.description } : undefined;
}

export async function findGroupByName(db: DB, name: string): Promise<AgentGroup | undefined> {
  const r = await db.selectFrom('agent_group').select(['id', 'name', 'description']).where('name', '=', name).executeTakeFirst();
  return r ? { id: r.id, name: r.name, description: r.description } : undefined;
}

export async function insertGroup(db: DB, input: GroupInput, now: number): Promise<number> {
  const r = await db.insertInto('agent_group').values({ name: input.name, description: input.description, created_at: now }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateGroup(db: DB, id: number, input: GroupInput): Promise<void> {
  await db.updateTable('agent_group').set({ name: input.name, description: input.description }).where('id', '=', id).execute();
}

export async function deleteGroup(db: DB, id: number): Promise<void> {
  await db.deleteFrom('agent_group').where('id', '=', id).execute();
}

// ---- agents ----------------------------------------------------------------------------------

export async function listAgents(db: DB, options: { includeInactive?: boolean } = {}): Promise<Agent[]> {
  let q = db.selectFrom('agent').selectAll().orderBy('name').orderBy('id');
  if (!options.includeInactive) q = q.where('active', '=', 1);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const [skills, groups, caps] = await Promise.all([
    db.selectFrom('agent_skill').selectAll().execute(),
    db.selectFrom('agent_group_member').selectAll().execute(),
    db.selectFrom('agent_capacity').selectAll().execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    active: r.active === 1,
    status: r.status,
    notReadyReason: r.not_ready_reason,
    statusChangedAt: r.status_changed_at,
    idleSince: r.idle_since,
    skills: skills.filter((s) => s.agent_id === r.id).map((s) => ({ skillId: s.skill_id, level: s.level })).sort((a, b) => a.skillId - b.skillId),
    groupIds: groups.filter((g) => g.agent_id === r.id).map((g) => g.group_id).sort((a, b) => a - b),
    capacity: capacityOf(caps.filter((c) => c.agent_id === r.id)),
  }));
}

function capacityOf(rows: { channel_kind: string; max_active: number }[]): Capacity {
  const cap: Capacity = { mention: 0, dm: 0, post: 0, comment: 0, messenger: 0 };
  for (const r of rows) if ((kinds as readonly string[]).includes(r.channel_kind)) cap[r.channel_kind as ChannelKind] = r.max_active;
  return cap;
}

export async function getAgent(db: DB, id: number): Promise<Agent | undefined> {
  return (await listAgents(db, { includeInactive: true })).find((a) => a.id === id);
}

async function writeAgentLinks(db: DB, id: number, input: AgentInput): Promise<void> {
  await db.deleteFrom('agent_skill').where('agent_id', '=', id).execute();
  await db.deleteFrom('agent_group_member').where('agent_id', '=', id).execute();
  await db.deleteFrom('agent_capacity').where('agent_id', '=', id).execute();
  const skills = new Map(input.skills.map((s) => [s.skillId, s.level])); // last level given for a skill wins
  if (skills.size) await db.insertInto('agent_skill').values([...skills].map(([skill_id, level]) => ({ agent_id: id, skill_id, level }))).execute();
  const groups = [...new Set(input.groupIds)];
  if (groups.length) await db.insertInto('agent_group_member').values(groups.map((group_id) => ({ group_id, agent_id: id }))).execute();
  await db.insertInto('agent_capacity').values(kinds.map((k) => ({ agent_id: id, channel_kind: k, max_active: input.capacity[k] }))).execute();
}

export async function insertAgent(db: DB, input: AgentInput, now: number): Promise<number> {
  const r = await db
    .insertInto('agent')
    .values({ name: input.name, email: input.email, role: input.role, status: 'offline', not_ready_reason: null, status_changed_at: now, idle_since: null, active: input.active ? 1 : 0, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeAgentLinks(db, r.id, input);
  return r.id;
}

export async function updateAgent(db: DB, id: number, input: AgentInput, now: number): Promise<void> {
  const patch: { name: string; email: string | null; role: AgentInput['role']; active: number; updated_at: number; status?: AgentStatus; status_changed_at?: number; not_ready_reason?: null } = {
    name: input.name,
    email: input.email,
    role: input.role,
    active: input.active ? 1 : 0,
    updated_at: now,
  };
  // A deactivated agent cannot stay signed in to take work.
  if (!input.active) Object.assign(patch, { status: 'offline', status_changed_at: now, not_ready_reason: null });
  await db.updateTable('agent').set(patch).where('id', '=', id).execute();
  await writeAgentLinks(db, id, input);
}

/** Whether anything in the history points at the agent (then it can only be deactivated). */
export async function agentHasHistory(db: DB, id: number): Promise<boolean> {
  const i = await db.selectFrom('interaction').select('id').where('assigned_agent_id', '=', id).limit(1).executeTakeFirst();
  if (i) return true;
  const e = await db.selectFrom('interaction_event').select('id').where('agent_id', '=', id).limit(1).executeTakeFirst();
  if (e) return true;
  const m = await db.selectFrom('message').select('id').where('agent_id', '=', id).limit(1).executeTakeFirst();
  return !!m;
}

export async function deleteAgent(db: DB, id: number): Promise<void> {
  await db.deleteFrom('agent').where('id', '=', id).execute();
}
