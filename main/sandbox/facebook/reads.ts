// Graph reads: a node by id, the Page's feed / posts / visitor_posts / tagged, comments of a post or a
// comment, likes and reactions, Messenger conversations and their messages.
import { json, type Reply } from '../http';
import type { FbPost } from '../state/facebook';
import type { GraphCall } from './call';
import { invalidParam, unknownObject, unknownPath } from './errors';
import { cursorPage, parseFields, parseTimeParam, type FieldSpec, type PagingLinks } from './fields';

function links(call: GraphCall, path: string): PagingLinks {
  const q = new URLSearchParams(call.req.query);
  return { edgeUrl: `${call.ctx.publicBaseUrl()}/${call.version}/${path}`, query: q };
}

function paging(call: GraphCall) {
  return { limit: call.params.int('limit', 25, 100), after: call.params.string('after'), before: call.params.string('before') };
}

export function readNode(call: GraphCall): Reply {
  const fields = parseFields(call.params.string('fields'));
  const obj = call.ctx.fb.object(call.objectId);
  if (!obj) throw unknownObject(call.objectId, 'get');
  const r = call.render;
  switch (obj.kind) {
    case 'page':
      return json(200, r.page(fields));
    case 'post':
      return json(200, r.post(obj.post, fields));
    case 'comment':
      return json(200, r.comment(obj.comment, fields));
    case 'conversation':
      return json(200, r.conversation(obj.conversation, fields));
    case 'message':
      return json(200, r.message(obj.message, fields));
    case 'person':
      return json(200, r.person(obj.person, fields));
  }
}

function feed(call: GraphCall, which: 'feed' | 'posts' | 'visitor_posts' | 'tagged'): Reply {
  const fb = call.ctx.fb;
  const fields = parseFields(call.params.string('fields'));
  const since = parseTimeParam(call.params.string('since'), 'since');
  const until = parseTimeParam(call.params.string('until'), 'until');
  const includeHidden = call.params.bool('include_hidden') ?? false;
  const pageId = fb.page.id;
  const select = (p: FbPost) =>
    which === 'posts' ? p.fromId === pageId : which === 'visitor_posts' ? p.fromId !== pageId : which === 'tagged' ? p.tagsPage : true;
  // Newest first. Time bounds narrow the list itself; deleted/hidden posts stay in it as tombstones.
  const list: string[] = [];
  for (let i = fb.feed.length - 1; i >= 0; i--) {
    const p = fb.posts.get(fb.feed[i]!)!;
    if (until !== null && p.createdAt > until) continue;
    if (since !== null && p.createdAt < since) break;
    if (select(p)) list.push(p.id);
  }
  const page = cursorPage(list, {
    ...paging(call),
    keep: (id) => {
      const p = fb.posts.get(id)!;
      return p.deleted || (p.isHidden && !includeHidden) ? null : call.render.post(p, fields);
    },
    links: links(call, `${call.objectId}/${which}`),
  });
  return json(200, page);
}

function comments(call: GraphCall): Reply {
  const fb = call.ctx.fb;
  const obj = fb.object(call.objectId);
  if (!obj || (obj.kind !== 'post' && obj.kind !== 'comment')) throw unknownObject(call.objectId, 'get');
  const filter = call.params.string('filter') ?? 'toplevel';
  if (filter !== 'toplevel' && filter !== 'stream') throw invalidParam(`Param filter must be one of {toplevel, stream} - got "${filter}"`);
  const order = call.params.string('order') ?? 'chronological';
  if (order !== 'chronological' && order !== 'reverse_chronological' && order !== 'ranked') {
    throw invalidParam(`Param order must be one of {chronological, reverse_chronological, ranked} - got "${order}"`);
  }
  const since = parseTimeParam(call.params.string('since'), 'since');
  let ids: string[];
  if (obj.kind === 'post') ids = filter === 'stream' ? obj.post.comments : obj.post.comments.filter((id) => fb.comments.get(id)?.parentId === obj.post.id);
  else ids = obj.comment.replies;
  if (since !== null) ids = ids.filter((id) => fb.comments.get(id)!.createdAt >= since);
  const ordered = order === 'reverse_chronological' ? [...ids].reverse() : ids;
  const fields = parseFields(call.params.string('fields'));
  const page: Record<string, unknown> = {
    ...cursorPage(ordered, {
      ...paging(call),
      keep: (id) => {
        const c = fb.comments.get(id)!;
        return c.deleted ? null : call.render.comment(c, fields);
      },
      links: links(call, `${call.objectId}/comments`),
    }),
  };
  if (call.params.bool('summary')) {
    page.summary = { order: order === 'ranked' ? 'ranked' : order, total_count: ids.filter((id) => !fb.comments.get(id)!.deleted).length, can_comment: true };
  }
  return json(200, page);
}

function likes(call: GraphCall, edge: 'likes' | 'reactions'): Reply {
  const obj = call.ctx.fb.object(call.objectId);
  if (!obj || (obj.kind !== 'post' && obj.kind !== 'comment')) throw unknownObject(call.objectId, 'get');
  const set = obj.kind === 'post' ? obj.post.likes : obj.comment.likes;
  const spec: FieldSpec = { name: edge, limit: call.params.int('limit', 25, 100), summary: call.params.bool('summary') ?? false, children: null };
  const out = call.render.likesEdge(call.objectId, set, spec);
  return json(200, out);
}

function conversations(call: GraphCall): Reply {
  const fb = call.ctx.fb;
  const platform = (call.params.string('platform') ?? 'messenger').toLowerCase();
  if (platform !== 'messenger' && platform !== 'instagram') throw invalidParam(`Param platform must be one of {MESSENGER, INSTAGRAM} - got "${platform}"`);
  const userId = call.params.string('user_id');
  const fields = parseFields(call.params.string('fields'));
  const all = platform === 'instagram' ? [] : fb.conversationsByActivity().filter((c) => !userId || c.psid === userId);
  const page = cursorPage(
    all.map((c) => c.id),
    { ...paging(call), keep: (id) => call.render.conversation(fb.conversations.get(id)!, fields), links: links(call, `${call.objectId}/conversations`) },
  );
  return json(200, page);
}

function messages(call: GraphCall): Reply {
  const obj = call.ctx.fb.object(call.objectId);
  if (!obj || obj.kind !== 'conversation') throw unknownObject(call.objectId, 'get');
  const fields = parseFields(call.params.string('fields'));
  const newestFirst = [...obj.conversation.messages].reverse();
  const page = cursorPage(newestFirst, {
    ...paging(call),
    keep: (id) => call.render.message(call.ctx.fb.messages.get(id)!, fields),
    links: links(call, `${call.objectId}/messages`),
  });
  return json(200, page);
}

export function readEdge(call: GraphCall): Reply {
  const obj = call.ctx.fb.object(call.objectId);
  if (!obj) throw unknownObject(call.objectId, 'get');
  const edge = call.edge!;
  if (obj.kind === 'page') {
    if (edge === 'feed' || edge === 'posts' || edge === 'visitor_posts' || edge === 'tagged') return feed(call, edge);
    if (edge === 'conversations') return conversations(call);
  }
  if (edge === 'comments') return comments(call);
  if (edge === 'likes' || edge === 'reactions') return likes(call, edge);
  if (edge === 'messages' && obj.kind === 'conversation') return messages(call);
  throw unknownPath(edge);
}
