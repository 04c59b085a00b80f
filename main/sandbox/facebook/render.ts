// Graph objects as JSON: Page, post, comment, conversation, message and person, with requested fields and
// nested edges (comments, likes, reactions, messages, participants) rendered as paged lists.
import type { SandboxContext } from '../context';
import type { FbComment, FbConversation, FbMessage, FbPerson, FbPost } from '../state/facebook';
import { cursorPage, fbTime, serializeFields, type FieldSpec, type PageOut, type PagingLinks } from './fields';

export interface RenderEnv {
  ctx: SandboxContext;
  version: string;
  /** Carried into nested paging links (access_token, appsecret_proof). */
  auth: URLSearchParams;
}

const DEFAULTS: Record<string, string[]> = {
  page: ['name', 'id'],
  post: ['created_time', 'message', 'id'],
  comment: ['created_time', 'from', 'message', 'id'],
  conversation: ['id', 'updated_time'],
  message: ['id', 'created_time'],
  person: ['name', 'id'],
};

/** Graph always returns a node's id, after the requested fields unless it was asked for earlier. */
const withId = (out: Record<string, unknown>, id: string): Record<string, unknown> => ('id' in out ? out : { ...out, id });

const specsOf = (kind: string, fields: FieldSpec[] | null): FieldSpec[] => fields ?? DEFAULTS[kind]!.map((name) => ({ name, children: null }));

export class GraphRenderer {
  constructor(private readonly env: RenderEnv) {}

  private get ctx() {
    return this.env.ctx;
  }

  private links(objectId: string, edge: string, spec: FieldSpec): PagingLinks {
    const q = new URLSearchParams(this.env.auth);
    if (spec.children) q.set('fields', serializeFields(spec.children));
    if (spec.filter) q.set('filter', spec.filter);
    if (spec.order) q.set('order', spec.order);
    return { edgeUrl: `${this.ctx.publicBaseUrl()}/${this.env.version}/${objectId}/${edge}`, query: q };
  }

  actor(id: string, withEmail = false): Record<string, unknown> {
    const out: Record<string, unknown> = { name: this.ctx.fb.nameOf(id) };
    if (withEmail) out.email = `${id}@facebook.com`;
    out.id = id;
    return out;
  }

  private privateReplyOpen(createdAt: number, fromId: string, done: boolean): boolean {
    return !done && fromId !== this.ctx.fb.page.id && this.ctx.clock.now() - createdAt <= this.ctx.config.facebook.private_reply_window_ms;
  }

  page(fields: FieldSpec[] | null): Record<string, unknown> {
    const p = this.ctx.fb.page;
    const out: Record<string, unknown> = {};
    for (const f of specsOf('page', fields)) {
      if (f.name === 'id') out.id = p.id;
      else if (f.name === 'name') out.name = p.name;
      else if (f.name === 'username') out.username = p.username;
      else if (f.name === 'link') out.link = `https://www.facebook.com/${p.username}`;
      else if (f.name === 'category') out.category = 'Shopping & retail';
      else if (f.name === 'fan_count' || f.name === 'followers_count') out[f.name] = this.ctx.fb.people.size;
      else if (f.name === 'about') out.about = `${p.name} on Facebook (Parley sandbox).`;
    }
    return withId(out, p.id);
  }

  person(p: FbPerson, fields: FieldSpec[] | null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const [first, ...rest] = p.name.split(' ');
    for (const f of specsOf('person', fields)) {
      if (f.name === 'name') out.name = p.name;
      else if (f.name === 'first_name') out.first_name = first;
      else if (f.name === 'last_name') out.last_name = rest.join(' ');
      else if (f.name === 'profile_pic') out.profile_pic = `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${p.id}`;
    }
    return withId(out, p.id);
  }

