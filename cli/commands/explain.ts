// `kaoping explain PATH --data DATA --unit U` — why a unit scored what it scored, step by step, in Chinese.
import type { CommandDefinition } from '../main.js';

export interface ExplainOptions {
  data?: string;
  unit: string;
  indicator?: string;
  period?: string;
  stream?: boolean;
  engine?: string;
  db?: string;
  schema?: string;
}

export const defineExplain: CommandDefinition = (program, ctx, finish) => {
  program
    .command('explain')
    .description("explain a unit's scores: inputs read, rules applied, deductions, caps, rank and tier")
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .option('--data <file>', 'result data: a .json file, an .xlsx workbook, a folder of CSV files, or - for standard input (JSON or .xlsx)')
    .requiredOption('--unit <id>', 'the unit to explain (its id)')
    .option('--indicator <name>', 'only this indicator')
    .option('--period <period>', 'the period to evaluate')
    .option('--stream', 'for large CSV data: read it in chunks into columns, as `eval --stream` does')
    .option('--engine <engine>', 'evaluate in a SQL engine, duckdb or postgres, and read only this unit\'s records back (docs/engines.md)')
    .option('--db <url>', "with --engine: the database holding the policy's tables (a .duckdb file, a postgresql:// URL)")
    .option('--schema <schema>', 'with --engine postgres: the schema of the tables')
    .action(async (spec: string, opts: ExplainOptions) => finish(await (await import('./explain-run.js')).runExplain(ctx, spec, opts)));
};
