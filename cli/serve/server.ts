// `kaoping serve`: the policies of a folder as a JSON service on Fastify. Every endpoint is declared in
// schemas.ts; its parameters and body are checked with those schemas; failures are { code, message, location }
// (messages.ts). Evaluations run on a pool of worker threads (evaluation-pool.ts), off the event loop: their
// time limit is checked between the graph's nodes (each node is evaluated over all units at once) and, should
// that not stop one, its thread is ended; a small count of evaluations in progress (counted from the arrival of
// the request, so slow uploads count too) answers 429 beyond it.
import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { z } from 'zod';
import { explain, renderTrace, runTests } from '../../runtime/index.js';
import { semanticDiff } from '../../review/semantic-diff.js';
import { keywordLanguageOf } from '../../dsl/format.js';
import type { RuleGraph } from '../../graph/graph.js';
import type { RawDataset } from '../../runtime/data/dataset.js';
import type { TableFile } from '../../runtime/data/tables.js';
import { checkData, dataFilesOf, rawData, type DataFiles } from '../load-data.js';
import { readJsonDataset } from '../../runtime/data/dataset.js';
import { dataChanges } from '../../runtime/data/data-changes.js';
import { compareResults } from '../../review/diff-impact.js';
import { recheckDocument } from '../recheck-report.js';
import { evaluateRaw } from '../evaluate-data.js';
import { impactOnData } from '../diff-data.js';
import { diffDocument, renderMarkdown } from '../diff-report.js';
import { appendDecision, dataSha256, decisionOf, sha256Hex } from '../decision-log.js';
import { deadline, evaluationFailure, jsonBodyData, withinUnits, type EvaluationTask } from './evaluate-request.js';
import { inProcessEvaluator, workerPool } from './evaluation-pool.js';
import { checkWorkspacePath, listWorkspace, readWorkspaceFile } from '../../editor/server/policy-files.js';
import { CONTENT_TYPES } from '../../editor/server/workspace-plugin.js';
import { closestHint, type Language } from '../../messages/serve.js';
import { monitor, warningGrounds } from '../../runtime/results/warnings.js';
import { analyzeIndicators } from '../../runtime/results/indicator-analysis.js';
import { indicatorTrend } from '../../runtime/results/indicator-trend.js';
import { thresholdsOf } from '../../runtime/results/analysis-flags.js';
import type { RuntimeIssue } from '../../runtime/issues.js';
import { cliMessage, render, type MessageRef } from '../../messages/index.js';
import { periodsAsked } from '../analysis-periods.js';
import { InputError, UsageError } from '../context.js';
import { buildBulletin } from '../../reports/bulletin.js';
import { bulletinHtml } from '../../reports/bulletin-html.js';
import { closestName } from '../../runtime/data/closest-name.js';
import { ServiceError, languageOf } from './messages.js';
import { PolicyStore, diagnosticsOf, withGraph, type LoadedPolicy, type PolicyWithGraph } from './policy-store.js';
import { ROUTES, type RouteSpec } from './schemas.js';
import { openApiDocument } from './openapi.js';

export interface ServeOptions {
  /** the folder whose subfolders are the policies */
  policies: string;
  /** Bearer token every request but GET /openapi.json must carry; null for none (loopback only) */
  token: string | null;
  /** decision log folder; null for none */
  log: string | null;
  /** keep a copy of each evaluation's data in the log's data folder */
  logData: boolean;
  /** the built web editor (dist/editor); served at / when it exists; null when there is none to look for */
  editorDir: string | null;
  /** the built evaluation worker (dist/cli/evaluation-worker.js) and its threads; null: evaluate on the event loop */
  workers: { file: string; threads: number } | null;
  limits: Limits;
}

export interface Limits {
  /** bytes of one request body (JSON or all uploaded files together) */
  bodyBytes: number;
  /** units of one request's data */
  units: number;
  /** milliseconds one evaluation may take */
  evaluationMs: number;
  /** evaluation requests in progress at once */
  concurrentEvaluations: number;
  /** milliseconds a client has to send a whole request (slow clients get 408) */
  requestMs: number;
  /** files of one upload */
  files: number;
}

