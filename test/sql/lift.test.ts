// Costly macro calls taken out of an expression (sql/lift.ts): what is rewritten and what is left alone.
import { describe, expect, it } from 'vitest';
import { liftCalls, worthLifting } from '../../sql/lift.js';

const macros = ['kp_div', 'kp_round'];
const lift = (sql: string) => {
  const columns: string[] = [];
  const calls: string[] = [];
  const rest = liftCalls(sql, 'u', macros, (ref) => `x.p${columns.push(ref) - 1}`, (call) => `x.c${calls.push(call) - 1}`);
  return { rest, columns, calls };
};

describe('liftCalls', () => {
  it('takes out the outermost calls, over the columns read as pieces', () => {
    const r = lift(`CASE WHEN u."v:a" IS NULL THEN NULL ELSE kp_round(kp_div(u."v:a", u0."v:b"), 2) END`);
    expect(r.columns).toEqual(['u."v:a"', 'u."v:a"', 'u0."v:b"']);
    expect(r.calls).toEqual(['kp_round(kp_div(x.p1, x.p2), 2)']);
    expect(r.rest).toBe('CASE WHEN x.p0 IS NULL THEN NULL ELSE x.c0 END');
  });

  it('reads the columns of groupings and of their empty rows, and names with quotes and parentheses', () => {
    const r = lift(`COALESCE(kp_div(ug0.a1, ue0.a1), u."x"")(y")`);
    expect(r.columns).toEqual(['ug0.a1', 'ue0.a1', 'u."x"")(y"']);
    expect(r.calls).toEqual(['kp_div(x.p0, x.p1)']);
    expect(r.rest).toBe('COALESCE(x.c0, x.p2)');
  });

  it('leaves texts, other tables and longer names alone', () => {
    const sql = `CASE WHEN menu.x = 'u.a kp_div(1, 2)' AND r."u" = s."v" AND uu.y = 1 THEN kp_div(1, "kp_round(") END`;
    const r = lift(sql);
    expect(r.columns).toEqual([]);
    expect(r.calls).toEqual([`kp_div(1, "kp_round(")`]);
    expect(r.rest).toBe(`CASE WHEN menu.x = 'u.a kp_div(1, 2)' AND r."u" = s."v" AND uu.y = 1 THEN x.c0 END`);
  });
});

describe('worthLifting', () => {
  it('only a macro call beside a CASE or COALESCE, and never a subquery', () => {
    expect(worthLifting('CASE WHEN a THEN kp_div(a, b) END', macros)).toBe(true);
    expect(worthLifting('kp_div(a, b) + 1', macros)).toBe(false);
    expect(worthLifting('CASE WHEN a THEN b END', macros)).toBe(false);
    expect(worthLifting('CASE WHEN a THEN (SELECT kp_div(a, b) FROM t) END', macros)).toBe(false);
    expect(worthLifting('CASE WHEN a THEN kp_div(a, b) END', [])).toBe(false);
  });
});
