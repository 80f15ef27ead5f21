// The service's contract: every endpoint's parameters, body and answer as zod schemas. Requests are checked
// with them and /openapi.json is generated from them, so the published contract is the one enforced.
import { z } from 'zod';
import { issueSchema, messageRefSchema, resultsSchema, traceSchema } from '../../runtime/results/results-schema.js';
import { ruleGraphSchema } from '../../graph/graph-schema.js';

const policyName = z.string().describe('the name of a folder directly under the policies folder');
const rev = z.string().describe('a Git revision (commit, branch, tag, HEAD~1); the working tree when absent');
const period = z.string().describe('the period to evaluate, e.g. 2021 or 2021Q2');
const flag = z.enum(['true', 'false']);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const nameParams = z.object({ name: policyName });
export const revQuery = z.object({ rev: rev.optional() });
export const evaluateQuery = z.object({
  rev: rev.optional(),
  period: period.optional(),
  skipBadUnits: flag.optional().describe('evaluate the units without data errors and list the others as skipped'),
});
export const explainQuery = evaluateQuery.extend({
  unit: z.string().min(1).describe('the id of the unit to explain'),
  indicator: z.string().optional().describe('only this indicator'),
});
export const monitorQuery = z.object({
  rev: rev.optional(),
  period: z.string().min(1).describe('the period to check, e.g. 2021M06 or 2021Q2'),
  unit: z.string().min(1).optional().describe("only this unit's warnings"),
});
export const analyzeQuery = z.object({
  rev: rev.optional(),
  period: period.optional().describe('the period to analyse, e.g. 2021 or 2021Q2'),
  periods: z
    .string()
    .min(1)
    .optional()
    .describe('the trend over several periods: 2021Q1,2021Q2,… or all (every period of the data but those the policy makes of others); not with period'),
});
export const bulletinQuery = z.object({
  rev: rev.optional(),
  period: z.string().min(1).describe('the period of the bulletin, e.g. 2021Q2 or 2021'),
  previous: z.string().min(1).optional().describe('the period to compare ranks with, e.g. 2021Q1'),
});
export const recheckQuery = z.object({
  rev: rev.optional(),
  period: period.optional(),
});
export const diffQuery = z.object({
  from: rev.describe('the old version: a Git revision'),
  to: rev.optional().describe('the new version: a Git revision; the working tree when absent'),
  period: period.optional(),
});
export const sourcesBody = z.object({
  sources: z.array(z.object({ path: z.string().min(1).max(300), text: z.string() })).min(1).max(200),
});

export const diagnosticSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  endLine: z.number().int(),
  endColumn: z.number().int(),
  severity: z.enum(['error', 'warning', 'info']),
  code: z.string(),
  message: z.string(),
  help: z.string().optional(),
  fixes: z.array(z.object({
    title: z.string(),
    unambiguous: z.boolean().describe('the one right change: `kaoping check --fix` applies it; else the author chooses'),
    edits: z.array(z.object({ file: z.string(), line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int(), text: z.string() })),
  })).optional().describe('quick fixes: replace each edit\'s range with its text'),
  text: messageRefSchema.optional(),
  page: z.string().optional().describe("the code's documentation page, e.g. docs/codes/KP2001.md"),
});

export const errorSchema = z.object({
  code: z.string().describe('KS…, see docs/serve.md'),
  message: z.string().describe('in Chinese, or English with Accept-Language: en'),
  location: z.string().nullable().describe('where the problem is: a parameter (query.period), the body, a policy'),
  issues: z.array(issueSchema).optional().describe('the data problems, each located by unit, field, file, row and column'),
  diagnostics: z.array(diagnosticSchema).optional().describe("the policy's diagnostics"),
});

const revisionSchema = z.object({ commit: z.string(), time: z.string(), subject: z.string() });

const policySummary = z.object({
  name: policyName,
  rev: z.string().nullable(),
  title: z.string().nullable().describe("the policy's own name; null when it does not compile"),
  version: z.string().nullable(),
  sources: z.array(z.string()),
  sourcesSha256: sha256,
  graphSha256: sha256.nullable().describe('SHA-256 of the graph as `kaoping build` writes it; null when it does not compile'),
});

export const policyListSchema = z.object({
  policies: z.array(policySummary.extend({ errors: z.number().int(), revisions: z.array(revisionSchema).describe('the latest commits that changed it') })),
});
export const policySchema = policySummary.extend({ diagnostics: z.array(diagnosticSchema) });
export const checkSchema = z.object({ ok: z.boolean(), sourcesSha256: sha256, graphSha256: sha256.nullable(), diagnostics: z.array(diagnosticSchema) });
export const graphSchema = z.object({ graphSha256: sha256, graph: ruleGraphSchema });

