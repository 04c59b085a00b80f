// The app's Graph client (createGraphClient) against the sandbox: the Page, its feed and visitor posts,
// comments and replies, likes, hiding, private replies, Messenger conversations and the Send API with its
// windows, and each Graph error the app must handle (throttling, expired tokens, windows, already replied,
// unavailable recipients, injected transient failures).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphError, type GraphClient, type GraphPage } from '../../../main/channels/facebook/graph';
import { startHarness, type Harness } from './harness';

let h: Harness;
let g: GraphClient;
let pageId: string;

interface Post {
  id: string;
  message?: string;
  from?: { id: string; name: string };
  created_time?: string;
}
interface Comment {
  id: string;
  message: string;
  from: { id: string; name: string };
  is_hidden?: boolean;
}
interface Message {
  id: string;
  message: string;
  from: { id: string; name: string; email: string };
  to: { data: Array<{ id: string }> };
  created_time: string;
}

async function graphFailure(p: Promise<unknown>): Promise<GraphError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof GraphError) return e;
    throw e;
  }
  throw new Error('expected a Graph error');
}

async function all<T>(path: string, params: Record<string, string | number> = {}): Promise<{ items: T[]; pages: Array<GraphPage<T>> }> {
  const pages: Array<GraphPage<T>> = [];
  for await (const page of g.paginate<T>(path, params)) pages.push(page.data);
  return { items: pages.flatMap((p) => p.data), pages };
}

beforeAll(async () => {
  h = await startHarness();
  g = h.graph();
  pageId = h.fb.page_id;
});

afterAll(async () => {
  await h.close();
});

describe('the Page and its feed', () => {
  it('reads the Page with a Page token and an appsecret_proof, versioned and unversioned', async () => {
    const res = await g.get<{ id: string; name: string }>(pageId, { fields: 'id,name' });
    expect(res.data).toEqual({ id: pageId, name: 'Acme Store' });
    expect(res.headers.get('facebook-api-version')).toBe('v23.0');
    expect(res.usage.app).toMatchObject({ call_count: expect.any(Number) });
    expect(res.usage.businessUseCase?.[pageId]?.[0]).toMatchObject({ type: 'pages' });
    const me = await g.get<{ id: string }>('me');
    expect(me.data.id).toBe(pageId);
    const unversioned = await fetch(`${h.sandbox.url}/${pageId}?access_token=${encodeURIComponent(h.fb.page_access_token)}`);
    expect(((await unversioned.json()) as { name: string }).name).toBe('Acme Store');
  });

  it('pages the feed newest first by following paging.next; posts and visitor_posts split it', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await h.control.visitorPost(`Visitor ${i}`, `visitor post ${i}`)).id);
    const feed = await all<Post>(`${pageId}/feed`, { fields: 'id,message,from,created_time,comments.summary(true).limit(0)', limit: 2 });
    expect(feed.pages.length).toBeGreaterThanOrEqual(4);
    expect(feed.pages[0]!.paging?.next).toMatch(new RegExp(`^${h.sandbox.url}/v23\\.0/${pageId}/feed\\?`));
    const ids = feed.items.map((p) => p.id);
    expect(ids.slice(0, 5)).toEqual([...made].reverse());
    expect(ids).toHaveLength(7); // two Page posts seeded at start
    expect(feed.items[0]!.from).toMatchObject({ name: 'Visitor 4' });
    expect(feed.items[0]!.created_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
    const visitors = await all<Post>(`${pageId}/visitor_posts`, { limit: 100 });
    expect(visitors.items.map((p) => p.id)).toEqual([...made].reverse());
    const own = await all<Post>(`${pageId}/posts`);
    expect(own.items.every((p) => !made.includes(p.id))).toBe(true);
    expect(own.items).toHaveLength(2);
  });

  it('returns an empty page that still has `next` when a page of items was deleted', async () => {
    const post = await h.control.visitorPost('Paging Pat', 'a post with many comments');
    const comments: string[] = [];
    for (let i = 1; i <= 6; i++) comments.push((await h.control.comment(post.id, `Commenter ${i}`, `comment ${i}`)).id);
    await g.delete(comments[2]!);
    await g.delete(comments[3]!);
    const res = await all<Comment>(`${post.id}/comments`, { limit: 2 });
    expect(res.pages.map((p) => p.data.length)).toEqual([2, 0, 2]);
    expect(res.pages[1]!.paging?.next).toBeTruthy();
    expect(res.pages[2]!.paging?.next).toBeUndefined();
    expect(res.items.map((c) => c.message)).toEqual(['comment 1', 'comment 2', 'comment 5', 'comment 6']);
  });
});

