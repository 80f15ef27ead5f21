// `kaoping eval PATH --data DATA` — evaluate result data: ranking tables per kind, results to a file.
import type { CommandDefinition } from '../main.js';
import { Option } from 'commander';
import { HEADER_LANGUAGES, type HeaderLanguage } from '../../messages/results-words.js';

export interface EvalOptions {
  data?: string;
  engine?: string;
  db?: string;
  schema?: string;
  into?: string;
  period?: string;
  out?: string;
  skipBadUnits?: boolean;
  csvRaw?: boolean;
  stream?: boolean;
  top?: string;
  log?: string;
  logData?: boolean;
  headers: HeaderLanguage;
}

export const defineEval: CommandDefinition = (program, ctx, finish) => {
  program
    .command('eval')
    .description('evaluate result data: totals, ranks, tiers per unit')
    .argument('<path>', 'policy folder, .kp file, or Git revision spec REV:path')
    .option('--data <file>', 'result data: a .json file, an .xlsx workbook, a folder of CSV files, or - for standard input (JSON or .xlsx)')
    .option('--engine <engine>', 'evaluate in a SQL engine: duckdb (in process) or postgres (docs/engines.md)')
    .option('--db <url>', "with --engine: the database holding the policy's tables (a .duckdb file, a postgresql:// URL)")
    .option('--schema <schema>', 'with --engine postgres: the schema of the tables')
    .option('--into <table>', "with --engine and --db: also write each unit's results into this table of the database (made anew)")
    .option('--period <period>', 'the period to evaluate (e.g. 2021 or 2021Q2)')
    .option('--out <file>', 'also write the results: .json, .csv or .xlsx (by extension)')
    .addOption(
      new Option('--headers <language>', 'language of the --out CSV/XLSX headers and marks: zh (名次, 总分, 免考) or en (rank, total, exempt)')
        .choices(HEADER_LANGUAGES)
        .default('zh'),
    )
    .option('--skip-bad-units', 'evaluate the units without data errors and list the others as skipped')
    .option('--stream', 'for large CSV data (a million units): read it in chunks into columns; show the head of each ranking and the tier counts')
    .option('--top <n>', 'with --stream: how many units of each kind to show', '10')
    .option('--csv-raw', "with --out FILE.csv: write text cells beginning with = + - @ tab or CR as they are, without the leading ' that keeps spreadsheets from running them as formulas")
    .option('--log <dir>', 'append a decision log line to DIR/decisions-YYYY-MM-DD.jsonl (for kaoping replay)')
    .option('--log-data', "with --log: keep a copy of the data in DIR/data/<sha256>, so that replay does not need the data's path")
    .addHelpText('after', '\nExit code 1 when the data has errors (each named by unit, field, file and row), or when\n--skip-bad-units has skipped every unit.')
    .action(async (spec: string, opts: EvalOptions) => finish(await (await import('./eval-run.js')).runEval(ctx, spec, opts)));
};