const evaluatedPolicy = z.object({ name: policyName, rev: z.string().nullable(), title: z.string(), version: z.string(), graphSha256: sha256 });
export const evaluationSchema = z.object({
  policy: evaluatedPolicy,
  dataSha256: sha256.describe('of the data file; for several files, of their `sha256  name` lines sorted by name'),
  resultsSha256: sha256.describe('of the results as `kaoping eval --out results.json` writes them (keys sorted, two-space indents, final newline)'),
  results: resultsSchema,
});
export const explanationSchema = z.object({
  policy: evaluatedPolicy,
  trace: traceSchema,
  text: z.string().describe('the explanation as sentences, as `kaoping explain` prints it'),
});
const warningLevel = z.enum(['severe', 'warning', 'notice']).describe('严重, 预警, 提示');
export const monitoringSchema = z.object({
  policy: evaluatedPolicy,
  period: z.string(),
  checked: z
    .array(z.object({ warning: z.string(), kind: z.string(), level: warningLevel, units: z.number().int() }))
    .describe('the rules that apply to the period, with the units each was checked on'),
  warnings: z
    .array(
      z.object({
        warning: z.string().describe("the rule's name"),
        level: warningLevel,
        kind: z.string(),
        unit: z.string(),
        unitName: z.string().nullable(),
        message: z.string().describe("the rule's message, its placeholders filled at the policy's precision"),
        rule: z.string().describe('the condition as written'),
        grounds: z.string().describe('the values the rule read, as `kaoping monitor` prints them (依据), in the language of the answer'),
        steps: z.array(z.looseObject({ step: z.string() })).describe('the explanation of the condition: the values read and the branches taken, in order'),
        values: z.array(z.object({ name: z.string(), value: z.unknown() })).describe("the placeholders' values"),
      }),
    )
    .describe('by kind, unit (in the order of the data), then most serious first'),
  issues: z.array(issueSchema).describe('notes on the data, such as KR260: a trend rule not checked for want of an earlier period'),
});
const analysisFlag = z
  .enum(['uniform_full', 'constant', 'never_deducted', 'too_harsh'])
  .describe('绩效趋同 (almost all at full points), 不区分 (one score for all), 从未扣分 (a deduction line never made), 过于严苛 (almost all at zero)');
const share = z.number().nullable();
const indicatorAnalysisSchema = z.object({
  kind: z.string(),
  name: z.string(),
  section: z.string(),
  points: z.number(),
  precision: z.number().int(),
  scored: z.number().int().describe('units with a score (not exempt)'),
  quartiles: z.tuple([z.number(), z.number(), z.number(), z.number(), z.number()]).nullable().describe('lowest, lower quartile, median, upper quartile, highest'),
  mean: share,
  sd: share.describe('population standard deviation'),
  cv: share.describe('coefficient of variation, sd / mean; null when the mean is 0'),
  fullShare: share.describe('满分率: the share of the units scored at full points'),
  zeroShare: share.describe('the share at zero'),
  correlation: share.describe("Pearson correlation with the kind's total; null when either is constant"),
  tierChanges: z.number().int().nullable().describe('units whose tier changes when the indicator is taken out; null without tiers in the period'),
  neverDeducted: z.array(z.string()).nullable().describe('the deduction lines (as written) that took nothing from any unit'),
  flags: z.array(analysisFlag),
});
const indicatorThresholds = z
  .object({ fullShare: z.number(), zeroShare: z.number(), minScored: z.number() })
  .describe("the flags' thresholds in force: the policy's 绩效分析 declaration, else the defaults");
