// The second thread of ingest (bundled on its own as analysisWorker.cjs; started by analysisPool.ts): it
// runs analyzeText() over a batch's messages, in order, and posts the results a few at a time so the main
// thread can pick each one up the moment it reaches that message. A "done" stops a batch: by then the
// main thread has decided the rest itself.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { analyzeText, type AnalysisConfig, type AnalysisSubject, type TextAnalysis } from './analysis';
import { compileRule, type CompiledRule } from './rules';

export type AnalysisRequest =
  | { kind: 'config'; config: AnalysisConfig }
  | { kind: 'analyze'; batch: number; version: number; items: AnalysisSubject[] }
  | { kind: 'done'; batch: number };

export interface AnalysisReply {
  batch: number;
  from: number;
  /** null where the analysis threw: the main thread analyses that message itself and meets the error there. */
  results: Array<TextAnalysis | null>;
}

/** Results per message posted together, growing from 1 to 16: the first arrive before the main thread
 *  needs them, and later ones come in posts large enough that posting is not the work. */
const chunkSize = (posted: number) => (posted >= 4 ? 16 : 1 << posted);

function attempt<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch {
    return null;
  }
}

type AnalyzeJob = Extract<AnalysisRequest, { kind: 'analyze' }>;

function serve(port: MessagePort): void {
  let config: { version: number; rules: CompiledRule[]; threshold: number } | null = null;
  // Batches in the order they were handed over, which is the order their transactions take the connection
  // (two feeds can ingest at once); a batch the main thread finished ("done") is dropped or cut short.
  const queue: AnalyzeJob[] = [];
  let current: AnalyzeJob | null = null;
  let currentDone = false;
  let running = false;
  const take = (m: AnalysisRequest) => {
    if (m.kind === 'config') config = { version: m.config.version, rules: m.config.rules.map(compileRule), threshold: m.config.threshold };
    else if (m.kind === 'analyze') queue.push(m);
    else if (current?.batch === m.batch) currentDone = true;
    else {
      const at = queue.findIndex((j) => j.batch === m.batch);
      if (at >= 0) queue.splice(at, 1);
    }
  };
  const run = () => {
    running = true;
    for (let job = queue.shift(); job; job = queue.shift()) {
      current = job;
      currentDone = false;
      const cfg = config;
      // A batch analysed under other rules would be thrown away; the main thread analyses it itself.
      if (!cfg || cfg.version !== job.version) continue;
      for (let from = 0, posted = 0; from < job.items.length; from += chunkSize(posted++)) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as AnalysisRequest);
        if (currentDone) break;
        const results = job.items.slice(from, from + chunkSize(posted)).map((item) => attempt(() => analyzeText(cfg.rules, cfg.threshold, item)));
        port.postMessage({ batch: job.batch, from, results } satisfies AnalysisReply);
      }
    }
    current = null;
    running = false;
  };
  port.on('message', (m: AnalysisRequest) => {
    take(m);
    if (!running) run();
  });
}

if (parentPort && (workerData as { port?: MessagePort } | undefined)?.port) serve((workerData as { port: MessagePort }).port);