describe('comments, likes and hiding', () => {
  it("lists top-level comments or the whole stream, with the Page's own replies from the Page", async () => {
    const post = await h.control.visitorPost('Quinn', 'Where is my order #9?');
    const c1 = await h.control.comment(post.id, 'Rae', 'Same question here');
    const reply = await g.post<{ id: string }>(`${c1.id}/comments`, { message: 'Hi Rae, we are on it.' });
    const top = await g.get<GraphPage<Comment>>(`${post.id}/comments`, { summary: 'true', fields: 'id,message,from,comment_count' });
    expect(top.data.data.map((c) => c.id)).toEqual([c1.id]);
    expect(top.data.summary).toMatchObject({ total_count: 1, can_comment: true });
    const stream = await g.get<GraphPage<Comment>>(`${post.id}/comments`, { filter: 'stream', fields: 'id,message,from,parent' });
    expect(stream.data.data.map((c) => c.id)).toEqual([c1.id, reply.data.id]);
    expect(stream.data.data[1]!.from).toEqual({ name: 'Acme Store', id: pageId });
    const replies = await g.get<GraphPage<Comment>>(`${c1.id}/comments`, { order: 'reverse_chronological' });
    expect(replies.data.data.map((c) => c.message)).toEqual(['Hi Rae, we are on it.']);
    const top2 = await g.post<{ id: string }>(`${post.id}/comments`, { message: 'We replied by message.' });
    expect(top2.data.id.startsWith(post.id.split('_')[1]!)).toBe(true);
    const out = (await h.control.outbound('facebook')).filter((a) => a.kind === 'comment');
    expect(out.map((a) => [a.target_id, a.text])).toEqual([
      [c1.id, 'Hi Rae, we are on it.'],
      [post.id, 'We replied by message.'],
    ]);
  });

  it('likes and unlikes posts and comments; hides and unhides a comment', async () => {
    const post = await h.control.visitorPost('Sid', 'Great shop!');
    const c = await h.control.comment(post.id, 'Tia', 'Agreed!');
    expect((await g.post(`${post.id}/likes`)).data).toEqual({ success: true });
    expect((await g.post(`${c.id}/likes`)).data).toEqual({ success: true });
    const likes = await g.get<GraphPage<{ id: string }>>(`${post.id}/likes`, { summary: 'true' });
    expect(likes.data.summary).toMatchObject({ total_count: 1, has_liked: true });
    expect((await g.delete(`${post.id}/likes`)).data).toEqual({ success: true });
    expect((await g.post(c.id, { is_hidden: true })).data).toEqual({ success: true });
    expect((await g.get<Comment>(c.id, { fields: 'id,is_hidden,like_count' })).data).toMatchObject({ is_hidden: true, like_count: 1 });
    await g.post(c.id, { is_hidden: false });
    const acts = (await h.control.outbound('facebook')).filter((a) => a.target_id === post.id || a.target_id === c.id).map((a) => a.kind);
    expect(acts).toEqual(['like', 'like', 'unlike', 'hide', 'unhide']);
  });

  it('commenting on a deleted object is 100/33', async () => {
    const post = await h.control.visitorPost('Uma', 'to be removed');
    await g.delete(post.id);
    const e = await graphFailure(g.post(`${post.id}/comments`, { message: 'hello?' }));
    expect([e.code, e.subcode, e.type]).toEqual([100, 33, 'GraphMethodException']);
  });
});