  post(post: FbPost, fields: FieldSpec[] | null): Record<string, unknown> {
    const fb = this.ctx.fb;
    const out: Record<string, unknown> = {};
    const visitor = post.fromId !== fb.page.id;
    for (const f of specsOf('post', fields)) {
      switch (f.name) {
        case 'id':
          out.id = post.id;
          break;
        case 'message':
          if (post.message) out.message = post.message;
          break;
        case 'created_time':
          out.created_time = fbTime(post.createdAt);
          break;
        case 'updated_time':
          out.updated_time = fbTime(post.updatedAt);
          break;
        case 'from':
          out.from = this.actor(post.fromId);
          break;
        case 'permalink_url':
          out.permalink_url = `https://www.facebook.com/${fb.page.id}/posts/${post.objectId}`;
          break;
        case 'status_type':
          out.status_type = visitor ? 'wall_post' : 'mobile_status_update';
          break;
        case 'is_hidden':
          out.is_hidden = post.isHidden;
          break;
        case 'is_published':
          out.is_published = true;
          break;
        case 'can_reply_privately':
          out.can_reply_privately = this.privateReplyOpen(post.createdAt, post.fromId, post.privateReplied);
          break;
        case 'story':
          if (visitor) out.story = `${fb.nameOf(post.fromId)} posted on ${fb.page.name}'s page.`;
          break;
        case 'comments':
          out.comments = this.commentsEdge(post.id, post.comments.filter((id) => fb.comments.get(id)?.parentId === post.id), f);
          break;
        case 'likes':
        case 'reactions':
          out[f.name] = this.likesEdge(post.id, post.likes, f);
          break;
      }
    }
    return withId(out, post.id);
  }

  comment(c: FbComment, fields: FieldSpec[] | null): Record<string, unknown> {
    const fb = this.ctx.fb;
    const out: Record<string, unknown> = {};
    const ownPage = c.fromId === fb.page.id;
    for (const f of specsOf('comment', fields)) {
      switch (f.name) {
        case 'id':
          out.id = c.id;
          break;
        case 'message':
          out.message = c.message;
          break;
        case 'created_time':
          out.created_time = fbTime(c.createdAt);
          break;
        case 'from':
          out.from = this.actor(c.fromId);
          break;
        case 'parent':
          if (c.parentId !== c.postId) {
            const parent = fb.comments.get(c.parentId);
            if (parent) out.parent = { created_time: fbTime(parent.createdAt), from: this.actor(parent.fromId), message: parent.message, id: parent.id };
          }
          break;
        case 'object':
          out.object = { id: c.postId };
          break;
        case 'like_count':
          out.like_count = c.likes.size;
          break;
        case 'comment_count':
          out.comment_count = c.replies.filter((id) => !fb.comments.get(id)?.deleted).length;
          break;
        case 'user_likes':
          out.user_likes = c.likes.has(fb.page.id);
          break;
        case 'can_comment':
        case 'can_like':
          out[f.name] = true;
          break;
        case 'can_hide':
          out.can_hide = !ownPage;
          break;
        case 'can_remove':
          out.can_remove = true;
          break;
        case 'can_reply_privately':
          out.can_reply_privately = this.privateReplyOpen(c.createdAt, c.fromId, c.privateReplied);
          break;
        case 'is_hidden':
          out.is_hidden = c.isHidden;
          break;
        case 'is_private':
          out.is_private = false;
          break;
        case 'permalink_url':
          out.permalink_url = `https://www.facebook.com/${fb.page.id}/posts/${c.postId.split('_')[1]}?comment_id=${c.id.split('_')[1]}`;
          break;
        case 'comments':
          out.comments = this.commentsEdge(c.id, c.replies, f);
          break;
        case 'likes':
        case 'reactions':
          out[f.name] = this.likesEdge(c.id, c.likes, f);
          break;
      }
    }
    return withId(out, c.id);
  }

