// Graph writes: comment as the Page, like/unlike, hide/unhide, delete, and the Send API with its rules:
// the 24-hour standard window, HUMAN_AGENT inside 7 days (when the app has the feature), one private reply
// per comment or post inside 7 days, and recipients who cannot be reached.
import { json, type Reply } from '../http';
import type { FbComment, FbPost } from '../state/facebook';
import type { GraphCall } from './call';
import { fail, invalidParam, unknownObject, unknownPath } from './errors';

const OUTSIDE_WINDOW =
  '(#10) This message is sent outside of allowed window. Learn more about the new policy here: https://developers.facebook.com/docs/messenger-platform/policy-overview';

function target(call: GraphCall, method: 'post' | 'delete'): { kind: 'post'; post: FbPost } | { kind: 'comment'; comment: FbComment } {
  const obj = call.ctx.fb.object(call.objectId);
  if (!obj || (obj.kind !== 'post' && obj.kind !== 'comment')) throw unknownObject(call.objectId, method);
  return obj;
}

function comment(call: GraphCall): Reply {
  const fb = call.ctx.fb;
  const obj = target(call, 'post');
  const message = call.params.string('message');
  const attachment = call.params.string('attachment_url') ?? call.params.string('attachment_id') ?? call.params.string('attachment_share_url');
  if (!message && !attachment) throw invalidParam('Missing message or attachment');
  const text = message ?? '';
  const created = fb.createComment({ parent: obj.kind === 'post' ? obj.post : obj.comment, fromId: fb.page.id, message: text });
  call.ctx.outbound.record({ network: 'facebook', kind: 'comment', target_id: call.objectId, text, id: created.id });
  return json(200, { id: created.id });
}

function like(call: GraphCall, on: boolean): Reply {
  const obj = target(call, on ? 'post' : 'delete');
  const likes = obj.kind === 'post' ? obj.post.likes : obj.comment.likes;
  const pageId = call.ctx.fb.page.id;
  // Idempotent: only a change of state is an act.
  if (on && !likes.has(pageId)) {
    likes.add(pageId);
    call.ctx.outbound.record({ network: 'facebook', kind: 'like', target_id: call.objectId });
  } else if (!on && likes.delete(pageId)) {
    call.ctx.outbound.record({ network: 'facebook', kind: 'unlike', target_id: call.objectId });
  }
  return json(200, { success: true });
}

/** POST /{object-id} with is_hidden: hide or unhide a comment (or a visitor post). */
function updateNode(call: GraphCall): Reply {
  const obj = target(call, 'post');
  const hidden = call.params.bool('is_hidden');
  if (hidden === null) {
    if (call.params.has('message')) throw invalidParam('Editing is not supported for this object in the sandbox; send is_hidden to hide or unhide.');
    throw invalidParam('No valid parameters were sent: use is_hidden=true or is_hidden=false');
  }
  const item = obj.kind === 'post' ? obj.post : obj.comment;
  if (item.fromId === call.ctx.fb.page.id) throw fail({ message: "(#100) Cannot hide the Page's own content", code: 100 });
  if (item.isHidden !== hidden) {
    item.isHidden = hidden;
    call.ctx.outbound.record({ network: 'facebook', kind: hidden ? 'hide' : 'unhide', target_id: call.objectId });
  }
  return json(200, { success: true });
}

function deleteNode(call: GraphCall): Reply {
  const obj = target(call, 'delete');
  const item = obj.kind === 'post' ? obj.post : obj.comment;
  item.deleted = true;
  call.ctx.outbound.record({ network: 'facebook', kind: 'delete', target_id: call.objectId });
  return json(200, { success: true });
}

function unavailable(call: GraphCall, psid: string): boolean {
  const u = call.ctx.config.facebook.recipient_unavailable;
  return u === true || (Array.isArray(u) && u.includes(psid));
}

const notAvailable = () => fail({ message: "(#551) This person isn't available right now.", code: 551, subcode: 1545041 });

function privateReply(call: GraphCall, recipient: { comment_id?: unknown; post_id?: unknown }, text: string): Reply {
  const fb = call.ctx.fb;
  const id = String(recipient.comment_id ?? recipient.post_id);
  const obj = fb.object(id);
  const item = obj?.kind === 'comment' ? obj.comment : obj?.kind === 'post' ? obj.post : null;
  if (!item || (recipient.comment_id !== undefined) !== (obj?.kind === 'comment')) throw unknownObject(id, 'post');
  if (item.fromId === fb.page.id) throw fail({ message: "(#10903) This activity can't be replied to", code: 10903 });
  if (item.privateReplied) throw fail({ message: '(#10900) Activity already replied to', code: 10900 });
  if (call.ctx.clock.now() - item.createdAt > call.ctx.config.facebook.private_reply_window_ms) {
    throw fail({ message: OUTSIDE_WINDOW, code: 10, subcode: 2018278 });
  }
  if (unavailable(call, item.fromId)) throw notAvailable();
  item.privateReplied = true;
  // The reply lands in Messenger; the person's 24-hour window opens only when they answer.
  const message = fb.addMessage({ psid: item.fromId, fromPage: true, text });
  call.ctx.outbound.record({ network: 'facebook', kind: 'private_reply', target_id: id, text, id: message.id });
  return json(200, { recipient_id: item.fromId, message_id: message.id });
}

