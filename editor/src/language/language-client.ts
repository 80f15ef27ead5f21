// The page's handle on the language workers: typed requests with promises, and a debounced analysis that
// drops answers overtaken by newer edits. Two workers run the same code: one compiles and evaluates the
// preview and answers the editor's questions; the other runs the policy's tests, so they never hold up
// the preview.
import type { Analysis, SourceText, TestOutcome, WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResponses } from './protocol.js';

export const ANALYSIS_DEBOUNCE_MS = 150;

class WorkerChannel {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(name: string) {
    this.worker = new Worker(new URL('./language-worker.ts', import.meta.url), { type: 'module', name });
    this.worker.addEventListener('message', (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.error));
    });
  }

  request<R extends WorkerRequest>(request: R): Promise<WorkerResponses[R['type']]> {
    const id = this.nextId++;
    const envelope: WorkerEnvelope = { id, request };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage(envelope);
    });
  }

  terminate(): void {
    this.worker.terminate();
  }
}

export class LanguageClient {
  private readonly language = new WorkerChannel('kaoping-language');
  private readonly testRunner = new WorkerChannel('kaoping-tests');
  private analysisVersion = 0;
  private latest: Analysis | null = null;
  private tests: { version: number; outcomes: TestOutcome[] } = { version: 0, outcomes: [] };
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onAnalysis: (analysis: Analysis) => void) {}

  request<R extends WorkerRequest>(request: R): Promise<WorkerResponses[R['type']]> {
    return this.language.request(request);
  }

  /** Schedules an analysis of the policy's sources once typing pauses; only the newest answer is delivered. */
  scheduleAnalysis(sources: () => SourceText[], delay = ANALYSIS_DEBOUNCE_MS): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.analyzeNow(sources());
    }, delay);
  }

  async analyzeNow(sources: SourceText[]): Promise<void> {
    const version = ++this.analysisVersion;
    const tests = this.testRunner.request({ type: 'tests', sources }).then((outcomes) => {
      if (outcomes === null || version < this.tests.version) return;
      this.tests = { version, outcomes };
      if (this.latest && this.latest.version === version) this.deliver(this.latest);
    });
    const analysis = await this.language.request({ type: 'analyze', version, sources });
    if (analysis.version === this.analysisVersion) this.deliver(analysis);
    await tests;
  }

  /** Sends new data; the worker re-evaluates the last compiled policy on it. */
  async setDataset(label: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const analysis = await this.language.request({ type: 'dataset', label, files });
    if (analysis) this.deliver({ ...analysis, version: this.analysisVersion });
  }

  /** Hands the analysis to the page with the newest test outcomes, marked pending when they are older. */
  private deliver(analysis: Analysis): void {
    this.latest = analysis;
    const fresh = this.tests.version === analysis.version;
    this.onAnalysis({ ...analysis, tests: this.tests.outcomes, testsPending: analysis.compiled && !fresh });
  }

  dispose(): void {
    this.language.terminate();
    this.testRunner.terminate();
  }
}
