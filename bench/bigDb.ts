// A year of a busy desk in one Parley data folder: 1,000,000 messages, written straight through the raw
// connection in large transactions (the pipeline would take many minutes), with rows shaped like the ones
// ingest writes (decision paths produced by the real strategy, outbox items for every reply, interaction
// events). One contact has 10,000 messages. Built once and kept under the benchmark cache folder, keyed by
// the schema version, so later runs start at once.
import fs from 'node:fs';
import path from 'node:path';
import { latestVersion } from '../db/migrate';
import { DB_FILE } from '../main/engine';
import { decide } from '../main/strategy/decide';
import { BENCH_NOW, busyDesk, cacheDir, openBrain } from './brain';
import { customerText, rng } from './corpus';
import { CITIES, PERSONAS } from '../main/sandbox/simulatorCorpus';
import type { ChannelKind } from '../preload/contract/model';

export interface BigDb {
  /** A data folder holding parley.db (and its secret key). */
  dir: string;
  messages: number;
  contacts: number;
  /** The contact with HEAVY_CONTACT_MESSAGES messages. */
  heavyContactId: number;
  /** Words to search for, by how common they are. */
  searchTerms: { rare: string[]; medium: string[]; common: string[] };
}

const BUILDER = 3; // bump when the shape of the generated data changes
export const HEAVY_CONTACT_MESSAGES = 10_000;
const DAY = 86_400_000;

