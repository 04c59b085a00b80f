// What customers do, applied straight to the sandbox state: tweet at the brand, DM it, post on the Page,
// comment, write on Messenger. The control API and the simulator both go through here.
import type { SandboxContext } from './context';
import type { FbComment, FbMessage, FbPost } from './state/facebook';
import type { DmEvent, Tweet, XUser } from './state/x';

export class CustomerError extends Error {}

export interface XAuthor {
  id?: string;
  username: string;
  name?: string;
}

export interface FbAuthor {
  id?: string;
  name: string;
}

const USERNAME = /^[A-Za-z0-9_]{1,15}$/;

function xAuthor(ctx: SandboxContext, author: XAuthor): XUser {
  if (!USERNAME.test(author.username)) throw new CustomerError(`"${author.username}" is not an X username (1-15 letters, digits or _).`);
  if (author.id === ctx.brand.xUserId || author.username.toLowerCase() === ctx.x.users.get(ctx.brand.xUserId)!.username.toLowerCase()) {
    throw new CustomerError('A customer cannot post as the brand account.');
  }
  try {
    return ctx.x.ensureUser(author);
  } catch (e) {
    throw new CustomerError((e as Error).message);
  }
}

function replyTarget(ctx: SandboxContext, id: string | undefined | null): Tweet | null {
  if (!id) return null;
  const t = ctx.x.liveTweet(id);
  if (!t) throw new CustomerError(`Tweet ${id} does not exist (or was deleted), so it cannot be replied to.`);
  return t;
}

/** A customer Tweet that mentions the brand (its handle is prepended when the text lacks it). */
export function customerMention(ctx: SandboxContext, input: { author: XAuthor; text: string; inReplyTo?: string | null; unstreamed?: boolean }): Tweet {
  const brand = ctx.x.users.get(ctx.brand.xUserId)!;
  const user = xAuthor(ctx, input.author);
  const inReplyTo = replyTarget(ctx, input.inReplyTo);
  const mentionsBrand = new RegExp(`(^|[^A-Za-z0-9_])@${brand.username}(?![A-Za-z0-9_])`, 'i').test(input.text);
  const text = mentionsBrand ? input.text : `@${brand.username} ${input.text}`;
  return ctx.x.createTweet({ authorId: user.id, text, inReplyTo, unstreamed: input.unstreamed });
}

/** Any customer Tweet, as written (for keyword stream rules and search). */
export function customerTweet(ctx: SandboxContext, input: { author: XAuthor; text: string; inReplyTo?: string | null }): Tweet {
  const user = xAuthor(ctx, input.author);
  return ctx.x.createTweet({ authorId: user.id, text: input.text, inReplyTo: replyTarget(ctx, input.inReplyTo) });
}

export function customerDm(ctx: SandboxContext, input: { from: XAuthor; text: string }): DmEvent {
  const user = xAuthor(ctx, input.from);
  return ctx.x.createDm({ senderId: user.id, recipientId: ctx.brand.xUserId, text: input.text });
}

function fbAuthor(ctx: SandboxContext, from: FbAuthor) {
  if (from.id === ctx.brand.pageId) throw new CustomerError('A customer cannot post as the Page.');
  if (!from.name.trim()) throw new CustomerError('A Facebook author needs a name.');
  return ctx.fb.ensurePerson(from);
}

export function visitorPost(ctx: SandboxContext, input: { from: FbAuthor; message: string }): FbPost {
  const person = fbAuthor(ctx, input.from);
  return ctx.fb.createPost({ fromId: person.id, message: input.message });
}

/** A comment on a post, or a reply when `objectId` is a comment. */
export function visitorComment(ctx: SandboxContext, input: { objectId: string; from: FbAuthor; message: string }): FbComment {
  const obj = ctx.fb.object(input.objectId);
  if (!obj || (obj.kind !== 'post' && obj.kind !== 'comment')) throw new CustomerError(`${input.objectId} is not a post or comment on the Page.`);
  const person = fbAuthor(ctx, input.from);
  return ctx.fb.createComment({ parent: obj.kind === 'post' ? obj.post : obj.comment, fromId: person.id, message: input.message });
}

export function messengerMessage(ctx: SandboxContext, input: { from: FbAuthor; text: string }): FbMessage {
  const person = fbAuthor(ctx, input.from);
  return ctx.fb.addMessage({ psid: person.id, fromPage: false, text: input.text });
}
