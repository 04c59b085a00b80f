import { it } from 'vitest';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';
it('dbg', async () => {
  const { port1, port2 } = new MessageChannel();
  const w = new Worker('/work/main/dist/main/analysisWorker.cjs', { workerData: { port: port2 }, transferList: [port2] });
  w.on('error', (e) => console.log('err', e));
  w.on('exit', (e) => console.log('exit', e));
  port1.postMessage({ kind: 'config', config: { version: 1, rules: [], threshold: 0.5 } });
  port1.postMessage({ kind: 'analyze', batch: 1, version: 1, items: [{ text: 'hello', network: 'x', channelKind: 'mention' }] });
  const t = Date.now(); let m;
  while (Date.now() - t < 2000) { m = receiveMessageOnPort(port1); if (m) break; }
  console.log('sync spin got', !!m, Date.now() - t);
  await new Promise((r) => setTimeout(r, 1000));
  console.log('after wait', receiveMessageOnPort(port1));
  await w.terminate();
});