describe('private replies and Messenger', () => {
  it('sends one private reply per comment; the second is (#10900) Activity already replied to', async () => {
    const post = await h.control.visitorPost('Vic', 'Problem with my order');
    const c = await h.control.comment(post.id, 'Wen', 'My card was charged twice');
    const first = await g.post<{ recipient_id: string; message_id: string }>(`${pageId}/messages`, {
      recipient: { comment_id: c.id },
      message: { text: 'Hi Wen, sorry about that. Could you share your order number?' },
    });
    expect(first.data.recipient_id).toBe(c.from_id);
    expect(first.data.message_id).toMatch(/^m_/);
    const again = await graphFailure(g.post(`${pageId}/messages`, { recipient: { comment_id: c.id }, message: { text: 'Hello again' } }));
    expect([again.code, again.message]).toEqual([10900, '(#10900) Activity already replied to']);
    // The private reply does not open the 24-hour window: only the person's answer does.
    const early = await graphFailure(g.post(`${pageId}/messages`, { recipient: { id: c.from_id }, messaging_type: 'RESPONSE', message: { text: 'Any news?' } }));
    expect([early.code, early.subcode]).toEqual([10, 2018278]);
    await h.control.post('/_sandbox/facebook/messenger', { from: { id: c.from_id, name: 'Wen' }, text: 'Order 4411' });
    const ok = await g.post<{ message_id: string }>(`${pageId}/messages`, { recipient: { id: c.from_id }, messaging_type: 'RESPONSE', message: { text: 'Refund on its way.' } });
    expect(ok.data.message_id).toMatch(/^m_/);
    const kinds = (await h.control.outbound('facebook')).filter((a) => a.target_id === c.id || a.target_id === c.from_id).map((a) => a.kind);
    expect(kinds).toEqual(['private_reply', 'messenger']);
  });

  it('refuses a private reply more than 7 days after the comment', async () => {
    const post = await h.control.visitorPost('Xan', 'old post');
    const c = await h.control.comment(post.id, 'Yul', 'old comment');
    await h.control.advance(7 * 86_400_000 + 60_000);
    const e = await graphFailure(g.post(`${pageId}/messages`, { recipient: { comment_id: c.id }, message: { text: 'Late reply' } }));
    expect([e.code, e.subcode]).toEqual([10, 2018278]);
  });

  it("lists conversations with participants and messages newest first, the Page's sends included", async () => {
    const inbound = await h.control.messenger('Zoe Park', 'Hi! Do you deliver on Sundays?');
    await g.post(`${pageId}/messages`, { recipient: { id: inbound.psid }, messaging_type: 'RESPONSE', message: { text: 'Yes, we do!' } });
    const convs = await g.get<GraphPage<{ id: string; participants: { data: Array<{ id: string; name: string; email: string }> }; messages: GraphPage<Message> }>>(
      `${pageId}/conversations`,
      { platform: 'messenger', user_id: inbound.psid, fields: 'participants,updated_time,messages.limit(20){id,message,from,to,created_time}' },
    );
    const conv = convs.data.data[0]!;
    expect(conv.id).toBe(inbound.conversation_id);
    expect(conv.id).toMatch(/^t_/);
    expect(conv.participants.data.map((p) => p.id)).toEqual([inbound.psid, pageId]);
    expect(conv.participants.data[0]!.email).toBe(`${inbound.psid}@facebook.com`);
    expect(conv.messages.data.map((m) => [m.from.id, m.message])).toEqual([
      [pageId, 'Yes, we do!'],
      [inbound.psid, 'Hi! Do you deliver on Sundays?'],
    ]);
    expect(conv.messages.data[0]!.to.data[0]!.id).toBe(inbound.psid);
    const viaEdge = await all<Message>(`${conv.id}/messages`, { fields: 'id,message,from', limit: 1 });
    expect(viaEdge.items.map((m) => m.message)).toEqual(['Yes, we do!', 'Hi! Do you deliver on Sundays?']);
  });

  it('pages conversations most recently active first', async () => {
    for (const name of ['Conv A', 'Conv B', 'Conv C']) await h.control.messenger(name, `hello from ${name}`);
    const res = await all<{ id: string; participants: { data: Array<{ name: string }> } }>(`me/conversations`, { fields: 'participants', limit: 2 });
    expect(res.items.slice(0, 3).map((c) => c.participants.data[0]!.name)).toEqual(['Conv C', 'Conv B', 'Conv A']);
    expect(new Set(res.items.map((c) => c.id)).size).toBe(res.items.length);
  });

  it('enforces the 24-hour window and the 7-day HUMAN_AGENT window (only with the feature)', async () => {
    const inbound = await h.control.messenger('Ada Window', 'Can someone call me back?');
    await h.control.advance(25 * 3_600_000);
    const late = await graphFailure(g.post(`${pageId}/messages`, { recipient: { id: inbound.psid }, messaging_type: 'RESPONSE', message: { text: 'Sorry for the wait' } }));
    expect([late.code, late.subcode, late.status]).toEqual([10, 2018278, 400]);
    expect(late.message).toContain('(#10) This message is sent outside of allowed window.');
    const tagged = await g.post<{ message_id: string }>(`${pageId}/messages`, {
      recipient: { id: inbound.psid },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'A human agent here: how can I help?' },
    });
    expect(tagged.data.message_id).toMatch(/^m_/);
    expect((await h.control.outbound('facebook')).at(-1)).toMatchObject({ kind: 'messenger', tag: 'HUMAN_AGENT', target_id: inbound.psid });

    await h.control.config({ facebook: { human_agent: false } });
    const noFeature = await graphFailure(
      g.post(`${pageId}/messages`, { recipient: { id: inbound.psid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Again' } }),
    );
    expect([noFeature.code, noFeature.subcode]).toEqual([10, 2018278]);
    await h.control.config({ facebook: { human_agent: true } });
    await h.control.advance(7 * 86_400_000);
    const tooLate = await graphFailure(
      g.post(`${pageId}/messages`, { recipient: { id: inbound.psid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'Again' } }),
    );
    expect([tooLate.code, tooLate.subcode]).toEqual([10, 2018278]);
  });

  it('an unreachable recipient is 551/1545041; an unknown PSID is 100/2018001; a JSON body works too', async () => {
    const inbound = await h.control.messenger('Bea Blocked', 'hello');
    await h.control.config({ facebook: { recipient_unavailable: [inbound.psid] } });
    const e = await graphFailure(g.post(`${pageId}/messages`, { recipient: { id: inbound.psid }, messaging_type: 'RESPONSE', message: { text: 'Hi Bea' } }));
    expect([e.code, e.subcode, e.message]).toEqual([551, 1545041, "(#551) This person isn't available right now."]);
    await h.control.config({ facebook: { recipient_unavailable: false } });
    const unknown = await graphFailure(g.post(`${pageId}/messages`, { recipient: { id: '999' }, messaging_type: 'RESPONSE', message: { text: 'Hi' } }));
    expect([unknown.code, unknown.subcode]).toEqual([100, 2018001]);
    const res = await fetch(`${h.sandbox.url}/v23.0/me/messages?access_token=${encodeURIComponent(h.fb.page_access_token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: { id: inbound.psid }, messaging_type: 'RESPONSE', message: { text: 'Sent as JSON' } }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { recipient_id: string }).recipient_id).toBe(inbound.psid);
  });
});

describe('errors and limits', () => {
  it('an unknown token is 190; an expired one is 190/463 with WWW-Authenticate; new credentials work', async () => {
    const bad = await graphFailure(h.graph({ token: 'EAAGnot-a-token', appSecret: false }).get(pageId));
    expect([bad.code, bad.subcode, bad.type]).toEqual([190, null, 'OAuthException']);
    expect(bad.fbtraceId).toBeTruthy();
    await h.control.post('/_sandbox/tokens/expire', { network: 'facebook' });
    const expired = await graphFailure(g.get(pageId));
    expect([expired.code, expired.subcode, expired.status]).toEqual([190, 463, 400]);
    expect(expired.message).toMatch(/^Error validating access token: Session has expired on .+ The current time is .+\.$/);
    expect(expired.headers?.get('www-authenticate')).toMatch(/^OAuth "Facebook Platform" "invalid_token"/);
    const fresh = await h.control.post<{ page_access_token: string }>('/_sandbox/tokens', { network: 'facebook' });
    expect(fresh.page_access_token).not.toBe(h.fb.page_access_token);
    g = h.graph({ token: fresh.page_access_token });
    expect((await g.get<{ id: string }>(pageId)).data.id).toBe(pageId);
  });

  it('a logged-out session is 190/460 and a removed app 190/458', async () => {
    for (const [reason, subcode] of [
      ['logged_out', 460],
      ['deauthorized', 458],
    ] as const) {
      await h.control.post('/_sandbox/tokens/expire', { network: 'facebook', reason });
      const e = await graphFailure(g.get(pageId));
      expect([e.code, e.subcode]).toEqual([190, subcode]);
      expect(e.message).toMatch(/^Error validating access token: /);
      g = h.graph({ token: (await h.control.post<{ page_access_token: string }>('/_sandbox/tokens', { network: 'facebook' })).page_access_token });
    }
    expect((await g.get<{ id: string }>(pageId)).data.id).toBe(pageId);
  });

  it('checks appsecret_proof when sent, and requires it when configured', async () => {
    const creds = await h.control.post<{ page_access_token: string }>('/_sandbox/tokens', { network: 'facebook' });
    const wrong = await fetch(`${h.sandbox.url}/v23.0/${pageId}?access_token=${encodeURIComponent(creds.page_access_token)}&appsecret_proof=deadbeef`);
    expect(((await wrong.json()) as { error: { code: number; message: string } }).error).toMatchObject({ code: 100, message: 'Invalid appsecret_proof provided in the API argument' });
    await h.control.config({ facebook: { require_appsecret_proof: true } });
    const without = await graphFailure(h.graph({ token: creds.page_access_token, appSecret: false }).get(pageId));
    expect(without.code).toBe(100);
    expect((await h.graph({ token: creds.page_access_token }).get<{ id: string }>(pageId)).data.id).toBe(pageId);
    await h.control.config({ facebook: { require_appsecret_proof: false } });
  });

  it('x-app-usage rises with calls and each configured throttle code comes back at 100%', async () => {
    for (const code of [4, 17, 32, 613] as const) {
      await h.control.advance(3_600_001);
      await h.control.config({ facebook: { app_calls_per_hour: 4, throttle_code: code } });
      const usage: number[] = [];
      for (let i = 0; i < 4; i++) usage.push((await g.get(pageId)).usage.app!.call_count);
      expect(usage).toEqual([25, 50, 75, 100]);
      const e = await graphFailure(g.get(pageId));
      expect(e.code).toBe(code);
      expect(e.message.startsWith(`(#${code})`)).toBe(true);
    }
    await h.control.advance(3_600_001);
    await h.control.config({ facebook: { app_calls_per_hour: 20_000, throttle_code: 4 } });
    expect((await g.get<{ id: string }>(pageId)).data.id).toBe(pageId);
  });

  it('business-use-case budgets throttle Pages calls with 80001 and Messenger calls with 80006', async () => {
    await h.control.advance(86_400_001);
    await h.control.config({ facebook: { page_calls_per_day: 2, messenger_calls_per_day: 1 } });
    await g.get(pageId);
    const second = await g.get(pageId);
    expect(second.usage.businessUseCase?.[pageId]?.find((u) => u.type === 'pages')).toMatchObject({ call_count: 100 });
    expect((await graphFailure(g.get(pageId))).code).toBe(80001);
    await g.get(`${pageId}/conversations`);
    const m = await graphFailure(g.get(`${pageId}/conversations`));
    expect(m.code).toBe(80006);
    const minutes = (m.headers?.get('x-business-use-case-usage') ?? '').match(/"estimated_time_to_regain_access":(\d+)/g);
    expect(minutes?.length).toBe(2);
    await h.control.advance(86_400_001);
    await h.control.config({ facebook: { page_calls_per_day: 200_000, messenger_calls_per_day: 200_000 } });
  });

  it('injected 5xx come back as transient codes 1 and 2; other modes cut or corrupt the answer', async () => {
    await h.control.fault({ network: 'facebook', path_prefix: `/${pageId}/feed`, status: 500, count: 1 });
    await h.control.fault({ network: 'facebook', path_prefix: `/${pageId}/feed`, status: 503, count: 1 });
    const first = await graphFailure(g.get(`${pageId}/feed`));
    expect([first.status, first.code, first.isTransient]).toEqual([500, 1, true]);
    const second = await graphFailure(g.get(`${pageId}/feed`));
    expect([second.status, second.code, second.isTransient]).toEqual([503, 2, true]);
    expect((await g.get<GraphPage<Post>>(`${pageId}/feed`)).status).toBe(200);

    await h.control.fault({ network: 'facebook', path_prefix: `/v23.0/${pageId}`, status: 200, count: 1, mode: 'malformed_json' });
    const malformed = await graphFailure(g.get(pageId));
    expect([malformed.code, malformed.isTransient, malformed.type]).toEqual([0, true, 'TransportError']);
    await h.control.fault({ network: 'facebook', path_prefix: `/${pageId}`, status: 200, count: 1, mode: 'reset' });
    expect((await graphFailure(g.get(pageId))).isTransient).toBe(true);
  });
});