export const DEFAULT_LIMITS: Limits = {
  bodyBytes: 32 * 2 ** 20,
  units: 100_000,
  evaluationMs: 30_000,
  concurrentEvaluations: 8,
  requestMs: 60_000,
  files: 50,
};

const CLOSING_BRACE = Buffer.from('}');

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** A host the server may bind without a token: loopback only. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host);
}

declare module 'fastify' {
  interface FastifyRequest {
    language: Language;
    holdsSlot: boolean;
  }
  interface FastifyContextConfig {
    evaluates?: boolean;
  }
}

export async function createServer(options: ServeOptions): Promise<FastifyInstance> {
  const { limits } = options;
  const store = new PolicyStore(path.resolve(options.policies));
  const evaluator = options.workers ? workerPool(options.workers.file, options.workers.threads) : inProcessEvaluator();
  // How often Node looks for requests past their time: often enough for the limit to hold within a second.
  const checkingInterval = Math.min(1000, limits.requestMs);
  const app = Fastify({
    bodyLimit: limits.bodyBytes,
    requestTimeout: limits.requestMs,
    // A connection idle past this is closed. A late request is found up to one checking interval after its time,
    // so the idle limit leaves two intervals more: a slow client always hears its 408 before the connection goes.
    connectionTimeout: limits.requestMs + 2 * checkingInterval,
    http: { connectionsCheckingInterval: checkingInterval },
    return503OnClosing: true,
    // Requests Node's HTTP parser refuses (no route, no headers read): answered in the service's form too.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const code = (error as NodeJS.ErrnoException).code;
      const answer =
        code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? new ServiceError('KS416', { limit: limits.requestMs })
          : new ServiceError('KS412', { detail: code ?? error.message }, 'request');
      const body = JSON.stringify(answer.body('zh'));
      socket.end(
        `HTTP/1.1 ${answer.status} ${answer.status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
  });
  app.addHook('onClose', () => evaluator.close());
  app.decorateRequest('language', 'zh');
  app.decorateRequest('holdsSlot', false);

  // Bodies are read as bytes: the data's SHA-256 is of the bytes sent, and bad JSON gets a located message.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  await app.register(multipart, { limits: { fileSize: limits.bodyBytes, files: limits.files, fields: 20, parts: limits.files + 20 } });

  let inProgress = 0;
  const release = (req: FastifyRequest) => {
    if (req.holdsSlot) inProgress--;
    req.holdsSlot = false;
  };
  const expected = options.token === null ? null : sha256Bytes(options.token);
  app.addHook('onRequest', async (req, reply) => {
    req.language = languageOf(req.headers['accept-language']);
    if (expected !== null && req.url !== '/openapi.json' && !tokenMatches(req.headers.authorization, expected)) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new ServiceError('KS401', {}, 'header.authorization');
    }
    if (req.routeOptions.config.evaluates) {
      if (inProgress >= limits.concurrentEvaluations) throw new ServiceError('KS429', { limit: limits.concurrentEvaluations });
      inProgress++;
      req.holdsSlot = true;
    }
  });
  app.addHook('onResponse', async (req) => release(req));
  app.addHook('onRequestAbort', async (req) => release(req));

  app.setErrorHandler((error, req, reply) => {
    const known = serviceError(error, limits);
    if (!known) req.log.error(error);
    const answer = known ?? new ServiceError('KS500', { detail: error instanceof Error ? error.message : String(error) });
    void reply.code(answer.status).type('application/json; charset=utf-8').send(answer.body(req.language));
  });
  app.setNotFoundHandler((req, reply) => {
    const answer = new ServiceError('KS406', { method: req.method, url: req.url.split('?')[0]! }, 'url');
    void reply.code(answer.status).send(answer.body(req.language));
  });

  const evaluation = (loaded: PolicyWithGraph) => ({
    name: loaded.name!,
    rev: loaded.rev,
    title: loaded.graph.policy.name,
    version: loaded.graph.policy.version,
    graphSha256: loaded.graphSha256,
  });

  route(app, ROUTES.listPolicies, async () => {
    const policies = [];
    for (const name of await store.names()) {
      const loaded = await store.load(name, null).catch((e) => {
        if (e instanceof ServiceError) return null; // a folder without .kp files is no policy
        throw e;
      });
      if (!loaded) continue;
      const errors = loaded.compiled.diagnostics.filter((d) => d.severity === 'error').length;
      policies.push({ ...summary(loaded), errors, revisions: await store.revisions(name, 20) });
    }
    return { policies };
  });

  route(app, ROUTES.getPolicy, async ({ params, query }) => {
    const loaded = await store.load(params.name, query.rev ?? null);
    return { ...summary(loaded), diagnostics: diagnosticsOf(loaded) };
  });

  route(app, ROUTES.getGraph, async ({ params, query }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    return { graphSha256: loaded.graphSha256, graph: loaded.graph };
  });

  route(app, ROUTES.check, async ({ body }) => {
    const loaded = store.compile('request', body.sources);
    return { ok: loaded.compiled.graph !== null, sourcesSha256: loaded.sourcesSha256, graphSha256: loaded.graphSha256, diagnostics: diagnosticsOf(loaded) };
  });

  route(app, ROUTES.build, async ({ body }) => {
    const loaded = withGraph(store.compile('request', body.sources));
    return { graphSha256: loaded.graphSha256, graph: loaded.graph };
  });

  route(app, ROUTES.evaluate, async ({ params, query, req }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    const { files, json } = await requestFiles(req, true);
    const period = query.period ?? null;
    const skipBadUnits = query.skipBadUnits === 'true';
    const task: EvaluationTask = {
      graphSha256: loaded.graphSha256,
      graphJson: loaded.graphJson!,
      data: json ? { json: files[0]!.bytes } : { files },
      period,
      skipBadUnits,
      maxUnits: limits.units,
      evaluationMs: limits.evaluationMs,
      withResults: options.log !== null,
    };
    const dataHash = dataSha256(files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes) })));
    // A JSON body is moved to the thread, not copied (a copy of the 2021 sample took 0.7 ms of the event loop), unless the
    // decision log keeps it.
    const move = json && options.log === null ? [files[0]!.bytes.buffer as ArrayBuffer] : [];
    // The limit is checked between nodes inside the evaluation; a second later its thread is ended.
    const answer = await evaluator.run(task, AbortSignal.timeout(limits.evaluationMs + 1000), move).catch((e: unknown) => {
      if ((e as Error).name === 'AbortError' || (e as Error).name === 'TimeoutError') throw new ServiceError('KS503', { limit: limits.evaluationMs });
      throw e;
    });
    if (!answer.ok) throw new ServiceError(answer.error.code, answer.error.params, answer.error.location, answer.error.extra);
    const hash = answer.resultsSha256;
    if (options.log !== null) {
      const decision = decisionOf(
        {
          by: 'serve',
          policy: { spec: loaded.spec, cwd: store.dir, name: loaded.graph.policy.name, version: loaded.graph.policy.version },
          graphSha256: loaded.graphSha256,
          files,
          period,
          skipBadUnits,
          results: answer.results!,
          resultsSha256: hash,
        },
        options.logData,
      );
      await appendDecision(options.log, decision, options.logData ? files : []);
    }
    // The results come as the JSON bytes the evaluation made: not parsed, serialized or encoded again.
    const head = `{"policy":${JSON.stringify(evaluation(loaded))},"dataSha256":${JSON.stringify(dataHash)},"resultsSha256":${JSON.stringify(hash)},"results":`;
    return Buffer.concat([Buffer.from(head), answer.resultsJson, CLOSING_BRACE]);
  });

  route(app, ROUTES.explain, async ({ params, query, req }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    const raw = rawWithin(loaded.graph, (await dataFiles(req, true)).data, limits);
    const outcome = explain(loaded.graph, checkData(loaded.graph, raw), query.unit, {
      ...(query.indicator !== undefined ? { indicator: query.indicator } : {}),
      ...(query.period !== undefined ? { period: query.period } : {}),
      skipBadUnits: query.skipBadUnits === 'true',
      onProgress: deadline(limits.evaluationMs),
    });
    if (!outcome.trace) throw new ServiceError('KS423', { unit: query.unit }, 'query.unit', { issues: outcome.issues });
    return { policy: evaluation(loaded), trace: outcome.trace, text: renderTrace(outcome.trace, { lang: req.language, places: loaded.graph.policy.precision }) };
  });

  route(app, ROUTES.monitor, async ({ params, query, req }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    const data = checkData(loaded.graph, rawWithin(loaded.graph, (await dataFiles(req, true)).data, limits));
    if (query.unit !== undefined && !data.units.some((u) => u.id === query.unit)) {
      const closest = closestName(query.unit, data.units.map((u) => u.id));
      throw new ServiceError('KS424', { unit: query.unit, closest: closestHint(closest) }, 'query.unit');
    }
    const m = monitor(loaded.graph, data, query.period, deadline(limits.evaluationMs));
    if (!m.ok) throw new ServiceError('KS421', { count: m.issues.filter((i) => i.severity === 'error').length, hint: '' }, 'body', { issues: m.issues });
    const places = loaded.graph.policy.precision;
    return {
      policy: evaluation(loaded),
      period: m.period,
      checked: m.checked,
      warnings: m.warnings
        .filter((w) => query.unit === undefined || w.unit === query.unit)
        .map((w) => ({ ...w, grounds: warningGrounds(w, req.language === 'zh' ? '；' : '; ', req.language, places) })),
      issues: m.issues,
    };
  });

  route(app, ROUTES.analyze, async ({ params, query, req }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    const data = checkData(loaded.graph, rawWithin(loaded.graph, (await dataFiles(req, true)).data, limits));
    const thresholds = thresholdsOf(loaded.graph.analysis);
    const options = { onProgress: deadline(limits.evaluationMs) };
    const refused = (issues: readonly RuntimeIssue[]) =>
      new ServiceError('KS421', { count: issues.filter((i) => i.severity === 'error').length, hint: '' }, 'body', { issues: [...issues] });
    if (query.periods === undefined) {
      const analysis = analyzeIndicators(loaded.graph, data, query.period, options);
      if (analysis.issues.some((i) => i.severity === 'error')) throw refused(analysis.issues);
      return { policy: evaluation(loaded), period: query.period ?? null, thresholds, indicators: analysis.indicators, issues: analysis.issues };
    }
    if (query.period !== undefined) throw usage(cliMessage('trendWithPeriod'), 'query.period');
    const periods = withUsage(() => periodsAsked(loaded.graph, data, query.periods!), 'query.periods');
    const trend = indicatorTrend(loaded.graph, data, periods, options);
    if (!trend.ok) throw refused(trend.issues);
    return { policy: evaluation(loaded), periods, thresholds, indicators: trend.indicators, issues: trend.issues };
  });

  route(app, ROUTES.bulletin, async ({ params, query, req }) => {
    if (query.previous === query.period) throw usage(cliMessage('previousIsPeriod', { previous: query.previous }), 'query.previous');
    const loaded = await store.graph(params.name, query.rev ?? null);
    const raw = rawWithin(loaded.graph, (await dataFiles(req, true)).data, limits);
    const onProgress = deadline(limits.evaluationMs);
    const issues: RuntimeIssue[] = [];
    const evaluated = (period: string, side: string) => {
      const outcome = evaluateRaw(loaded.graph, raw, { period, onProgress });
      if (!outcome.evaluated) throw evaluationFailure(outcome, side);
      issues.push(...outcome.issues.map((i) => ({ ...i, message: `${period}: ${i.message}` })));
      return outcome.evaluated;
    };
    const current = evaluated(query.period, 'period');
    const previous = query.previous === undefined ? null : evaluated(query.previous, 'previous');
    const bulletin = withUsage(() => buildBulletin(loaded.graph, current, previous, req.language), 'query.previous');
    return { policy: evaluation(loaded), bulletin, html: bulletinHtml(bulletin), issues };
  });

  route(app, ROUTES.recheck, async ({ params, query, req }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    const { graph } = loaded;
    const sides = await beforeAndAfter(req);
    const period = query.period ?? null;
    const onProgress = deadline(limits.evaluationMs);
    const side = async (which: 'before' | 'after') => {
      const raw = withinUnits(rawData(graph, await sides[which].data), limits.units);
      const outcome = evaluateRaw(graph, raw, { period, onProgress });
      if (!outcome.evaluated) throw evaluationFailure(outcome, null);
      return { raw, evaluated: outcome.evaluated };
    };
    const before = await side('before');
    const after = await side('after');
    const data = dataChanges(graph, checkData(graph, before.raw), checkData(graph, after.raw));
    const names = { before: sides.before.name, after: sides.after.name };
    const doc = recheckDocument(graph, names, before.evaluated, after.evaluated, data, req.language);
    return {
      policy: evaluation(loaded),
      period: after.evaluated.results.period ?? null,
      data,
      impact: compareResults(before.evaluated.results, after.evaluated.results, { renames: {} }),
      markdown: renderMarkdown(doc),
    };
  });

  route(app, ROUTES.diff, async ({ params, query, req }) => {
    const before = await store.graph(params.name, query.from);
    const after = await store.graph(params.name, query.to ?? null);
    const spelling = (p: typeof before) => keywordLanguageOf(p.compiled.texts.values());
    const diff = semanticDiff(before.graph, after.graph, { lang: req.language, before: spelling(before), after: spelling(after) });
    const { files, data } = await dataFiles(req, false);
    const period = query.period ?? null;
    const impact =
      files.length === 0
        ? null
        : impactOnData(before.graph, after.graph, diff, data, files.map((f) => f.name).join(', '), period, (graph, raw, at, label) => {
            const outcome = evaluateRaw(graph, withinUnits(raw, limits.units), { period: at, onProgress: deadline(limits.evaluationMs) });
            if (!outcome.evaluated) throw evaluationFailure(outcome, label === 'OLD' ? 'from' : 'to');
            return outcome.evaluated.results;
          }, req.language);
    return {
      from: query.from,
      to: query.to ?? null,
      diff,
      impact: impact?.impact ?? null,
      notes: impact?.notes ?? [],
      markdown: renderMarkdown(diffDocument(diff, impact, req.language)),
    };
  });

  route(app, ROUTES.tests, async ({ params, query }) => {
    const loaded = await store.graph(params.name, query.rev ?? null);
    const results = runTests(loaded.graph).results.map((t) => ({
      title: t.title,
      passed: t.passed,
      failures: t.failures.map((f) => ({ text: f.text, expected: f.expected, actual: f.actual, file: f.span.file, line: f.span.line, column: f.span.column })),
    }));
    return { passed: results.filter((t) => t.passed).length, failed: results.filter((t) => !t.passed).length, results };
  });

  const openapi = openApiDocument();
  app.get('/openapi.json', async () => openapi);

  registerEditor(app, store.dir, options.editorDir);
  return app;
}

/** A refusal of the CLI's (a usage error) as the service's 400, located at the parameter. */
function usage(text: MessageRef, location: string): ServiceError {
  return new ServiceError('KS400', { detail: { zh: render(text, 'zh'), en: render(text, 'en') } }, location);
}

/** Runs a step of the CLI's, its refusals (usage or input errors) answered as 400 at the parameter. */
function withUsage<T>(f: () => T, location: string): T {
  try {
    return f();
  } catch (e) {
    if ((e instanceof UsageError || e instanceof InputError) && typeof e.text !== 'string') throw usage(e.text, location);
    throw e;
  }
}

function summary(loaded: LoadedPolicy) {
  const { graph } = loaded.compiled;
  return {
    name: loaded.name!,
    rev: loaded.rev,
    title: graph?.policy.name ?? null,
    version: graph?.policy.version ?? null,
    sources: loaded.compiled.sources.map((s) => s.path),
    sourcesSha256: loaded.sourcesSha256,
    graphSha256: loaded.graphSha256,
  };
}

type Input<S extends RouteSpec> = {
  params: S['params'] extends z.ZodObject ? z.infer<S['params']> : Record<string, never>;
  query: S['query'] extends z.ZodObject ? z.infer<S['query']> : Record<string, never>;
  body: S['body'] extends z.ZodType ? z.infer<S['body']> : undefined;
  req: FastifyRequest;
};

/**
 * Declares one endpoint of schemas.ts: its inputs checked with its schemas before the handler runs. Answers are
 * checked against the schemas by the tests (test/serve/openapi.test.ts), not on every request.
 */
function route<S extends RouteSpec>(app: FastifyInstance, spec: S, handler: (input: Input<S>) => Promise<unknown>): void {
  app.route({
    method: spec.method,
    url: spec.url,
    config: { evaluates: spec.evaluates ?? false },
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      const params = spec.params ? checked(spec.params, req.params, 'params', req.language) : {};
      const query = spec.query ? checked(spec.query, req.query, 'query', req.language) : {};
      const body = spec.body && typeof spec.body !== 'string' ? checked(spec.body, jsonBody(req), 'body', req.language) : undefined;
      const answer = await handler({ params, query, body, req } as Input<S>);
      return reply.type('application/json; charset=utf-8').send(answer);
    },
  });
}

const ZOD_LOCALES = { zh: z.locales.zhCN().localeError, en: z.locales.en().localeError };

function checked<T extends z.ZodType>(schema: T, value: unknown, where: string, language: Language): z.infer<T> {
  const result = schema.safeParse(value ?? {}, { error: ZOD_LOCALES[language] });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const location = [where, ...issue.path.map(String)].join('.');
  throw new ServiceError('KS400', { detail: `${location}: ${issue.message}` }, location);
}

function jsonBody(req: FastifyRequest): unknown {
  if (!Buffer.isBuffer(req.body)) throw new ServiceError('KS407', { type: req.headers['content-type'] ?? '(none)' }, 'header.content-type');
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch (e) {
    throw new ServiceError('KS408', { detail: (e as Error).message }, 'body');
  }
}

/**
 * The request's data: a JSON body (its bytes named data.json, for hashing and the log), or the files of a
 * multipart upload; and the data files as the runtime reads them (a JSON body parsed once).
 */
async function dataFiles(req: FastifyRequest, required: boolean): Promise<{ files: TableFile[]; data: DataFiles }> {
  const { files, json } = await requestFiles(req, required);
  return { files, data: json ? { json: jsonBodyData(files[0]!.bytes) } : await dataFilesOf(files) };
}

/**
 * The request's data files as sent: a JSON body (its bytes named data.json), or the files of a multipart upload,
 * with the form field each came under.
 */
async function requestFiles(req: FastifyRequest, required: boolean): Promise<{ files: TableFile[]; json: boolean; fields: string[] }> {
  const files: TableFile[] = [];
  const fields: string[] = [];
  let json = false;
  if (req.isMultipart()) {
    // The upload is read to its end (within its limits) before a refusal is answered: a client still sending
    // would otherwise wait on a server that no longer reads.
    let refusal: ServiceError | null = null;
    for await (const part of req.parts()) {
      if (part.type !== 'file') {
        // A form field is not read: options such as the period go in the query, and are not dropped silently.
        refusal ??= new ServiceError('KS417', { field: part.fieldname }, `body.${part.fieldname}`);
        continue;
      }
      const name = path.basename(part.filename || part.fieldname);
      if (refusal === null && !/\.(csv|xlsx|json)$/i.test(name)) refusal = new ServiceError('KS411', { file: name }, `body.${part.fieldname}`);
      const bytes = await part.toBuffer();
      if (refusal === null) {
        files.push({ name, bytes: new Uint8Array(bytes) });
        fields.push(part.fieldname);
      }
    }
    if (refusal) throw refusal;
  } else if (Buffer.isBuffer(req.body) && req.body.length > 0) {
    files.push({ name: 'data.json', bytes: new Uint8Array(req.body) });
    json = true;
  } else if (req.body !== undefined && req.body !== null && !Buffer.isBuffer(req.body)) {
    throw new ServiceError('KS407', { type: req.headers['content-type'] ?? '(none)' }, 'header.content-type');
  }
  if (files.length === 0 && required) throw new ServiceError('KS410', {}, 'body');
  return { files, json, fields };
}

/**
 * The two data of a recheck: the files uploaded under the fields `before` and `after` (each as for evaluate), or a
 * JSON body `{ before, after }`; named as the reader will see them in the report.
 */
async function beforeAndAfter(req: FastifyRequest): Promise<Record<'before' | 'after', { name: string; data: Promise<DataFiles> }>> {
  const { files, json, fields } = await requestFiles(req, true);
  const missing = (which: string[]) => new ServiceError('KS418', { missing: which.join(', ') }, `body.${which[0]}`);
  if (json) {
    const body = jsonBody(req) as Record<string, unknown> | null;
    const absent = (['before', 'after'] as const).filter((k) => typeof body?.[k] !== 'object' || body[k] === null);
    if (absent.length > 0) throw missing(absent);
    return {
      before: { name: 'before', data: Promise.resolve({ json: readJsonDataset(body!.before) }) },
      after: { name: 'after', data: Promise.resolve({ json: readJsonDataset(body!.after) }) },
    };
  }
  const other = fields.find((f) => f !== 'before' && f !== 'after');
  if (other !== undefined) throw new ServiceError('KS419', { field: other }, `body.${other}`);
  const of = (which: string) => files.filter((_, k) => fields[k] === which);
  const absent = ['before', 'after'].filter((which) => of(which).length === 0);
  if (absent.length > 0) throw missing(absent);
  const side = (which: string) => ({ name: of(which).map((f) => f.name).join(', '), data: dataFilesOf(of(which)) });
  return { before: side('before'), after: side('after') };
}

function rawWithin(graph: RuleGraph, files: DataFiles, limits: Limits): RawDataset {
  return withinUnits(rawData(graph, files), limits.units);
}

/** Errors raised by Fastify and its plugins, as the service's own. */
function serviceError(error: unknown, limits: Limits): ServiceError | null {
  if (error instanceof ServiceError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ServiceError('KS413', { limit: limits.bodyBytes }, 'body');
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT':
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new ServiceError('KS415', { limit: limits.bodyBytes, files: limits.files }, 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new ServiceError('KS407', { type: '?' }, 'header.content-type');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ServiceError('KS400', { detail: message }, 'body');
  }
  // Busboy's complaints about a malformed multipart body, and its limits.
  if (/multipart|boundary|Unexpected end of form|Malformed/i.test(message)) return new ServiceError('KS409', { detail: message }, 'body');
  const status = (error as { statusCode?: number }).statusCode;
  if (status !== undefined && status >= 400 && status < 500) return new ServiceError('KS400', { detail: message }, null);
  return null;
}

function sha256Bytes(text: string): Buffer {
  return Buffer.from(sha256Hex(text), 'hex');
}

/** Compares digests of equal length in constant time, so the time taken says nothing about the token. */
function tokenMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? '');
  return match !== null && timingSafeEqual(sha256Bytes(match[1]!), expected);
}

/**
 * The web editor at /: its built files (npm run build), and read-only the workspace API it expects (the same
 * listing and file reads as the Vite plugin, from editor/server/policy-files.ts). Saving stays disabled.
 */
function registerEditor(app: FastifyInstance, policiesDir: string, editorDir: string | null): void {
  const root = path.dirname(policiesDir);
  const usable = path.basename(policiesDir) === 'policies';
  app.get('/api/workspace.json', async (_req, reply) => {
    if (!usable) return reply.callNotFound();
    return { ...(await listWorkspace(root)), readOnly: true };
  });
  app.get('/api/files/*', async (req, reply) => {
    if (!usable) return reply.callNotFound();
    let requested: string;
    try {
      requested = decodeURIComponent((req.params as { '*': string })['*']);
    } catch {
      return reply.code(400).type('text/plain; charset=utf-8').send('路径编码无效');
    }
    const checkedPath = await checkWorkspacePath(root, requested, 'read');
    if (!checkedPath.ok) return reply.code(checkedPath.status).type('text/plain; charset=utf-8').send(checkedPath.message);
    reply.header('Cache-Control', 'no-store').type(CONTENT_TYPES[path.extname(requested)] ?? 'application/octet-stream');
    return reply.send(await readWorkspaceFile(checkedPath.absolute));
  });
  if (editorDir !== null && existsSync(path.join(editorDir, 'index.html'))) {
    void app.register(fastifyStatic, { root: editorDir, prefix: '/', index: 'index.html' });
  } else {
    app.get('/', async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .send(`<!doctype html><meta charset="utf-8"><title>kaoping</title><p>编辑器尚未构建：请在 kaoping 目录运行 <code>npm run build</code>，然后重启 <code>kaoping serve</code>。</p><p>The editor is not built: run <code>npm run build</code> in the kaoping folder, then restart <code>kaoping serve</code>.</p><p>API: <a href="/openapi.json">/openapi.json</a></p>`),
    );
  }
}
