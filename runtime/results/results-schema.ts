// The published shape of evaluation results (`results.schema.json` is generated from it).
import { z } from 'zod';

/** A catalogue sentence and its parameters (messages/), for a consumer that shows it in another language. */
export const messageRefSchema = z
  .object({ code: z.string(), key: z.string(), params: z.record(z.string(), z.unknown()) })
  .describe('the sentence (messages/: its code, its key) and its parameters');

export const issueSchema = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  text: messageRefSchema.optional(),
  unit: z.string().optional(),
  kind: z.string().optional(),
  field: z.string().optional(),
  file: z.string().optional(),
  row: z.number().optional(),
  column: z.string().optional(),
  path: z.string().optional(),
  node: z.string().optional(),
  span: z.object({ file: z.string(), line: z.number(), column: z.number(), start: z.number(), end: z.number() }).optional(),
});

/** The cadence of a run for part of the year (`2021M04`, `2021Q2`, `2021H1`). */
const cadence = z.enum(['monthly', 'quarterly', 'half_yearly']);

/** One unit's explanation (see runtime/explanation/trace.ts for the steps of each item). */
export const traceSchema = z.object({
  policy: z.string(),
  period: z.string().nullable(),
  scope: z.object({ cadence, evaluates: z.array(cadence) }).optional(), // a run for part of the year
  unit: z.string(),
  kind: z.string(),
  name: z.string().nullable(),
  items: z.array(
    z.looseObject({ item: z.enum(['indicator', 'section', 'bonus', 'total', 'rank', 'tier']) }),
  ),
});

/** A gate or veto that held for a unit: the rule as the policy writes it, and for a gate the tier it bars. */
const tierReason = z.object({
  rule: z.enum(['gate', 'veto']),
  text: z.string(),
  tier: z.string().optional(), // a gate: the tier the unit may not enter
});

const rankingEntry = z.object({ unit: z.string(), rank: z.number().int(), score: z.number() });

export const unitResultSchema = z.object({
  id: z.string(),
  kind: z.string(),
  name: z.string().nullable(),
  indicators: z.record(
    z.string(),
    z.object({
      score: z.number().nullable(), // null when not evaluated (exempt)
      points: z.number(),
      exempt: z.literal(true).optional(),
      peerMean: z.literal(true).optional(), // scored the peers' mean for missing data
      notInPeriod: z.literal(true).optional(), // not evaluated in the period (an annual indicator in a quarter)
    }),
  ),
  sections: z.record(
    z.string(),
    z.object({
      score: z.number().nullable(),
      points: z.number(),
      notApplicable: z.literal(true).optional(), // the section's `when` does not hold
      exempt: z.literal(true).optional(), // every indicator in it was exempt
      notInPeriod: z.literal(true).optional(), // none of its indicators is evaluated in the period
      periodPoints: z.number().optional(), // what it is worth in the period, when the period leaves some of its indicators out
    }),
  ),
  bonuses: z.record(z.string(), z.number().nullable()), // null when not evaluated in the period
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  tier: z.string().nullable(), // in the kind's first tiers
  tiers: z.record(z.string(), z.string().nullable()),
  /** by the tiers' name, the gates and vetoes that held for the unit (absent when none held) */
  tierReasons: z.record(z.string(), z.array(tierReason)).optional(),
  trace: traceSchema.optional(),
});

export const resultsSchema = z.object({
  format: z.literal(1),
  policy: z.object({ name: z.string(), version: z.string() }),
  period: z.string().nullable(),
  units: z.array(unitResultSchema),
  rankings: z.record(
    z.string(),
    z.object({ total: z.array(rankingEntry), sections: z.record(z.string(), z.array(rankingEntry)) }),
  ),
  tiers: z.record(
    z.string(),
    z.object({
      kind: z.string(),
      tiers: z.record(z.string(), z.array(z.string())),
      notInPeriod: z.literal(true).optional(), // not allotted: tiers are the year's result (every group empty)
    }),
  ),
  skipped: z.array(z.object({ unit: z.string(), kind: z.string(), reasons: z.array(z.string()) })),
  warnings: z.array(issueSchema),
  /** present when the period is part of a year: its cadence, the indicator periods it evaluates, and by
   *  entity kind what it does not evaluate (names in the order of the units' `indicators`, `sections`, …) */
  scope: z
    .object({
      cadence,
      evaluates: z.array(cadence),
      notInPeriod: z.record(
        z.string(),
        z.object({ indicators: z.array(z.string()), sections: z.array(z.string()), bonuses: z.array(z.string()), tiers: z.array(z.string()) }),
      ),
    })
    .optional(),
});

export type Results = z.infer<typeof resultsSchema>;
export type UnitResults = z.infer<typeof unitResultSchema>;
export type TierReason = z.infer<typeof tierReason>;

/** The JSON Schema published as runtime/results/results.schema.json. */
export function resultsJsonSchema(): unknown {
  return z.toJSONSchema(resultsSchema, { target: 'draft-2020-12' });
}
