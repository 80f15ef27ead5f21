// DuckDB shares the repeated pieces of an expression (its common subexpressions) except inside a CASE or a
// COALESCE, where each is worked out again for every use. The exact division and rounding macros (kp_div,
// kp_round: dialect.ts) read their operands many times, so under a CASE one of them costs 5–10 times what it
// costs on its own. `liftCalls` takes them out: each call becomes a column of its own, worked out once per
// row, and the expression reads the column. The SQL is scanned as the generator writes it: texts in '…',
// identifiers in "…", no comments.

const WORD = /[A-Za-z0-9_]/;

/** The end (exclusive) of the literal or quoted identifier that starts at `i`. */
function skipQuoted(sql: string, i: number): number {
  const q = sql[i]!;
  let j = i + 1;
  while (j < sql.length) {
    if (sql[j] === q) {
      if (sql[j + 1] === q) j += 2;
      else return j + 1;
    } else j++;
  }
  return j;
}

/** The index just past the parenthesis that closes the one at `open`. */
function closing(sql: string, open: number): number {
  let depth = 0;
  for (let i = open; i < sql.length; ) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      i = skipQuoted(sql, i);
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  return sql.length;
}

/**
 * Replace, outside texts and quoted names, each match of `at` (tried where a word starts) by what `replace`
 * gives for it; `at` returns the match's end, or -1.
 */
function rewrite(sql: string, at: (i: number) => number, replace: (text: string) => string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === "'" || c === '"') {
      const j = skipQuoted(sql, i);
      out += sql.slice(i, j);
      i = j;
      continue;
    }
    if (WORD.test(c) && (i === 0 || !WORD.test(sql[i - 1]!)) && sql[i - 1] !== '.') {
      const end = at(i);
      if (end > 0) {
        out += replace(sql.slice(i, end));
        i = end;
        continue;
      }
    }
    out += c;
    i++;
  }
  return out;
}

/** Whether the SQL reads a macro call under a CASE or a COALESCE, and holds no subquery (which reads the row's tables). */
export function worthLifting(sql: string, macros: readonly string[]): boolean {
  return macros.some((m) => sql.includes(`${m}(`)) && /\b(CASE|COALESCE)\b/.test(sql) && !/\(\s*SELECT\b/i.test(sql);
}

/**
 * `sql` with the table columns it reads (`alias.name`, `aliasN.name`, `aliasgN.name`, `aliaseN.name`) replaced by `column(ref)`,
 * and each outermost call of one of `macros` by `call(text)`.
 */
export function liftCalls(sql: string, alias: string, macros: readonly string[], column: (ref: string) => string, call: (text: string) => string): string {
  const ref = new RegExp(`${alias}(?:[ge]?\\d+)?\\.(?:"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*)`, 'y');
  const columns = rewrite(
    sql,
    (i) => {
      ref.lastIndex = i;
      const m = ref.exec(sql);
      return m ? i + m[0].length : -1;
    },
    column,
  );
  return rewrite(
    columns,
    (i) => {
      const m = macros.find((x) => columns.startsWith(`${x}(`, i));
      return m ? closing(columns, i + m.length) : -1;
    },
    call,
  );
}
