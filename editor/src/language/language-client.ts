// The page's handle on the language worker: typed requests with promises, and a debounced analysis that
// drops answers overtaken by newer edits.
import type { Analysis, SourceText, WorkerEnvelope, WorkerReply, WorkerRequest, WorkerResponses } from './protocol.js';

export const ANALYSIS_DEBOUNCE_MS = 150;

export class LanguageClient {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private analysisVersion = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly onAnalysis: (analysis: Analysis) => void) {
    this.worker = new Worker(new URL('./language-worker.ts', import.meta.url), { type: 'module', name: 'kaoping-language' });
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
    const analysis = await this.request({ type: 'analyze', version, sources });
    if (analysis.version === this.analysisVersion) this.onAnalysis(analysis);
  }

  /** Sends new data; the worker re-evaluates the last compiled policy on it. */
  async setDataset(label: string, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
    const analysis = await this.request({ type: 'dataset', label, files });
    if (analysis) this.onAnalysis({ ...analysis, version: this.analysisVersion });
  }

  dispose(): void {
    this.worker.terminate();
  }
}
