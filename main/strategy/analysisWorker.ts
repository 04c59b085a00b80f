// The second thread of ingest (bundled on its own as analysisWorker.cjs; started by analysisPool.ts): it
// runs analyzeText() over a batch's messages, in order, and posts the results a few at a time so the main
// thread can pick each one up the moment it reaches that message. A newer batch or a "done" stops the
// current one: by then the main thread has decided the rest itself.
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

function serve(port: MessagePort): void {
  let config: { version: number; rules: CompiledRule[]; threshold: number } | null = null;
  let pending: Extract<AnalysisRequest, { kind: 'analyze' }> | null = null;
  let cancelled = -1;
  let running = false;
  const take = (m: AnalysisRequest) => {
    if (m.kind === 'config') config = { version: m.config.version, rules: m.config.rules.map(compileRule), threshold: m.config.threshold };
    else if (m.kind === 'analyze') pending = m;
    else cancelled = m.batch;
  };
  const run = () => {
    running = true;
    while (pending) {
      const job: Extract<AnalysisRequest, { kind: 'analyze' }> = pending;
      pending = null;
      const cfg = config;
      // A batch analysed under other rules would be thrown away; the main thread analyses it itself.
      if (!cfg || cfg.version !== job.version) continue;
      for (let from = 0, posted = 0; from < job.items.length; from += chunkSize(posted++)) {
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as AnalysisRequest);
        if (pending || cancelled === job.batch) break;
        const results = job.items.slice(from, from + chunkSize(posted)).map((item) => attempt(() => analyzeText(cfg.rules, cfg.threshold, item)));
        port.postMessage({ batch: job.batch, from, results } satisfies AnalysisReply);
      }
    }
    running = false;
  };
  port.on('message', (m: AnalysisRequest) => {
    take(m);
    if (!running) run();
  });
}

if (parentPort && (workerData as { port?: MessagePort } | undefined)?.port) serve((workerData as { port: MessagePort }).port);
