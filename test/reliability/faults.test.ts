// Faults at the edge of the network, from the sandbox: 429s, 5xx, malformed JSON, truncated answers and
// connection resets on the X mentions feed, one kind after another while customers keep writing. The poller
// keeps going, the account shows the right health while it lasts, recovery is automatic, and every mention is
// stored exactly once. (Expired tokens and refresh: test/integration/channels/tokens.test.ts; the stream's
// stalls and truncation: xStream.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountStatus } from '../../preload/contract';
import { cursor, messages, sandboxAccount, startHarness, waitFor, type Harness } from '../integration/channels/harness';

interface Fault {
  id: number;
  remaining: number;
  hits: number;
}

const kinds: Array<{ what: string; status: number; mode: 'status' | 'malformed_json' | 'truncate' | 'reset'; health: AccountStatus }> = [
  { what: '429 Too Many Requests', status: 429, mode: 'status', health: 'rate_limited' },
  { what: '503 Service Unavailable', status: 503, mode: 'status', health: 'error' },
  { what: '500 Internal Server Error', status: 500, mode: 'status', health: 'error' },
  { what: 'malformed JSON', status: 200, mode: 'malformed_json', health: 'error' },
  { what: 'a truncated answer', status: 200, mode: 'truncate', health: 'error' },
  { what: 'a connection reset', status: 200, mode: 'reset', health: 'error' },
];

describe('faults at the network edge', { timeout: 120_000 }, () => {
  let h: Harness;
  afterEach(async () => {
    await h?.close();
  });

  it('keeps polling through each kind of fault, shows it in the account health, recovers by itself and loses nothing', async () => {
    h = await startHarness({ settings: { streamEnabled: false } });
    const x = await sandboxAccount(h, 'x');
    const mentions = () => messages(h).filter((m) => m.channel_kind === 'mention' && m.direction === 'in');
    const status = async () => (await h.call('channels.list', {})).accounts.find((a) => a.id === x.id)!;
    let expected = 0;
    const seen: string[] = [];
    for (const k of kinds) {
      const fault = await h.control<Fault>('POST', '/_sandbox/faults', { network: 'x', path_prefix: '/2/users/', status: k.status, mode: k.mode, count: 6 });
      const bulk = await h.control<{ count: number; last_id: string }>('POST', '/_sandbox/x/mentions/bulk', { count: 40, authors: 10, text: `during ${k.what}` });
      expected += bulk.count;
      // While it lasts, the admin sees it on the account.
      const during = await waitFor(`${k.what}: the account shows ${k.health}`, async () => {
        const a = await status();
        if (a.status === k.health) return a;
        // A 429 parks the poller until the window resets: move the sandbox's clock (and Parley's) past it.
        if (k.status === 429) await h.control('POST', '/_sandbox/clock', { advance_ms: 1_000 });
        return null;
      });
      seen.push(`${k.what}: ${during.status}${during.statusDetail ? ` (${during.statusDetail})` : ''}`);
      // Then it passes: every request the fault was armed for was made, and the feed catches up unaided.
      await waitFor(`${k.what}: all 6 failures served`, async () => {
        const list = await h.control<Fault[]>('GET', '/_sandbox/faults');
        const f = list.find((x2) => x2.id === fault.id);
        if (k.status === 429) await h.control('POST', '/_sandbox/clock', { advance_ms: 60_000 });
        return !f || f.remaining === 0;
      }, 60_000);
      await waitFor(`${k.what}: caught up`, async () => {
        if (k.status === 429) await h.control('POST', '/_sandbox/clock', { advance_ms: 60_000 });
        return mentions().length >= expected;
      }, 60_000);
      await waitFor(`${k.what}: connected again`, async () => (await status()).status === 'connected', 30_000);
      await waitFor(`${k.what}: cursor at the newest`, () => cursor(h, x.id, 'x.mentions') === bulk.last_id);
    }
    const ids = mentions().map((m) => m.network_message_id);
    expect(ids).toHaveLength(expected);
    expect(new Set(ids).size).toBe(expected);
    expect(seen).toHaveLength(kinds.length);
  });
});