  commentsEdge(objectId: string, ids: readonly string[], spec: FieldSpec): PageOut<Record<string, unknown>> & { summary?: unknown } {
    const fb = this.ctx.fb;
    const ordered = spec.order === 'reverse_chronological' ? [...ids].reverse() : ids;
    const limit = spec.limit ?? 25;
    const page: PageOut<Record<string, unknown>> & { summary?: unknown } =
      limit === 0
        ? { data: [] }
        : cursorPage(ordered, {
            limit,
            after: null,
            before: null,
            keep: (id) => {
              const c = fb.comments.get(id);
              return c && !c.deleted ? this.comment(c, spec.children) : null;
            },
            links: this.links(objectId, 'comments', spec),
          });
    if (spec.summary) page.summary = { order: spec.order === 'reverse_chronological' ? 'reverse_chronological' : 'chronological', total_count: ids.filter((id) => !fb.comments.get(id)?.deleted).length, can_comment: true };
    return page;
  }

  likesEdge(objectId: string, likes: ReadonlySet<string>, spec: FieldSpec): PageOut<Record<string, unknown>> & { summary?: unknown } {
    const reactions = spec.name === 'reactions';
    const limit = spec.limit ?? 25;
    const ids = [...likes];
    const page: PageOut<Record<string, unknown>> & { summary?: unknown } =
      limit === 0
        ? { data: [] }
        : cursorPage(ids, {
            limit,
            after: null,
            before: null,
            keep: (id) => (reactions ? { id, name: this.ctx.fb.nameOf(id), type: 'LIKE' } : { id, name: this.ctx.fb.nameOf(id) }),
            links: this.links(objectId, spec.name, spec),
          });
    if (spec.summary) {
      const viewer = likes.has(this.ctx.fb.page.id);
      page.summary = reactions ? { total_count: likes.size, viewer_reaction: viewer ? 'LIKE' : 'NONE' } : { total_count: likes.size, can_like: true, has_liked: viewer };
    }
    return page;
  }

  conversation(c: FbConversation, fields: FieldSpec[] | null): Record<string, unknown> {
    const fb = this.ctx.fb;
    const out: Record<string, unknown> = {};
    for (const f of specsOf('conversation', fields)) {
      switch (f.name) {
        case 'id':
          out.id = c.id;
          break;
        case 'updated_time':
          out.updated_time = fbTime(c.updatedAt);
          break;
        case 'participants':
        case 'senders':
          out[f.name] = { data: [this.actor(c.psid, true), this.actor(fb.page.id, true)] };
          break;
        case 'message_count':
          out.message_count = c.messages.length;
          break;
        case 'unread_count':
          out.unread_count = 0;
          break;
        case 'snippet': {
          const last = fb.messages.get(c.messages[c.messages.length - 1] ?? '');
          if (last) out.snippet = last.text.slice(0, 100);
          break;
        }
        case 'can_reply':
          out.can_reply = true;
          break;
        case 'link':
          out.link = `/${fb.page.username}/inbox/${c.id}`;
          break;
        case 'messages':
          out.messages = this.messagesEdge(c, f);
          break;
      }
    }
    return withId(out, c.id);
  }

  messagesEdge(c: FbConversation, spec: FieldSpec): PageOut<Record<string, unknown>> {
    const newestFirst = [...c.messages].reverse();
    return cursorPage(newestFirst, {
      limit: spec.limit ?? 25,
      after: null,
      before: null,
      keep: (id) => this.message(this.ctx.fb.messages.get(id)!, spec.children),
      links: this.links(c.id, 'messages', spec),
    });
  }

  message(m: FbMessage, fields: FieldSpec[] | null): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of specsOf('message', fields)) {
      switch (f.name) {
        case 'id':
          out.id = m.id;
          break;
        case 'created_time':
          out.created_time = fbTime(m.createdAt);
          break;
        case 'message':
          out.message = m.text;
          break;
        case 'from':
          out.from = this.actor(m.fromId, true);
          break;
        case 'to':
          out.to = { data: [this.actor(m.toId, true)] };
          break;
        case 'tags':
          out.tags = { data: [{ name: m.fromId === this.ctx.fb.page.id ? 'source:chat' : 'inbox' }] };
          break;
      }
    }
    return withId(out, m.id);
  }
}