const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'UTILITY'];
const TAGS = ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'CUSTOMER_FEEDBACK', 'HUMAN_AGENT', 'POST_PURCHASE_UPDATE'];

/** POST /{page-id}/messages (or /me/messages): the Send API. */
function send(call: GraphCall): Reply {
  const fb = call.ctx.fb;
  const cfg = call.ctx.config.facebook;
  const recipient = call.params.object('recipient');
  if (!recipient) throw invalidParam('param recipient must be non-empty.');
  const senderAction = call.params.string('sender_action');
  const message = call.params.object('message');
  if (!message && senderAction) {
    if (!['typing_on', 'typing_off', 'mark_seen'].includes(senderAction)) throw invalidParam('param sender_action must be one of {typing_on, typing_off, mark_seen}');
    return json(200, { recipient_id: String(recipient.id ?? '') });
  }
  if (!message) throw invalidParam('param message must be non-empty.');
  if (message.attachment !== undefined) throw invalidParam('Attachments are not supported by the sandbox Send API; send message.text.');
  const text = typeof message.text === 'string' ? message.text : '';
  if (!text) throw invalidParam('param message[text] must be non-empty.');
  if ([...text].length > 2000) throw invalidParam('Length of param message[text] must be less than or equal to 2000');
  const type = (call.params.string('messaging_type') ?? 'RESPONSE').toUpperCase();
  if (!MESSAGING_TYPES.includes(type)) throw invalidParam(`Param messaging_type must be one of {${MESSAGING_TYPES.join(', ')}} - got "${type}"`);
  const tag = call.params.string('tag')?.toUpperCase() ?? null;
  if (type === 'MESSAGE_TAG' && (!tag || !TAGS.includes(tag))) throw invalidParam(`Param tag must be one of {${TAGS.join(', ')}} when messaging_type is MESSAGE_TAG`);

  if (recipient.comment_id !== undefined || recipient.post_id !== undefined) return privateReply(call, recipient, text);

  const psid = typeof recipient.id === 'string' || typeof recipient.id === 'number' ? String(recipient.id) : '';
  const person = fb.people.get(psid);
  const conversation = person ? fb.conversationWith(psid) : undefined;
  if (!person || !conversation) throw fail({ message: '(#100) No matching user found', code: 100, subcode: 2018001 });
  if (unavailable(call, psid)) throw notAvailable();
  const since = conversation.lastInboundAt === null ? Infinity : call.ctx.clock.now() - conversation.lastInboundAt;
  let allowed: boolean;
  if (type === 'MESSAGE_TAG') {
    if (tag === 'HUMAN_AGENT') allowed = cfg.human_agent && since <= cfg.human_agent_window_ms;
    else if (tag === 'CUSTOMER_FEEDBACK') allowed = since <= 7 * 86_400_000;
    else allowed = true;
  } else {
    allowed = since <= cfg.standard_window_ms;
  }
  if (!allowed) throw fail({ message: OUTSIDE_WINDOW, code: 10, subcode: 2018278 });
  const sent = fb.addMessage({ psid, fromPage: true, text, tag: type === 'MESSAGE_TAG' ? tag : type });
  call.ctx.outbound.record({ network: 'facebook', kind: 'messenger', target_id: psid, text, id: sent.id, tag: type === 'MESSAGE_TAG' ? tag! : type });
  return json(200, { recipient_id: psid, message_id: sent.id });
}

export function writeNode(call: GraphCall, method: 'POST' | 'DELETE'): Reply {
  return method === 'POST' ? updateNode(call) : deleteNode(call);
}

export function writeEdge(call: GraphCall, method: 'POST' | 'DELETE'): Reply {
  const edge = call.edge!;
  const obj = call.ctx.fb.object(call.objectId);
  if (edge === 'messages' && obj?.kind === 'page' && method === 'POST') return send(call);
  if (edge === 'comments' && method === 'POST') return comment(call);
  if (edge === 'likes') return like(call, method === 'POST');
  if (!obj) throw unknownObject(call.objectId, method === 'POST' ? 'post' : 'delete');
  throw unknownPath(edge);
}
