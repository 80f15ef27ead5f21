// The page's handle on the language workers: typed requests with promises, and a debounced analysis that
// drops answers overtaken by newer edits. Two workers run the same code: one compiles and evaluates the
// preview and answers the editor's questions; the other runs the policy's tests, so they never hold up
// the preview. Only the newest test run is kept: a run still going when the sources change is stopped.
import type { Analysis, SourceText, TestOutcome, WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResponses } from './protocol.js';
import { editorMessage, render, type Lang } from '../../../messages/index.js';
import { UI_LANG } from '../app/ui-text.js';

export const ANALYSIS_DEBOUNCE_MS = 150;

/** What the client needs of a worker (the unit tests give it fakes). */
export interface WorkerPort {
  postMessage(envelope: WorkerEnvelope): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerReply>) => void): void;
  terminate(): void;
}

export type StartWorker = (name: string) => WorkerPort;

const startLanguageWorker: StartWorker = (name) =>
  new Worker(new URL('./language-worker.ts', import.meta.url), { type: 'module', name });

class WorkerChannel {
  private readonly worker: WorkerPort;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(start: StartWorker, name: string, private readonly lang: Lang) {
    this.worker = start(name);
    this.worker.addEventListener('message', (event) => {
      const reply = event.data;
      const waiter = this.pending.get(reply.id);
      if (!waiter) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(reply.error));
    });
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }

  request<R extends WorkerRequest>(request: R): Promise<WorkerResponses[R['type']]> {
    const id = this.nextId++;
    const envelope: WorkerEnvelope = { id, lang: this.lang, request };
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
  private readonly language: WorkerChannel;
  private testRunner: WorkerChannel;
  private analysisVersion = 0;
  private latest: Analysis | null = null;
  /** The newest test outcomes, of the analysis version they ran on; `error` when the run itself failed. */
  private tests: { version: number; outcomes: TestOutcome[]; error: string | null } = { version: 0, outcomes: [], error: null };
  private timer: ReturnType<typeof setTimeout> | null = null;
  private settledWaiters: ((analysis: Analysis) => void)[] = [];

  constructor(
    private readonly onAnalysis: (analysis: Analysis) => void,
    private readonly startWorker: StartWorker = startLanguageWorker,
    /** The language the workers answer in: the page's. */
    private readonly lang: Lang = UI_LANG,
  ) {
    this.language = new WorkerChannel(startWorker, 'kaoping-language', lang);
    this.testRunner = new WorkerChannel(startWorker, 'kaoping-tests', lang);
  }

  request<R extends WorkerRequest>(request: R): Promise<WorkerResponses[R['type']]> {
    return this.language.request(request);
  }

  /**
   * Schedules an analysis of the policy's sources once typing pauses; only the newest answer is delivered.
   * `saved`: the sources as saved while some are not, for the preview's what-if against them.
   */
  scheduleAnalysis(sources: () => SourceText[], delay = ANALYSIS_DEBOUNCE_MS, saved: () => SourceText[] | null = () => null): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.analyzeNow(sources(), saved());
    }, delay);
  }

  /** Analyses the sources now; resolves once the analysis is delivered (the tests report separately). */
  async analyzeNow(sources: SourceText[], saved: SourceText[] | null = null): Promise<void> {
    const version = ++this.analysisVersion;
    this.runTests(version, sources);
    const analysis = await this.language.request({ type: 'analyze', version, sources, saved });
    if (analysis.version === this.analysisVersion) this.deliver(analysis);
  }

  private runTests(version: number, sources: SourceText[]): void {
    // A run still going is for sources that are now out of date: stop it rather than queue the new one behind.
    if (this.testRunner.busy) {
      this.testRunner.terminate();
      this.testRunner = new WorkerChannel(this.startWorker, 'kaoping-tests', this.lang);
    }
    const settle = (outcomes: TestOutcome[], error: string | null) => {
      if (version !== this.analysisVersion) return;
      this.tests = { version, outcomes, error };
      if (this.latest?.version === version) this.deliver(this.latest);
    };
    // null: the sources do not compile, which the analysis reports (testsBlocked).
    this.testRunner.request({ type: 'tests', sources }).then(
      (outcomes) => settle(outcomes ?? [], null),
      (error: Error) => settle([], render(editorMessage('testsFailedToRun', { reason: error.message }), this.lang)),
    );
  }

  /** Sends new data; the worker re-evaluates the last compiled policy on it. */
  async setDataset(label: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const version = this.analysisVersion;
    const analysis = await this.language.request({ type: 'dataset', label, files });
    // The worker answers with its last analysis: of these sources unless an edit has been analysed since.
    if (analysis && version === this.analysisVersion) this.deliver({ ...analysis, version });
  }

  /** The analysis of the sources as they are now: the one on its way while an edit is still being analysed. */
  settled(): Promise<Analysis> {
    if (this.timer === null && this.latest?.version === this.analysisVersion) return Promise.resolve(this.latest);
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  /** Hands the analysis to the page with the newest test outcomes, marked pending when they are older. */
  private deliver(analysis: Analysis): void {
    this.latest = analysis;
    const fresh = this.tests.version === analysis.version;
    const blocked = analysis.testsBlocked ?? (fresh ? this.tests.error : null);
    const shown: Analysis = blocked
      ? { ...analysis, tests: [], testsPending: false, testsBlocked: blocked }
      : { ...analysis, tests: this.tests.outcomes, testsPending: !fresh };
    this.onAnalysis(shown);
    if (this.timer !== null || analysis.version !== this.analysisVersion) return;
    const waiters = this.settledWaiters;
    this.settledWaiters = [];
    for (const resolve of waiters) resolve(shown);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.language.terminate();
    this.testRunner.terminate();
  }
}
