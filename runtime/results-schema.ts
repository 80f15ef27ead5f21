// The published shape of evaluation results (`results.schema.json` is generated from it).
import { z } from 'zod';

const issue = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
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

/** One unit's explanation (see runtime/trace.ts for the steps of each item). */
const trace = z.object({
  policy: z.string(),
  period: z.string().nullable(),
  unit: z.string(),
  kind: z.string(),
  name: z.string().nullable(),
  items: z.array(
    z.looseObject({ item: z.enum(['indicator', 'section', 'bonus', 'total', 'rank', 'tier']) }),
  ),
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
    }),
  ),
  sections: z.record(
    z.string(),
    z.object({
      score: z.number().nullable(),
      points: z.number(),
      notApplicable: z.literal(true).optional(), // the section's `when` does not hold
      exempt: z.literal(true).optional(), // every indicator in it was exempt
    }),
  ),
  bonuses: z.record(z.string(), z.number()),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  tier: z.string().nullable(), // in the kind's first tiers
  tiers: z.record(z.string(), z.string().nullable()),
  trace: trace.optional(),
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
  tiers: z.record(z.string(), z.object({ kind: z.string(), tiers: z.record(z.string(), z.array(z.string())) })),
  skipped: z.array(z.object({ unit: z.string(), kind: z.string(), reasons: z.array(z.string()) })),
  warnings: z.array(issue),
});

export type Results = z.infer<typeof resultsSchema>;
export type UnitResults = z.infer<typeof unitResultSchema>;

/** The JSON Schema published as runtime/results.schema.json. */
export function resultsJsonSchema(): unknown {
  return z.toJSONSchema(resultsSchema, { target: 'draft-2020-12' });
}
