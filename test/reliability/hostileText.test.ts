// Hostile customer texts (script tags, HTML, javascript: links, SQL fragments, odd Unicode) are stored byte for
// byte: what ingest was handed is what the database holds and what the contract hands the window back. That
// the window shows them as inert text is checked in Chromium by test/e2e/workspace-safety.spec.ts.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../main/services/ingest';
import { inbound, startBrain, type Brain } from '../integration/ingest/harness';

const hostile = [
  '<script>alert(document.cookie)</script>',
  '<img src=x onerror="window.__pwned=1"><b>bold</b>',
  '<a href="javascript:alert(1)">click</a> javascript:alert(1) data:text/html,<b>x</b>',
  "Robert'); DROP TABLE message;-- \" OR 1=1 -- /* */ ; select * from contact",
  '%s%s%n {{constructor.constructor("alert(1)")()}} ${7*7}',
  '\u202Eevil\u202C zero\u200Bwidth\u200D joiner \uFEFF bom',
  '👩‍👩‍👧‍👦 🏳️‍🌈 🇩🇪 مرحبا שלום',
  'tab\there\r\nnew line\u2028line sep',
  'NUL\u0000inside',
];

describe('hostile customer texts', () => {
  let b: Brain;
  beforeEach(async () => {
    b = await startBrain();
  });
  afterEach(async () => {
    await b.close();
  });

  it('are stored exactly as received and read back unchanged', async () => {
    const items = hostile.map((text, i) => inbound(b.accounts.x, { networkMessageId: String(1000 + i), user: `h${i}`, text }));
    const r = await ingestBatch(b.ctx, items);
    expect(r.stored).toBe(hostile.length);
    const rows = (await b.q.all(`select network_message_id as id, text from message where direction = 'in' order by network_message_id`)) as Array<{ id: string; text: string }>;
    expect(rows.map((row) => row.text)).toEqual(hostile);
    // Counted in UTF-8 bytes too, so a silent normalisation (NFC, trimmed controls) would show.
    expect(rows.map((row) => Buffer.byteLength(row.text))).toEqual(hostile.map((t) => Buffer.byteLength(t)));
  });

  it('any well-formed Unicode text survives the round trip (property)', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }), async (text) => {
        const id = String(5000 + n++);
        await ingestBatch(b.ctx, [inbound(b.accounts.x, { networkMessageId: id, user: `p${id}`, text })]);
        const row = (await b.q.get(`select text from message where network_message_id = ?`, id)) as { text: string };
        expect(row.text).toBe(text);
      }),
      { numRuns: 60, seed: 8 },
    );
  });
});