export const analysisSchema = z.union([
  z.object({
    policy: evaluatedPolicy,
    period: z.string().nullable(),
    thresholds: indicatorThresholds,
    indicators: z.array(indicatorAnalysisSchema).describe('in the policy\'s order, as `kaoping analyze --out a.json` writes them'),
    issues: z.array(issueSchema).describe('notes on the data'),
  }),
  z.object({
    policy: evaluatedPolicy,
    periods: z.array(z.string()),
    thresholds: indicatorThresholds,
    indicators: z
      .array(
        z.object({
          kind: z.string(),
          name: z.string(),
          section: z.string(),
          points: z.number(),
          precision: z.number().int(),
          periods: z.array(indicatorAnalysisSchema.nullable()).describe('one per period asked, in order; null when the period does not score it'),
          meanChange: share.describe('mean of the last period scoring it minus that of the first'),
          fullShareChange: share.describe('满分率 likewise'),
          flags: z.array(z.object({ flag: analysisFlag, periods: z.array(z.string()) })).describe('each flag raised, with the periods it was raised in'),
        }),
      )
      .describe('with periods=: the trend, as `kaoping analyze --periods … --out t.json` writes it'),
    issues: z.array(issueSchema).describe("notes on the data, each prefixed by its period"),
  }),
]);
const scoreCell = z.union([z.number(), z.string(), z.null()]).describe('a score, a mark (免考, 不适用, 本期不考评), or null');
const bulletinRow = z.object({
  rank: z.number().int().nullable(),
  movement: z.string().describe("since the previous period: ↑3, ↓2, — (the same place), 新 (not ranked then); '' without previous="),
  id: z.string(),
  name: z.string(),
  total: z.number().nullable(),
  sections: z.array(scoreCell).describe('in the order of `sections`'),
  tiers: z.array(z.string().nullable()).describe('in the order of `tiers`'),
  reason: z.string().describe('why the tier is what it is, when a gate or veto held'),
});
const unitsAt = z.object({ score: z.number(), units: z.array(z.string()).describe("the units' names") }).nullable();
export const bulletinSchema = z.object({
  policy: evaluatedPolicy,
  bulletin: z.object({
    policy: z.string(),
    period: z.string().nullable(),
    previous: z.string().nullable(),
    lang: z.enum(['zh', 'en']).describe("the language of the bulletin's words (the request's Accept-Language; the names are the policy's and the data's)"),
    kinds: z.array(
      z.object({
        kind: z.string(),
        label: z.string(),
        totalPrecision: z.number().int(),
        sections: z.array(z.object({ name: z.string(), precision: z.number().int() })),
        tiers: z.array(z.string()),
        ranking: z.array(bulletinRow),
        indicators: z
          .array(
            z.object({
              name: z.string(),
              section: z.string(),
              points: z.number(),
              precision: z.number().int(),
              scored: z.number().int(),
              mean: z.number().nullable(),
              best: unitsAt,
              worst: unitsAt,
            }),
          )
          .describe("each indicator's best and worst units"),
        tierCounts: z.array(z.object({ tiers: z.string(), counts: z.array(z.object({ tier: z.string(), units: z.number().int() })) })),
        flagged: z.array(bulletinRow).describe('the gated and vetoed units, with the reason'),
      }),
    ),
    notes: z.array(z.string()).describe('kinds left out, and why'),
  }),
  html: z.string().describe('the bulletin as `kaoping bulletin --out 通报.html` writes it: a self-contained page with charts that prints to PDF'),
  issues: z.array(issueSchema).describe("notes on the data, each prefixed by its period (e.g. KR303: a quarter's units are not tiered)"),
});
export const recheckSchema = z.object({
  policy: evaluatedPolicy,
  period: z.string().nullable(),
  data: z
    .object({
      changes: z.array(z.looseObject({ kind: z.string(), unit: z.string(), input: z.string() })).describe('each input changed: unit, period, input, value before and after, records removed and added'),
      onlyBefore: z.array(z.object({ kind: z.string(), unit: z.string() })),
      onlyAfter: z.array(z.object({ kind: z.string(), unit: z.string() })),
    })
    .describe('what the correction changed in the data'),
  impact: z.looseObject({ units: z.array(z.looseObject({})), tierChanges: z.array(z.looseObject({})) }).describe('totals, ranks and tiers before and after, as the diff\'s impact'),
  markdown: z.string().describe('the report as `kaoping recheck --format markdown` prints it, in the language of the answer'),
});
export const diffSchema = z.object({
  from: z.string(),
  to: z.string().nullable(),
  diff: z.looseObject({ old: z.looseObject({}), new: z.looseObject({}), changes: z.array(z.looseObject({})) }),
  impact: z.looseObject({ units: z.array(z.looseObject({})) }).nullable().describe('with data: totals, ranks and tiers under both versions'),
  notes: z.array(z.string()),
  markdown: z.string().describe('the report as `kaoping diff --format markdown` prints it'),
});
export const testsSchema = z.object({
  passed: z.number().int(),
  failed: z.number().int(),
  results: z.array(
    z.object({
      title: z.string(),
      passed: z.boolean(),
      failures: z.array(z.object({ text: z.string(), expected: z.unknown(), actual: z.unknown(), file: z.string(), line: z.number().int(), column: z.number().int() })),
    }),
  ),
});

