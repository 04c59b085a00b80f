// The Facebook side: one Page, the people who write to it (identified by page-scoped ids), posts on its
// feed, comments and replies, Messenger threads and messages. Lists are append-only with tombstones so
// cursors stay valid when something is deleted (and a page of results may come back empty, as on Graph).
import type { FacebookIds } from '../ids';

export interface FbPage {
  id: string;
  name: string;
  username: string;
}

export interface FbPerson {
  /** Page-scoped id: the same number identifies them on the feed and in Messenger here. */
  id: string;
  name: string;
}

export interface FbPost {
  /** "{page_id}_{post_object_id}" */
  id: string;
  objectId: string;
  fromId: string;
  message: string;
  createdAt: number;
  updatedAt: number;
  isHidden: boolean;
  deleted: boolean;
  /** Mentions the Page by name ("@Acme"): also listed on /{page-id}/tagged. */
  tagsPage: boolean;
  /** Ids of every comment under the post (replies included), oldest first. */
  comments: string[];
  likes: Set<string>;
  privateReplied: boolean;
}

export interface FbComment {
  /** "{post_object_id}_{comment_object_id}" */
  id: string;
  postId: string;
  /** The post id for a top-level comment, the parent comment id for a reply. */
  parentId: string;
  fromId: string;
  message: string;
  createdAt: number;
  isHidden: boolean;
  deleted: boolean;
  replies: string[];
  likes: Set<string>;
  privateReplied: boolean;
}

export interface FbConversation {
  id: string;
  psid: string;
  messages: string[];
  updatedAt: number;
  /** The person's last message to the Page; the messaging windows count from here. Null until they write. */
  lastInboundAt: number | null;
}

export interface FbMessage {
  id: string;
  conversationId: string;
  fromId: string;
  toId: string;
  text: string;
  createdAt: number;
  tag: string | null;
}

export type FbObject =
  | { kind: 'page'; page: FbPage }
  | { kind: 'post'; post: FbPost }
  | { kind: 'comment'; comment: FbComment }
  | { kind: 'conversation'; conversation: FbConversation }
  | { kind: 'message'; message: FbMessage }
  | { kind: 'person'; person: FbPerson };

export class FacebookState {
  readonly people = new Map<string, FbPerson>();
  private readonly peopleByName = new Map<string, string>();
  readonly posts = new Map<string, FbPost>();
  /** Post ids in creation order (the feed reads it newest first). */
  readonly feed: string[] = [];
  readonly comments = new Map<string, FbComment>();
  readonly conversations = new Map<string, FbConversation>();
  private readonly conversationByPsid = new Map<string, string>();
  readonly messages = new Map<string, FbMessage>();

  constructor(
    readonly page: FbPage,
    private readonly ids: FacebookIds,
    private readonly now: () => number,
  ) {}

  object(id: string): FbObject | null {
    if (id === this.page.id || id === 'me') return { kind: 'page', page: this.page };
    const post = this.posts.get(id);
    if (post) return post.deleted ? null : { kind: 'post', post };
    const comment = this.comments.get(id);
    if (comment) return comment.deleted ? null : { kind: 'comment', comment };
    const conversation = this.conversations.get(id);
    if (conversation) return { kind: 'conversation', conversation };
    const message = this.messages.get(id);
    if (message) return { kind: 'message', message };
    const person = this.people.get(id);
    if (person) return { kind: 'person', person };
    return null;
  }

  nameOf(id: string): string {
    return id === this.page.id ? this.page.name : (this.people.get(id)?.name ?? 'Facebook user');
  }