export async function bigDb(messages = 1_000_000, log: (line: string) => void = () => {}): Promise<BigDb> {
  const contacts = Math.max(1_000, Math.round(messages / 10));
  const dir = path.join(cacheDir(), `history-v${latestVersion}-b${BUILDER}-${messages}`);
  const done = path.join(dir, 'complete.json');
  if (fs.existsSync(done)) return JSON.parse(fs.readFileSync(done, 'utf8')) as BigDb;
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const started = performance.now();
  log(`Building a ${messages.toLocaleString('en-US')}-message database in ${dir} (once; later runs reuse it)...`);

  const b = await openBrain(dir, { now: BENCH_NOW });
  await busyDesk(b, { agents: 50, readyShare: 0, extraRules: 40 });
  const snap = b.ctx.config.snapshot;
  const agents = snap.agents.map((a) => a.id);
  const dispositions = snap.dispositions.map((d) => d.id);
  const r = rng(2026);

  // Real decision paths, reused round-robin: the stored rows then have the size and shape ingest gives them.
  const decisions: string[] = [];
  for (let i = 0; i < 400; i++) {
    const kind: ChannelKind = (['mention', 'dm', 'comment', 'messenger'] as const)[i % 4]!;
    const persona = PERSONAS[i % PERSONAS.length]!;
    const d = decide(
      { network: kind === 'mention' || kind === 'dm' ? 'x' : 'facebook', channelKind: kind, text: customerText(r, persona.script, i), at: BENCH_NOW - (i % 48) * 3_600_000, networkMessageId: String(i), brand: 'Parley Coffee' },
      { name: persona.name, handle: persona.handle, lastAutoMessageAt: null },
      snap,
      () => ({ available: false, agentId: null, reason: 'All 12 Ready suitable agent(s) are at capacity for mention; it waits in the queue.' }),
    );
    decisions.push(JSON.stringify(d));
  }

  const db = b.handle.sqlite;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const ins = {
    contact: db.prepare(`insert into contact (id, display_name, email, phone, notes, avatar_url, merged_into_id, created_at, updated_at) values (?, ?, null, null, '', ?, null, ?, ?)`),
    identity: db.prepare(`insert into contact_identity (id, contact_id, network, network_user_id, handle, display_name, avatar_url, first_seen_at, last_seen_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    handle: db.prepare(`insert into contact_handle_history (identity_id, handle, display_name, seen_from, seen_until) values (?, ?, ?, ?, ?)`),
    interaction: db.prepare(
      `insert into interaction (id, contact_id, account_id, network, channel_kind, thread_key, state, skill_id, skill_level, group_id, priority, assigned_agent_id, auto_outcome,
         decision_json, sentiment, subject, disposition_code_id, disposition_note, created_at, queued_at, assigned_at, first_response_at, completed_at, last_inbound_at, updated_at)
       values (?, ?, ?, ?, ?, ?, ?, null, null, null, 0, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    event: db.prepare(`insert into interaction_event (interaction_id, at, kind, agent_id, detail_json) values (?, ?, ?, ?, ?)`),
    outbox: db.prepare(
      `insert into outbox_item (id, idempotency_key, account_id, interaction_id, kind, payload_json, state, attempts, next_attempt_at, deadline_at, last_error_code, last_error_message,
         result_network_id, created_by, created_at, updated_at, sent_at) values (?, ?, ?, ?, ?, ?, 'sent', 1, ?, ?, null, null, ?, ?, ?, ?, ?)`,
    ),
    message: db.prepare(
      `insert into message (interaction_id, contact_id, account_id, network, channel_kind, kind, direction, visibility, author_kind, agent_id, network_message_id,
         in_reply_to_network_id, thread_network_id, text, raw_json, outbox_item_id, sent_at, stored_at) values (?, ?, ?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };

  // Contacts (identity id = contact id).
  const start = BENCH_NOW - 365 * DAY;
  db.transaction(() => {
    for (let c = 1; c <= contacts; c++) {
      const p = PERSONAS[c % PERSONAS.length]!;
      const x = c % 5 < 3;
      const name = `${p.name} ${c}`;
      ins.contact.run(c, name, x ? `https://pbs.example/${c}.jpg` : null, start, start);
      ins.identity.run(c, c, x ? 'x' : 'facebook', x ? String(10_000_000 + c) : `psid-${c}`, x ? `${p.handle}_${c}` : null, name, null, start, start);
      if (x) ins.handle.run(c, `${p.handle}_${c}`, name, start, null);
      if (x && c % 10 === 0) ins.handle.run(c, `old_${p.handle}_${c}`, name, start - DAY, start);
    }
  })();
  log(`  ${contacts.toLocaleString('en-US')} contacts`);

  // Interactions and their messages, oldest first; the heavy contact writes every hundredth message.
  let written = 0;
  let interactionId = 0;
  let outboxId = 0;
  let tweet = 1_800_000_000_000_000_000n;
  const perStep = (365 * DAY) / messages;
  const states = (age: number): 'completed' | 'auto_handled' | 'ignored' | 'queued' | 'assigned' => {
    if (age < 2 * 3_600_000) return r() < 0.7 ? 'queued' : 'assigned';
    const x = r();
    return x < 0.8 ? 'completed' : x < 0.95 ? 'auto_handled' : 'ignored';
  };
  const batch = 20_000;
  while (written < messages) {
    db.transaction(() => {
      const until = Math.min(messages, written + batch);
      while (written < until) {
        const at = Math.round(start + written * perStep);
        const heavy = written % 100 === 0 && written / 100 < HEAVY_CONTACT_MESSAGES;
        const contact = heavy ? 1 : 2 + Math.floor(r() * (contacts - 1));
        const x = contact % 5 < 3;
        const kind: ChannelKind = x ? (r() < 0.75 ? 'mention' : 'dm') : r() < 0.6 ? 'comment' : 'messenger';
        const network = x ? 'x' : 'facebook';
        const account = x ? b.accounts.x : b.accounts.facebook;
        const state = states(BENCH_NOW - at);
        const agent = state === 'completed' || state === 'assigned' ? agents[Math.floor(r() * agents.length)]! : null;
        const id = ++interactionId;
        const thread = kind === 'dm' ? `dm-${contact}` : kind === 'messenger' ? `t_${contact}` : x ? String(tweet) : `post-${id % 5_000}`;
        const queuedAt = state === 'auto_handled' || state === 'ignored' ? null : at + 1_000;
        const assignedAt = agent ? at + 60_000 + Math.floor(r() * 3_600_000) : null;
        const firstResponse = state === 'completed' ? assignedAt! + 30_000 + Math.floor(r() * 900_000) : null;
        const completedAt = firstResponse ? firstResponse + Math.floor(r() * 1_800_000) : null;
        const persona = PERSONAS[contact % PERSONAS.length]!;
        const text = customerText(r, persona.script, written) + (r() < 0.3 ? ` ${CITIES[persona.script][written % CITIES[persona.script].length]}` : '');
        ins.interaction.run(
          id, contact, account, network, kind, thread, state, agent, state === 'auto_handled' ? 'auto_reply' : state === 'ignored' ? 'ignored' : null,
          decisions[id % decisions.length], Math.round((r() * 2 - 1) * 1000) / 1000, text.slice(0, 80), state === 'completed' ? dispositions[id % dispositions.length]! : null,
          at, queuedAt, assignedAt, firstResponse, completedAt, at, completedAt ?? at,
        );
        ins.event.run(id, at, 'created', null, `{"state":"${state === 'auto_handled' || state === 'ignored' ? state : 'queued'}"}`);
        if (agent) ins.event.run(id, assignedAt, 'assigned', agent, null);
        if (completedAt) ins.event.run(id, completedAt, 'completed', agent, `{"by":"agent:${agent}"}`);
        const customerId = x ? String(tweet++) : `${kind}-${written}`;
        ins.message.run(id, contact, account, network, kind, 'in', kind === 'dm' || kind === 'messenger' ? 'private' : 'public', 'customer', null, customerId, null, thread, text, `{"id":"${customerId}"}`, null, at, at);
        written++;
        // Most conversations get an answer: an agent's reply, sent through the outbox.
        if (firstResponse && written < messages) {
          const replyId = x ? String(tweet++) : `${kind}-r-${written}`;
          const oid = ++outboxId;
          const replyText = `Hi ${persona.name.split(' ')[0]}, thanks for writing. We are looking into order ${100_000 + written} and will update you here.`;
          ins.outbox.run(oid, `agent:${id}:${oid}`, account, id, x ? (kind === 'dm' ? 'dm' : 'reply') : kind === 'messenger' ? 'messenger' : 'comment', `{"text":${JSON.stringify(replyText)}}`, firstResponse, firstResponse + 1_800_000, replyId, `agent:${agent}`, firstResponse, firstResponse, firstResponse);
          ins.message.run(id, contact, account, network, kind, 'out', kind === 'dm' || kind === 'messenger' ? 'private' : 'public', 'agent', agent, replyId, customerId, thread, replyText, null, oid, firstResponse, firstResponse);
          written++;
        }
      }
    })();
    if (written % 200_000 < batch) log(`  ${written.toLocaleString('en-US')} messages (${Math.round((performance.now() - started) / 1000)} s)`);
  }
  // Routing loads the waiting queue at start-up: it must see the recent interactions in their real states.
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('optimize');
  await b.close();
  const terms = {
    rare: Array.from({ length: 20 }, (_, i) => String(100_000 + Math.floor((i + 1) * (messages / 21)))),
    medium: ['Lisbon', 'Toronto', 'Dublin', 'blender', 'jacket', 'Казань', '東京', 'الرياض', 'policy', 'address'],
    common: ['order', 'delivery', 'refund', 'thanks', 'where is'],
  };
  const result: BigDb = { dir, messages: written, contacts, heavyContactId: 1, searchTerms: terms };
  fs.writeFileSync(done, JSON.stringify(result));
  log(`  done in ${Math.round((performance.now() - started) / 1000)} s (${Math.round(fs.statSync(path.join(dir, DB_FILE)).size / 2 ** 20).toLocaleString('en-US')} MB)`);
  return result;
}
