// Run by crash.test.ts in a child process: ingests numbered batches with their cursor, forever, printing
// "committed N" after each commit, until it is killed.
import { ingestBatch } from '../../../main/services/ingest';
import { inbound, startBrain } from './harness';

const [dir, fromArg, sizeArg] = process.argv.slice(2);
const size = Number(sizeArg ?? 200);

async function main(): Promise<void> {
  const brain = await startBrain({ dir: dir! });
  for (let n = Number(fromArg ?? 1); ; n++) {
    const items = Array.from({ length: size }, (_, k) => {
      const id = String(n * 100_000 + k);
      // Every fifth message replies in the thread of the one before, so stitching is exercised too.
      const thread = k % 5 === 4 ? String(n * 100_000 + k - 1) : id;
      return inbound(brain.accounts.x, { networkMessageId: id, threadNetworkId: thread, user: `u${k % 50}`, handle: `user${k % 50}`, text: `message ${id}`, sentAt: 1_700_000_000_000 + n * 1000 + k });
    });
    await ingestBatch(brain.ctx, items, { accountId: brain.accounts.x, feed: 'mentions', value: String(n) });
    process.stdout.write(`committed ${n}\n`);
  }
}

void main();
