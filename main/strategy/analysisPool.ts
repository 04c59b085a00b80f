// Ingest's second thread. The machine Parley is built for has two cores, and reading the text (keyword
// rules, sentiment) was about a third of the main thread's work per message. A batch's messages are handed
// to analysisWorker.cjs before the batch's transaction begins; inside the transaction, which stays
// synchronous, the main thread collects each result with receiveMessageOnPort when it reaches that message,
// and analyses it itself if the result is not there yet. Nothing waits on the worker and nothing depends on
// it: when it is missing (a development run from the TypeScript sources), lags or dies, the main thread
// does all the work, with the same function and the same result.
import fs from 'node:fs';
import path from 'node:path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Logger } from '../log';
import type { AnalysisSubject, TextAnalysis } from './analysis';
import type { AnalysisReply, AnalysisRequest } from './analysisWorker';
import type { CompiledRule } from './rules';

/** The bundle beside the running one (dist/main, dist/bench): scripts/build.mjs and bench/run.mjs build it. */
export const bundledWorkerFile = (): string => path.join(__dirname, 'analysisWorker.cjs');

export interface AnalysisSnapshot {
  version: number;
  rules: readonly CompiledRule[];
  strategy: { engagement: { threshold: number } };
}

export interface AnalysisStats {
  /** Messages whose analysis the worker had ready when the main thread asked, and those it had not. */
  answered: number;
  missed: number;
}

/** One batch's results as they arrive. Replies come through one port for every batch in flight (two feeds
 *  can ingest at once), so whichever batch reads the port hands the others theirs. */
export class AnalysisBatch {
  private readonly results: Array<TextAnalysis | null | undefined>;
  private received = 0;
  constructor(
    private readonly stats: AnalysisStats,
    protected readonly port: MessagePort,
    private readonly live: Map<number, AnalysisBatch>,
    readonly batch: number,
    /** The configuration version the results were computed under. */
    readonly version: number,
    size: number,
  ) {
    this.results = new Array<TextAnalysis | null | undefined>(size);
    live.set(batch, this);
  }

  /** The analysis of message `i`, if the worker has posted it; undefined means "analyse it yourself". */
  get(i: number): TextAnalysis | undefined {
    const r = this.read(i);
    if (r) this.stats.answered++;
    else this.stats.missed++;
    return r;
  }

  protected read(i: number): TextAnalysis | undefined {
    // Bounded, so a worker gone wrong (posting without end) can never hold the main thread here.
    for (let reads = 0; i >= this.received; reads++) {
      const m = reads < 64 ? receiveMessageOnPort(this.port) : undefined;
      if (!m) return undefined;
      const reply = m.message as AnalysisReply;
      this.live.get(reply.batch)?.accept(reply); // a finished batch's late results are dropped
    }
    return this.results[i] ?? undefined;
  }

  private accept(reply: AnalysisReply): void {
    for (let k = 0; k < reply.results.length; k++) this.results[reply.from + k] = reply.results[k];
    this.received = reply.from + reply.results.length;
  }

  /** The main thread is past the last message: the worker can stop (what it still sends is dropped). */
  end(): void {
    this.live.delete(this.batch);
    this.port.postMessage({ kind: 'done', batch: this.batch } satisfies AnalysisRequest);
  }
}

export class TextAnalysisThread {
  readonly name = 'text analysis';
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private sentVersion = -1;
  private batches = 0;
  private readonly live = new Map<number, AnalysisBatch>();
  readonly stats: AnalysisStats = { answered: 0, missed: 0 };

  constructor(private readonly options: { file?: string; log?: Logger } = {}) {}

  get running(): boolean {
    return this.port !== null;
  }

  start(): void {
    if (this.worker) return;
    const file = this.options.file ?? bundledWorkerFile();
    if (!fs.existsSync(file)) {
      this.options.log?.info('text analysis runs on the main thread (no analysisWorker.cjs beside this bundle)', { file });
      return;
    }
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(file, { workerData: { port: port2 }, transferList: [port2] });
    const lost = (why: string) => {
      if (this.worker !== worker) return;
      this.options.log?.warn('text analysis thread stopped; the main thread analyses every message', { why });
      this.worker = null;
      this.port = null;
      port1.close();
    };
    worker.on('error', (e) => lost(e.message));
    worker.on('exit', (code) => lost(`exit ${code}`));
    worker.unref();
    this.worker = worker;
    this.port = port1;
    this.sentVersion = -1;
  }

  /** Hands a batch to the worker; null when there is no worker. */
  begin(items: readonly AnalysisSubject[], snapshot: AnalysisSnapshot): AnalysisBatch | null {
    const port = this.port;
    if (!port || items.length === 0) return null;
    if (this.sentVersion !== snapshot.version) {
      port.postMessage({
        kind: 'config',
        config: { version: snapshot.version, rules: snapshot.rules.map((c) => c.rule), threshold: snapshot.strategy.engagement.threshold },
      } satisfies AnalysisRequest);
      this.sentVersion = snapshot.version;
    }
    const batch = ++this.batches;
    // Only what the analysis reads; an unreadable item (it becomes a dead letter) is sent as an empty text.
    const subjects = items.map((i) => ({ text: typeof i.text === 'string' ? i.text : '', network: i.network, channelKind: i.channelKind }));
    port.postMessage({ kind: 'analyze', batch, version: snapshot.version, items: subjects } satisfies AnalysisRequest);
    return this.batchOf(port, this.live, batch, snapshot.version, items.length);
  }

  protected batchOf(port: MessagePort, live: Map<number, AnalysisBatch>, batch: number, version: number, size: number): AnalysisBatch {
    return new AnalysisBatch(this.stats, port, live, batch, version, size);
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.port?.close();
    this.port = null;
    if (worker) await worker.terminate();
  }
}
