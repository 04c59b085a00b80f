// Direct messages: send to a participant or into a 1:1 conversation, and read DM events (reverse
// chronological, 30 days, paged). The brand's own sent messages are events too, as on X.
import { json, type Reply } from '../http';
import { dmConversationId, type DmEvent } from '../state/x';
import { userIdOf, type XCall } from './call';
import { decodeToken, encodeToken, page } from './paging';
import { DM_EXPANSIONS, QueryReader } from './params';
import { forbidden, invalidRequest } from './problems';
import { Includes, renderDmEvent } from './render';

const ID = /^[0-9]{1,19}$/;

function send(call: XCall, recipientId: string, conversationId: string): Reply {
  const body = call.req.body;
  const text = body?.text;
  const attachments = body?.attachments;
  if (attachments !== undefined) return invalidRequest([{ parameter: 'attachments', value: JSON.stringify(attachments), message: 'Your media IDs are invalid.' }]);
  if (typeof text !== 'string' || text.length === 0) {
    return invalidRequest([{ parameter: 'text', value: typeof text === 'string' ? text : '', message: '$.text: must be at least 1 characters long' }]);
  }
  if (text.length > 10_000) return invalidRequest([{ parameter: 'text', value: text.slice(0, 20), message: '$.text: may only be 10000 characters long' }]);
  const senderId = userIdOf(call);
  const event = call.ctx.x.createDm({ senderId, recipientId, text });
  if (senderId === call.ctx.brand.xUserId) call.ctx.outbound.record({ network: 'x', kind: 'dm', target_id: recipientId, text, id: event.id });
  return json(201, { data: { dm_conversation_id: conversationId, dm_event_id: event.id } });
}

export function sendToParticipant(call: XCall): Reply {
  const participant = call.req.params.participant_id ?? '';
  if (!ID.test(participant)) return invalidRequest([{ parameter: 'participant_id', value: participant, message: `The \`participant_id\` query parameter value [${participant}] does not match ^[0-9]{1,19}$` }]);
  if (!call.ctx.x.users.has(participant)) return invalidRequest([{ parameter: 'participant_id', value: participant, message: `Could not find user with participant_id: [${participant}].` }]);
  const me = userIdOf(call);
  if (participant === me) return forbidden('You cannot send a Direct Message to yourself.');
  return send(call, participant, dmConversationId(me, participant));
}

function otherParticipant(call: XCall, conversationId: string): string | Reply {
  const m = /^([0-9]{1,19})-([0-9]{1,19})$/.exec(conversationId);
  const me = userIdOf(call);
  if (!m) return invalidRequest([{ parameter: 'dm_conversation_id', value: conversationId, message: `The \`dm_conversation_id\` query parameter value [${conversationId}] is not a valid conversation id` }]);
  if (m[1] !== me && m[2] !== me) return forbidden('You are not a participant in this conversation.');
  const other = m[1] === me ? m[2]! : m[1]!;
  if (!call.ctx.x.users.has(other)) return invalidRequest([{ parameter: 'dm_conversation_id', value: conversationId, message: `Could not find user with id: [${other}].` }]);
  return other;
}

export function sendInConversation(call: XCall): Reply {
  const conversationId = call.req.params.dm_conversation_id ?? '';
  const other = otherParticipant(call, conversationId);
  if (typeof other !== 'string') return other;
  return send(call, other, dmConversationId(userIdOf(call), other));
}

function listEvents(call: XCall, which: { conversationId: string | null }): Reply {
  const q = new QueryReader(call.req.query, ['max_results', 'pagination_token', 'event_types', 'dm_event.fields', 'expansions', 'media.fields', 'user.fields', 'tweet.fields'], DM_EXPANSIONS);
  const max = q.int('max_results', 1, 100, 100);
  const types = q.list('event_types', ['MessageCreate', 'ParticipantsJoin', 'ParticipantsLeave']);
  const fields = q.fields();
  const raw = q.string('pagination_token');
  const scope = which.conversationId ? 'dm_conversation' : 'dm_events';
  const token = raw === null ? null : decodeToken(raw, scope);
  if (raw !== null && !token) q.fail('pagination_token', raw, `The \`pagination_token\` query parameter value [${raw}] is not valid`);
  q.done();
  if (types.size > 0 && !types.has('MessageCreate')) return json(200, { meta: { result_count: 0 } });
  const x = call.ctx.x;
  const me = userIdOf(call);
  const index = which.conversationId ? x.dmConversationIndex(which.conversationId) : x.dmIndex(me);
  const oldest = call.ctx.clock.now() - call.ctx.config.x.dm_window_ms;
  const result = page({
    index,
    floor: 0,
    sinceId: null,
    untilId: null,
    max,
    token,
    accept: (id) => ((x.dmEvents.get(id) as DmEvent).createdAt < oldest ? 'stop' : true),
  });
  if (result.ids.length === 0) return json(200, { meta: { result_count: 0 } });
  const includes = new Includes(x, fields);
  const data = result.ids.map((id) => {
    const e = x.dmEvents.get(id)!;
    includes.forDm(e);
    return renderDmEvent(e, fields.dm);
  });
  const meta: Record<string, unknown> = { result_count: data.length };
  if (result.nextBound) meta.next_token = encodeToken({ dir: 'n', bound: result.nextBound, scope });
  if (result.previousBound) meta.previous_token = encodeToken({ dir: 'p', bound: result.previousBound, scope });
  const body: Record<string, unknown> = { data };
  const inc = includes.build();
  if (inc) body.includes = inc;
  body.meta = meta;
  return json(200, body);
}

export function dmEvents(call: XCall): Reply {
  return listEvents(call, { conversationId: null });
}

export function dmEventsWithParticipant(call: XCall): Reply {
  const participant = call.req.params.participant_id ?? '';
  if (!ID.test(participant)) return invalidRequest([{ parameter: 'participant_id', value: participant, message: `The \`participant_id\` query parameter value [${participant}] does not match ^[0-9]{1,19}$` }]);
  return listEvents(call, { conversationId: dmConversationId(userIdOf(call), participant) });
}

export function dmEventsOfConversation(call: XCall): Reply {
  const conversationId = call.req.params.id ?? '';
  const other = otherParticipant(call, conversationId);
  if (typeof other !== 'string') return other;
  return listEvents(call, { conversationId: dmConversationId(userIdOf(call), other) });
}