  /** By id if known (a returning customer, maybe renamed), else by exact name, else a new person. */
  ensurePerson(input: { id?: string; name: string }): FbPerson {
    let person = input.id ? this.people.get(input.id) : undefined;
    if (!person) {
      const byName = this.peopleByName.get(input.name.toLowerCase());
      person = byName ? this.people.get(byName) : undefined;
    }
    if (person) {
      if (person.name !== input.name) {
        this.peopleByName.delete(person.name.toLowerCase());
        person.name = input.name;
        this.peopleByName.set(input.name.toLowerCase(), person.id);
      }
      return person;
    }
    person = { id: input.id ?? this.ids.psid(), name: input.name };
    this.people.set(person.id, person);
    this.peopleByName.set(input.name.toLowerCase(), person.id);
    return person;
  }

  createPost(input: { fromId: string; message: string }): FbPost {
    const objectId = this.ids.object();
    const t = this.now();
    const post: FbPost = {
      id: `${this.page.id}_${objectId}`,
      objectId,
      fromId: input.fromId,
      message: input.message,
      createdAt: t,
      updatedAt: t,
      isHidden: false,
      deleted: false,
      tagsPage: input.fromId !== this.page.id && input.message.toLowerCase().includes(`@${this.page.name.toLowerCase()}`),
      comments: [],
      likes: new Set(),
      privateReplied: false,
    };
    this.posts.set(post.id, post);
    this.feed.push(post.id);
    return post;
  }

  /** A comment on a post, or a reply when `parent` is a comment (Graph keeps replies one level deep). */
  createComment(input: { parent: FbPost | FbComment; fromId: string; message: string }): FbComment {
    const post = 'objectId' in input.parent ? input.parent : this.posts.get(input.parent.postId)!;
    const parentComment = 'objectId' in input.parent ? null : input.parent;
    // Replies to a reply attach to the top-level comment, as Facebook threads them.
    const anchor = parentComment && parentComment.parentId !== post.id ? this.comments.get(parentComment.parentId) ?? parentComment : parentComment;
    const comment: FbComment = {
      id: `${post.objectId}_${this.ids.object()}`,
      postId: post.id,
      parentId: anchor ? anchor.id : post.id,
      fromId: input.fromId,
      message: input.message,
      createdAt: this.now(),
      isHidden: false,
      deleted: false,
      replies: [],
      likes: new Set(),
      privateReplied: false,
    };
    this.comments.set(comment.id, comment);
    post.comments.push(comment.id);
    post.updatedAt = comment.createdAt;
    if (anchor) anchor.replies.push(comment.id);
    return comment;
  }

  conversationWith(psid: string): FbConversation | undefined {
    const id = this.conversationByPsid.get(psid);
    return id ? this.conversations.get(id) : undefined;
  }

  private ensureConversation(psid: string): FbConversation {
    let c = this.conversationWith(psid);
    if (c) return c;
    c = { id: this.ids.thread(), psid, messages: [], updatedAt: this.now(), lastInboundAt: null };
    this.conversations.set(c.id, c);
    this.conversationByPsid.set(psid, c.id);
    return c;
  }

  /** A message in the person's thread with the Page; inbound ones open the messaging windows. */
  addMessage(input: { psid: string; fromPage: boolean; text: string; tag?: string | null }): FbMessage {
    const conversation = this.ensureConversation(input.psid);
    const t = this.now();
    const message: FbMessage = {
      id: this.ids.message(),
      conversationId: conversation.id,
      fromId: input.fromPage ? this.page.id : input.psid,
      toId: input.fromPage ? input.psid : this.page.id,
      text: input.text,
      createdAt: t,
      tag: input.tag ?? null,
    };
    this.messages.set(message.id, message);
    conversation.messages.push(message.id);
    conversation.updatedAt = t;
    if (!input.fromPage) conversation.lastInboundAt = t;
    return message;
  }

  /** Conversations, most recently active first. */
  conversationsByActivity(): FbConversation[] {
    return [...this.conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1));
  }

  clear(): void {
    this.people.clear();
    this.peopleByName.clear();
    this.posts.clear();
    this.feed.length = 0;
    this.comments.clear();
    this.conversations.clear();
    this.conversationByPsid.clear();
    this.messages.clear();
  }
}
