// The page's side of the language workers, with fake workers answering when the test says so: the preview
// never waits for the tests, only the newest test run is kept, tests that cannot run say so, and folding
// waits for the analysis of the latest edit.
import { describe, expect, it } from 'vitest';
import { LanguageClient, type WorkerPort } from '../../editor/src/language/language-client.js';
import type { Analysis, TestOutcome, WorkerEnvelope, WorkerReply, WorkerRequest } from '../../editor/src/language/protocol.js';

class FakeWorker implements WorkerPort {
  readonly posted: WorkerEnvelope[] = [];
  terminated = false;
  private listener: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  private answered = new Set<number>();

  constructor(readonly name: string) {}

  postMessage(envelope: WorkerEnvelope): void {
    this.posted.push(envelope);
  }

  addEventListener(_type: 'message', listener: (event: MessageEvent<WorkerReply>) => void): void {
    this.listener = listener;
  }

  terminate(): void {
    this.terminated = true;
  }

  /** The requests of a type not answered yet. */
  waiting(type: WorkerRequest['type']): WorkerEnvelope[] {
    return this.posted.filter((e) => e.request.type === type && !this.answered.has(e.id));
  }

  answer(envelope: WorkerEnvelope, value: unknown): void {
    this.answered.add(envelope.id);
    this.listener!({ data: { id: envelope.id, ok: true, value } } as MessageEvent<WorkerReply>);
  }
}

function setUp() {
  const workers: FakeWorker[] = [];
  const delivered: Analysis[] = [];
  const client = new LanguageClient(
    (analysis) => delivered.push(analysis),
    (name) => {
      const worker = new FakeWorker(name);
      workers.push(worker);
      return worker;
    },
  );
  const language = workers.find((w) => w.name === 'kaoping-language')!;
  const testRunners = () => workers.filter((w) => w.name === 'kaoping-tests');
  /** Answers the oldest waiting analysis as the worker would, compiled or not. */
  const answerAnalysis = (compiled = true) => {
    const envelope = language.waiting('analyze')[0]!;
    const version = (envelope.request as { version: number }).version;
    language.answer(envelope, analysis(version, compiled));
  };
  return { client, delivered, language, testRunners, answerAnalysis };
}

function analysis(version: number, compiled: boolean): Analysis {
  return {
    version,
    diagnostics: [],
    compiled,
    preview: { model: null, stale: false, reason: null, dataIssues: [], pointsMismatch: [], whatIf: null },
    tests: [],
    testsPending: compiled,
    testsBlocked: compiled ? null : '源文件有 1 个错误，测试未能运行',
    folding: [{ path: 'policies/x/a.kp', start: 0, end: version }],
    millis: 1,
  };
}

const passed: TestOutcome[] = [{ title: '满分', passed: true, span: null, failures: [] }];
const sources = (text: string) => [{ path: 'policies/x/a.kp', text }];
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('language client', () => {
  it('delivers the preview without waiting for the tests, which follow on their own', async () => {
    const { client, delivered, testRunners, answerAnalysis } = setUp();
    const analysed = client.analyzeNow(sources('a'));
    answerAnalysis();
    await analysed; // resolves although the test worker has not answered
    expect(delivered).toHaveLength(1);
    expect(delivered[0]!.testsPending).toBe(true);
    testRunners()[0]!.answer(testRunners()[0]!.waiting('tests')[0]!, passed);
    await tick();
    expect(delivered).toHaveLength(2);
    expect(delivered[1]).toMatchObject({ tests: passed, testsPending: false, testsBlocked: null });
  });

  it('stops a test run overtaken by an edit, keeping only the newest', async () => {
    const { client, delivered, testRunners, answerAnalysis } = setUp();
    for (const text of ['a', 'ab', 'abc']) void client.analyzeNow(sources(text));
    for (let i = 0; i < 3; i++) answerAnalysis();
    await tick();
    const runners = testRunners();
    expect(runners.map((r) => r.terminated)).toEqual([true, true, false]);
    expect(runners.map((r) => r.waiting('tests').length)).toEqual([1, 1, 1]);
    const newest = runners[2]!.waiting('tests')[0]!;
    expect(newest.request).toMatchObject({ sources: sources('abc') });
    // A late answer from a stopped run is dropped; the newest run's is shown as fresh.
    runners[0]!.answer(runners[0]!.waiting('tests')[0]!, []);
    await tick();
    expect(delivered.at(-1)!.testsPending).toBe(true);
    runners[2]!.answer(newest, passed);
    await tick();
    expect(delivered.at(-1)).toMatchObject({ version: 3, tests: passed, testsPending: false });
    // An idle runner is reused: no restart without a run to stop.
    void client.analyzeNow(sources('abcd'));
    expect(testRunners()).toHaveLength(3);
  });

  it('says the tests could not run when the sources do not compile, not that the last ones passed', async () => {
    const { client, delivered, testRunners, answerAnalysis } = setUp();
    const good = client.analyzeNow(sources('good'));
    answerAnalysis();
    await good;
    testRunners()[0]!.answer(testRunners()[0]!.waiting('tests')[0]!, passed);
    await tick();
    expect(delivered.at(-1)!.tests).toEqual(passed);
    const broken = client.analyzeNow(sources('bad'));
    answerAnalysis(false);
    await broken;
    expect(delivered.at(-1)).toMatchObject({ tests: [], testsPending: false, testsBlocked: '源文件有 1 个错误，测试未能运行' });
  });

  it('answers folding with the analysis of the latest edit, waiting for it when one is due', async () => {
    const { client, answerAnalysis } = setUp();
    void client.analyzeNow(sources('a'));
    answerAnalysis();
    expect((await client.settled()).version).toBe(1);
    client.scheduleAnalysis(() => sources('ab'), 1);
    const settled = client.settled();
    await new Promise((resolve) => setTimeout(resolve, 5)); // the debounce fires: version 2 is asked for
    answerAnalysis();
    expect((await settled).folding).toEqual([{ path: 'policies/x/a.kp', start: 0, end: 2 }]);
  });
});
