// Ingest's second thread (main/strategy/analysisPool.ts + analysisWorker.ts), bundled here the way
// scripts/build.mjs bundles it: its analyses are exactly the main thread's, ingest decides the same with
// it as without it, and a missing or broken worker leaves the main thread doing everything.
import fs from 'node:fs';
import path from 'node:path';
import type { MessagePort } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ingestBatch } from '../../../main/services/ingest';
import { analyzeText, type TextAnalysis } from '../../../main/strategy/analysis';
import { AnalysisBatch, TextAnalysisThread } from '../../../main/strategy/analysisPool';
import { tempDir } from '../../helpers/tempDir';
import { inbound, startBrain, type Brain } from './harness';

const bundle = tempDir('parley-analysis-');
const workerFile = path.join(bundle.dir, 'analysisWorker.cjs');

beforeAll(async () => {
  await build({ entryPoints: [path.resolve(__dirname, '../../../main/strategy/analysisWorker.ts')], outfile: workerFile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' });
}, 60_000);
afterAll(() => bundle.cleanup());

/** Waits (spinning, as a test may) until the worker has posted message i, so every decision uses its answer. */
class PatientBatch extends AnalysisBatch {
  protected override read(i: number): TextAnalysis | undefined {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const r = super.read(i);
      if (r || Date.now() > deadline) return r;
    }
  }
}
class PatientThread extends TextAnalysisThread {
  protected override batchOf(port: MessagePort, live: Map<number, AnalysisBatch>, batch: number, version: number, size: number): AnalysisBatch {
    return new PatientBatch(this.stats, port, live, batch, version, size);
  }
}

const texts = [
  'Hello @parleycoffee, my order is late',
  'I LOVE the new oat latte!!! 😍 best coffee in town #happy',
  'Ich hätte gern eine Rückerstattung, die Bestellung kam nie an',
  'refund please, order sku-7-1234 arrived broken :(',
  'مرحبا، أين طلبي؟',
  'zero\u200bwidth and \u202Eright-to-left\u202C text',
  '<script>alert(1)</script> DROP TABLE message; --',
  'love the app but the update deleted my photos',
  '👩‍👩‍👧‍👦 family order for pickup at 5?',
  'x'.repeat(4000),
  '',
];

async function configure(b: Brain): Promise<void> {
  const c = b.ctx.config;
  const skill = await c.createSkill({ name: 'Billing' }, 'test');
  await c.createRule({ name: 'Refunds', match: { any: ['refund', 'money back', 'rückerstattung'] }, action: { type: 'route_skill', skillId: skill.id, minLevel: 2, priority: 2 } }, 'test');
  await c.createRule({ name: 'SKU', match: { regex: '\\bsku-[0-9]+-[0-9]{4}\\b' }, action: { type: 'route_skill', skillId: skill.id, minLevel: 1, priority: 1 } }, 'test');
  await c.createRule({ name: 'Happy tag', match: { hashtags: ['happy'] }, action: { type: 'engage', like: true, retweet: true, alsoRoute: true } }, 'test');
  await c.setStrategySettings({ engagement: { ...c.snapshot.strategy.engagement, enabled: true, like: true, requireApproval: false } }, 'test');
}

describe("ingest's second thread", () => {
  const brains: Brain[] = [];
  const threads: TextAnalysisThread[] = [];
  afterEach(async () => {
    await Promise.all(threads.splice(0).map((t) => t.stop()));
    await Promise.all(brains.splice(0).map((b) => b.close()));
  });
  const brain = async () => {
    const b = await startBrain();
    brains.push(b);
    await configure(b);
    return b;
  };

  it("answers every message exactly as the main thread would, under the configuration's version", async () => {
    const b = await brain();
    const thread = new PatientThread({ file: workerFile });
    threads.push(thread);
    thread.start();
    expect(thread.running).toBe(true);
    const snapshot = b.ctx.config.snapshot;
    const items = texts.flatMap((text) => [inbound(b.accounts.x, { text }), inbound(b.accounts.facebook, { network: 'facebook', kind: 'messenger', text })]);
    const batch = thread.begin(items, snapshot)!;
    expect(batch.version).toBe(snapshot.version);
    items.forEach((item, i) => expect(batch.get(i)).toEqual(analyzeText(snapshot.rules, snapshot.strategy.engagement.threshold, item)));
    expect(thread.stats).toEqual({ answered: items.length, missed: 0 });
    batch.end();
  });

  it('ingest decides the same with it as without it, and asks it once per new conversation', async () => {
    const [withThread, alone] = [await brain(), await brain()];
    const thread = new PatientThread({ file: workerFile });
    threads.push(thread);
    thread.start();
    withThread.ctx.textAnalysis = thread;
    const items = (accounts: Brain['accounts']) =>
      texts.map((text, i) => inbound(i % 3 === 2 ? accounts.facebook : accounts.x, { networkMessageId: `t${i}`, user: `u${i}`, text, network: i % 3 === 2 ? 'facebook' : 'x', sentAt: Date.UTC(2026, 10, 25, 11, i) }));
    const a = await ingestBatch(withThread.ctx, items(withThread.accounts));
    const c = await ingestBatch(alone.ctx, items(alone.accounts));
    expect(a.interactionsCreated).toBe(texts.length);
    expect(thread.stats).toEqual({ answered: texts.length, missed: 0 });
    const rows = (b: Brain) => b.q.all(`select decision_json as d, subject, sentiment, state, skill_id as skill from interaction order by id`);
    const expected = await rows(alone);
    expect(expected.length).toBe(texts.length);
    expect(await rows(withThread)).toEqual(expected);
    expect(c.engagements).toBe(a.engagements);
  });

  it('leaves the work to the main thread when the bundle is missing or the worker fails', async () => {
    const b = await brain();
    const missing = new TextAnalysisThread({ file: path.join(bundle.dir, 'nowhere.cjs') });
    missing.start();
    expect(missing.running).toBe(false);
    expect(missing.begin([inbound(b.accounts.x)], b.ctx.config.snapshot)).toBeNull();

    const brokenFile = path.join(bundle.dir, 'broken.cjs');
    fs.writeFileSync(brokenFile, 'throw new Error("broken on purpose")');
    const broken = new TextAnalysisThread({ file: brokenFile });
    threads.push(broken);
    broken.start();
    b.ctx.textAnalysis = broken;
    const deadline = Date.now() + 10_000;
    while (broken.running && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(broken.running).toBe(false);
    const r = await ingestBatch(b.ctx, [inbound(b.accounts.x, { text: 'refund please' })]);
    expect(r.interactionsCreated).toBe(1);
    const d = JSON.parse(((await b.q.get(`select decision_json as d from interaction`)) as { d: string }).d);
    expect(d.matchedRule.name).toBe('Refunds');
  });

  it('serves two batches in flight (two feeds ingesting at once) each its own answers, and drops a finished one\'s', async () => {
    const b = await brain();
    const thread = new PatientThread({ file: workerFile });
    threads.push(thread);
    thread.start();
    const snapshot = b.ctx.config.snapshot;
    const expected = (text: string) => analyzeText(snapshot.rules, snapshot.strategy.engagement.threshold, { text, network: 'x', channelKind: 'mention' });
    const texts = { first: ['refund please', 'hello'], second: ['I love it #happy'], third: ['sku-1-2345 is broken', 'another'] };
    const first = thread.begin(texts.first.map((text) => inbound(b.accounts.x, { text })), snapshot)!;
    const second = thread.begin(texts.second.map((text) => inbound(b.accounts.x, { text })), snapshot)!;
    // The second reads the port first: the first batch's answers, posted before, are kept for it.
    expect(second.get(0)).toEqual(expected(texts.second[0]!));
    expect(first.get(1)).toEqual(expected(texts.first[1]!));
    expect(first.get(0)).toEqual(expected(texts.first[0]!));
    first.end();
    second.end();
    // A batch finished before its answers came: they are dropped, and the next batch still gets its own.
    const dropped = thread.begin([inbound(b.accounts.x, { text: 'never read' })], snapshot)!;
    dropped.end();
    const third = thread.begin(texts.third.map((text) => inbound(b.accounts.x, { text })), snapshot)!;
    expect(third.get(1)).toEqual(expected(texts.third[1]!));
    expect(third.get(0)).toEqual(expected(texts.third[0]!));
    third.end();
    expect(thread.stats).toEqual({ answered: 5, missed: 0 });
  });
});