/** What a data body is: the JSON form, or uploaded files. */
export const DATA_BODY = 'data';
/** Two data bodies: before and after a correction. */
export const DATA_PAIR_BODY = 'data-pair';

export interface RouteSpec {
  method: 'GET' | 'POST';
  /** as Fastify writes it (`:name`) */
  url: string;
  summary: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType | typeof DATA_BODY | `${typeof DATA_BODY}?` | typeof DATA_PAIR_BODY;
  response: z.ZodType;
  /** the error statuses it may answer besides those of every route (400, 401, 500) */
  errors: number[];
  /** counted against the concurrent evaluations and their time limit */
  evaluates?: boolean;
}

export const ROUTES = {
  listPolicies: { method: 'GET', url: '/v1/policies', summary: 'The policies and their recent Git revisions', response: policyListSchema, errors: [] },
  getPolicy: {
    method: 'GET',
    url: '/v1/policies/:name',
    summary: "One policy (at a revision): its sources' and graph's SHA-256 and its diagnostics",
    params: nameParams,
    query: revQuery,
    response: policySchema,
    errors: [404],
  },
  getGraph: {
    method: 'GET',
    url: '/v1/policies/:name/graph',
    summary: "One policy's rule graph",
    params: nameParams,
    query: revQuery,
    response: graphSchema,
    errors: [404, 422],
  },
  check: { method: 'POST', url: '/v1/check', summary: 'Check policy sources sent in the body: diagnostics as data', body: sourcesBody, response: checkSchema, errors: [413] },
  build: { method: 'POST', url: '/v1/build', summary: 'Build the rule graph of policy sources sent in the body', body: sourcesBody, response: graphSchema, errors: [413, 422] },
  evaluate: {
    method: 'POST',
    url: '/v1/policies/:name/evaluate',
    summary: 'Evaluate data (JSON body, or CSV / XLSX files uploaded as multipart/form-data)',
    params: nameParams,
    query: evaluateQuery,
    body: DATA_BODY,
    response: evaluationSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  explain: {
    method: 'POST',
    url: '/v1/policies/:name/explain',
    summary: "Explain one unit's scores on the data sent",
    params: nameParams,
    query: explainQuery,
    body: DATA_BODY,
    response: explanationSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  monitor: {
    method: 'POST',
    url: '/v1/policies/:name/monitor',
    summary: "The policy's warnings (预警) raised on the data sent in a period, by unit and level, as `kaoping monitor` lists them",
    params: nameParams,
    query: monitorQuery,
    body: DATA_BODY,
    response: monitoringSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  analyze: {
    method: 'POST',
    url: '/v1/policies/:name/analyze',
    summary: "绩效分析 of the data sent: per indicator distribution, 满分率, share at zero, spread, correlation with the total, tier changes without it, and flags; with periods=, the trend (as `kaoping analyze`)",
    params: nameParams,
    query: analyzeQuery,
    body: DATA_BODY,
    response: analysisSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  bulletin: {
    method: 'POST',
    url: '/v1/policies/:name/bulletin',
    summary: '通报 of a period: the ranking per kind with movement since previous=, section scores, best and worst per indicator, tier counts, gated and vetoed units with the reason; as data and as the HTML page of `kaoping bulletin`',
    params: nameParams,
    query: bulletinQuery,
    body: DATA_BODY,
    response: bulletinSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  recheck: {
    method: 'POST',
    url: '/v1/policies/:name/recheck',
    summary: '复核: the data as evaluated and as corrected (multipart files under the fields before and after, or JSON {before, after}); which inputs changed for which units, who changes total, rank and tier (as `kaoping recheck`)',
    params: nameParams,
    query: recheckQuery,
    body: DATA_PAIR_BODY,
    response: recheckSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  diff: {
    method: 'POST',
    url: '/v1/policies/:name/diff',
    summary: 'The semantic diff of two versions of a policy, and with data sent in the body its impact',
    params: nameParams,
    query: diffQuery,
    body: `${DATA_BODY}?`,
    response: diffSchema,
    errors: [404, 413, 415, 422, 429, 503],
    evaluates: true,
  },
  tests: {
    method: 'GET',
    url: '/v1/policies/:name/tests',
    summary: "Run a policy's test blocks",
    params: nameParams,
    query: revQuery,
    response: testsSchema,
    errors: [404, 422, 429],
    evaluates: true,
  },
} as const satisfies Record<string, RouteSpec>;
