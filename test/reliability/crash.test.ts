// SIGKILL at random points of ingest and of sending, restarted each time against one standalone sandbox
// (test/reliability/crashLoop.ts): nothing lost, nothing stored twice, nothing sent twice, every act sent or
// explained. A handful of rounds here; `npm run soak` runs 50. The fixed crash points are in
// test/integration/crash/crash.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tempDir';
import { buildOnce } from '../integration/crash/processes';
import { crashLoop } from './crashLoop';

describe('crash loop', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    buildOnce();
    tmp = tempDir('parley-crash-loop-');
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  it('survives SIGKILL at random points of ingest and sending, 6 rounds', async () => {
    const seed = Number(process.env.PARLEY_CRASH_SEED ?? 20261125);
    const report = await crashLoop({ dir: tmp.dir, rounds: 6, seed, mentionsPerRound: 300, actsPerRound: 10, log: (l) => process.stdout.write(`${new Date().toISOString()} ${l}\n`) });
    expect(report.mentions).toBe(1 + 6 * 300);
    expect(report.acts.sent + report.acts.failed).toBe(6 * 10);
    expect(report.kills.outside + report.kills.crashPoint).toBeGreaterThan(0);
  }, 300_000);
});
