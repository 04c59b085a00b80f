// The X filtered stream against the sandbox: rules from the brand's handle and Admin's keywords, tweets
// that only the stream can deliver, a dropped connection, a stalled one (no heartbeats), a gap filled by
// recent-search backfill after a failed reconnect, and duplicates the stream sends twice.
import { afterEach, describe, expect, it } from 'vitest';
import { cursor, messages, sandboxAccount, startHarness, waitFor, type Harness } from './harness';

interface SandboxState {
  x: { stream: { connected: boolean; connections: number; rules: number } };
}

const streamUp = (h: Harness, minConnections = 1) =>
  waitFor(`stream connection #${minConnections}`, async () => {
    const s = (await h.control<SandboxState>('GET', '/_sandbox/state')).x.stream;
    return s.connected && s.connections >= minConnections && s.rules > 0 ? s : null;
  });

const tweet = (h: Harness, text: string) => h.control<{ id: string }>('POST', '/_sandbox/x/tweets', { author: { username: 'lee_w', name: 'Lee' }, text });
const stored = (h: Harness, id: string) => waitFor(`tweet ${id} stored`, () => messages(h).find((m) => m.network_message_id === id));

describe('the X filtered stream', { timeout: 60_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('listens for tracked keywords, survives a drop and a stall, and backfills the gap after a failed reconnect', async () => {
    h = await startHarness({ settings: { trackedKeywords: ['parleycare', 'late parcel'], streamStallSeconds: 0.5 } });
    const x = await sandboxAccount(h, 'x');
    await streamUp(h);

    // Not a mention: only the stream (or its backfill) can bring this in.
    const a = await tweet(h, 'Is parleycare any good?');
    expect(await stored(h, a.id)).toMatchObject({ channel_kind: 'mention', author_kind: 'customer' });
    await waitFor('stream cursor at A', () => cursor(h, x.id, 'x.stream') === a.id);

    // A clean close: reconnected, and the next tweet arrives.
    await h.control('POST', '/_sandbox/x/stream/disconnect', { mode: 'close' });
    await streamUp(h, 2);
    const b = await tweet(h, 'my late parcel is still not here');
    await stored(h, b.id);

    // A stall: the socket stays open but not even heartbeats come; the client gives up and reconnects.
    const before = (await h.control<SandboxState>('GET', '/_sandbox/state')).x.stream.connections;
    await h.control('POST', '/_sandbox/x/stream/disconnect', { mode: 'stall' });
    await waitFor('a new connection after the stall', async () => (await h.control<SandboxState>('GET', '/_sandbox/state')).x.stream.connections > before);
    await streamUp(h);
    const c = await tweet(h, 'parleycare after the stall');
    await stored(h, c.id);

    // An operational disconnect (an error message, then the close) and a message cut in half.
    for (const mode of ['operational', 'truncate'] as const) {
      const count = (await h.control<SandboxState>('GET', '/_sandbox/state')).x.stream.connections;
      await h.control('POST', '/_sandbox/x/stream/disconnect', { mode });
      await waitFor(`a new connection after ${mode}`, async () => (await h.control<SandboxState>('GET', '/_sandbox/state')).x.stream.connections > count);
      await streamUp(h);
      const t = await tweet(h, `parleycare after ${mode}`);
      await stored(h, t.id);
    }

    // Reconnecting fails a few times (503); what was posted meanwhile comes in through backfill.
    await h.control('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/tweets/search/stream', status: 503, count: 4 });
    await h.control('POST', '/_sandbox/x/stream/disconnect', { mode: 'close' });
    const missed = await tweet(h, 'parleycare while you were away');
    const recovered = await stored(h, missed.id);
    expect(recovered.channel_kind).toBe('mention');
    await waitFor('stream cursor moved past the gap', () => cursor(h, x.id, 'x.stream') === missed.id);
    const account = (await h.call('channels.list', {})).accounts.find((z) => z.id === x.id)!;
    expect(account.quota.some((q) => q.name === 'search')).toBe(true);
    // Each tweet once.
    const ids = messages(h).map((m) => m.network_message_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stores a mention the stream delivers twice and the poller also returns only once', async () => {
    h = await startHarness({ sandboxConfig: { x: { stream_duplicates: true } } });
    await streamUp(h);
    const ids: string[] = [];
    for (const text of ['first @AcmeSupport question', 'second one', 'third one']) {
      const m = await h.control<{ id: string }>('POST', '/_sandbox/x/mentions', { author: { username: 'dup_fan', name: 'Dee' }, text });
      ids.push(m.id);
    }
    for (const id of ids) await stored(h, id);
    const x = await sandboxAccount(h, 'x');
    await waitFor('the poller has seen them too', () => cursor(h, x.id, 'x.mentions') === ids[2]);
    const mine = messages(h).filter((m) => ids.includes(m.network_message_id ?? ''));
    expect(mine).toHaveLength(3);
  });

  it('updates the stream rules when Admin changes the tracked keywords', async () => {
    h = await startHarness({ settings: { trackedKeywords: [] } });
    await streamUp(h);
    const missedBefore = await tweet(h, 'zebracrossing is mentioned here');
    await h.settings({ trackedKeywords: ['zebracrossing'] });
    const rules = await waitFor('the keyword rule on X', async () => {
      const r = await fetch(`${h.sandbox.url}/2/tweets/search/stream/rules`, {
        headers: { authorization: `Bearer ${(await h.control<{ app_bearer_token: string }>('POST', '/_sandbox/tokens', { network: 'x' })).app_bearer_token}` },
      });
      const body = (await r.json()) as { data?: Array<{ value: string; tag?: string }> };
      return body.data?.some((d) => d.value.includes('zebracrossing')) ? body.data : null;
    });
    expect(rules.map((r) => r.tag).sort()).toEqual(['parley:brand', 'parley:keywords']);
    const after = await tweet(h, 'zebracrossing again');
    await stored(h, after.id);
    // The earlier one matched no rule when it was posted: the stream never had it.
    expect(messages(h).some((m) => m.network_message_id === missedBefore.id)).toBe(false);
  });
});
