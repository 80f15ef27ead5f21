// The editor's language service over the real compiler: hover, go-to-definition, rename across files,
// completion, folding and diagnostics as the editor receives them, including names used in tests.
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { foldingSpans, toEditorDiagnostic } from '../../editor/src/language/compile-view.js';
import { completionsAt, definitionAt, hoverAt, renameAt } from '../../editor/src/language/symbol-queries.js';
import { shortNames } from '../../editor/src/preview/format-score.js';

const MAIN = `体系 "演示" 版本 "1" { 精度 2 }
实体 省局 "省级税务局"
输入 省局 {
  收入实绩: 金额 "税收收入实绩"
  收入目标: 金额
}
板块 税收 适用 省局 分值 10 {
  指标 组织收入 分值 10 {
    说明 "完成率达到100%得满分"
    令 完成率 = 收入实绩 / 收入目标
    得分 = 10分 - 0.2分 * 步数(100% - 完成率, 1%, 整步)
  }
}
`;
const CHECKS = `断言 分值(组织收入) >= 5
`;
const TESTS = `样例 达标 适用 省局 { 收入实绩: 100万元, 收入目标: 100万元 }

测试 "完成目标得满分" {
  省局 甲 参照 达标 { 收入实绩: 120万元 }
  预期 甲.组织收入 == 10分
  预期 甲.完成率 == 120%
}
`;
const sources = [
  { path: 'policies/demo/main.kp', text: MAIN },
  { path: 'policies/demo/checks.kp', text: CHECKS },
  { path: 'policies/demo/tests.kp', text: TESTS },
];
const compiled = compile(sources);
const table = compiled.symbols!;

/** Offset of the n-th occurrence (0-based) of `needle` in a file, plus `inside` characters. */
function at(text: string, needle: string, nth = 0, inside = 1): number {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not found`);
  return index + inside;
}

function applyEdits(text: string, path: string, edits: { span: { path: string; start: number; end: number }; text: string }[]): string {
  return edits
    .filter((e) => e.span.path === path)
    .sort((a, b) => b.span.start - a.span.start)
    .reduce((t, e) => t.slice(0, e.span.start) + e.text + t.slice(e.span.end), text);
}

describe('language service', () => {
  it('compiles the sample policy cleanly', () => {
    expect(compiled.diagnostics).toEqual([]);
  });

  it('hovers an indicator reference with its kind, type, points and doc', () => {
    const hover = hoverAt(table, 'policies/demo/checks.kp', at(CHECKS, '组织收入'), 'zh')!;
    expect(hover.lines[0]).toBe('**指标** 组织收入');
    expect(hover.lines.join('\n')).toContain('分值：10 分');
    expect(hover.lines.join('\n')).toContain('完成率达到100%得满分');
    expect(CHECKS.slice(hover.span.start, hover.span.end)).toBe('组织收入');
  });

  it('hovers an input with its type and label', () => {
    const hover = hoverAt(table, 'policies/demo/main.kp', at(MAIN, '收入实绩 /'), 'zh')!; // its use in the let
    expect(hover.lines[0]).toBe('**输入** 收入实绩');
    expect(hover.lines[1]).toContain('类型：金额（money）');
    expect(hover.lines).toContain('税收收入实绩');
  });

  it('goes to the definition in another file', () => {
    const target = definitionAt(table, 'policies/demo/checks.kp', at(CHECKS, '组织收入'))!;
    expect(target.path).toBe('policies/demo/main.kp');
    expect(MAIN.slice(target.start, target.end)).toBe('组织收入');
  });

  it('renames an indicator in every file, and the result still compiles', () => {
    const result = renameAt(table, 'policies/demo/main.kp', at(MAIN, '组织收入'), '收入任务');
    expect(result.error).toBeNull();
    expect(new Set(result.edits.map((e) => e.span.path))).toEqual(new Set(sources.map((s) => s.path)));
    const renamed = sources.map((s) => ({ path: s.path, text: applyEdits(s.text, s.path, result.edits) }));
    expect(renamed[1]!.text).toBe('断言 分值(收入任务) >= 5\n');
    const again = compile(renamed);
    expect(again.diagnostics).toEqual([]);
    expect(again.graph!.nodes.some((n) => n.role === 'indicator' && n.name === '收入任务')).toBe(true);
  });

  it('hovers and goes to the names of a qualified reference in a test', () => {
    const member = at(TESTS, '甲.组织收入', 0, 3);
    expect(hoverAt(table, 'policies/demo/tests.kp', member, 'zh')!.lines[0]).toBe('**指标** 组织收入');
    const indicator = definitionAt(table, 'policies/demo/tests.kp', member)!;
    expect(indicator.path).toBe('policies/demo/main.kp');
    expect(MAIN.slice(indicator.start, indicator.end)).toBe('组织收入');
    const let_ = definitionAt(table, 'policies/demo/tests.kp', at(TESTS, '甲.完成率', 0, 3))!;
    expect(MAIN.slice(let_.start, let_.end)).toBe('完成率');
    expect(let_.start).toBe(MAIN.indexOf('令 完成率') + 2);
    const unit = at(TESTS, '甲.组织收入', 0, 0);
    expect(hoverAt(table, 'policies/demo/tests.kp', unit, 'zh')!.lines[0]).toBe('**测试单位** 甲');
    const declared = definitionAt(table, 'policies/demo/tests.kp', unit)!;
    expect(declared.start).toBe(TESTS.indexOf('甲 参照'));
  });

  it('renames inside tests and fixtures: expectations, units and the fields they set', () => {
    const indicator = renameAt(table, 'policies/demo/main.kp', at(MAIN, '组织收入'), '收入任务');
    const input = renameAt(table, 'policies/demo/main.kp', at(MAIN, '收入实绩'), '实绩');
    const unit = renameAt(table, 'policies/demo/tests.kp', at(TESTS, '甲 参照', 0, 0), '乙');
    for (const [result, word] of [[indicator, '收入任务'], [input, '实绩'], [unit, '乙']] as const) {
      expect(result.error).toBeNull();
      const renamed = sources.map((s) => ({ path: s.path, text: applyEdits(s.text, s.path, result.edits) }));
      const again = compile(renamed);
      expect(again.diagnostics).toEqual([]);
      expect(renamed[2]!.text).toContain(word);
    }
    const testsText = (edits: typeof indicator.edits) => applyEdits(TESTS, 'policies/demo/tests.kp', edits);
    expect(testsText(indicator.edits)).toContain('预期 甲.收入任务 == 10分');
    expect(testsText(input.edits)).toContain('{ 实绩: 100万元, 收入目标: 100万元 }');
    expect(testsText(input.edits)).toContain('参照 达标 { 实绩: 120万元 }');
    expect(testsText(unit.edits)).toContain('省局 乙 参照 达标');
    expect(testsText(unit.edits)).toContain('预期 乙.完成率');
    // A test's unit is named within its test: an input of the same kind may take the name.
    expect(renameAt(table, 'policies/demo/main.kp', at(MAIN, '收入目标'), '甲').error).toBeNull();
  });

  it('refuses a rename to a keyword, a malformed name or a taken name', () => {
    const offset = at(MAIN, '组织收入');
    expect(renameAt(table, 'policies/demo/main.kp', offset, '板块').error).toContain('关键字');
    expect(renameAt(table, 'policies/demo/main.kp', offset, '1abc').error).toContain('不是合法的名称');
    expect(renameAt(table, 'policies/demo/main.kp', offset, '税收').error).toContain('已被板块使用');
    expect(renameAt(table, 'policies/demo/main.kp', at(MAIN, '{'), '新名').error).toContain('没有可重命名');
  });

  it('completes keywords in both spellings, functions and the policy names', () => {
    const labels = completionsAt(table, false).map((c) => c.label);
    for (const word of ['指标', 'indicator', '板块', 'section', '步数', 'steps', '收入实绩', '组织收入', '税收', '省局']) {
      expect(labels).toContain(word);
    }
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('completes only members after a dot', () => {
    const labels = completionsAt(table, true).map((c) => c.label);
    expect(labels).toContain('收入实绩');
    expect(labels).toContain('组织收入');
    expect(labels).toContain('名次');
    expect(labels).not.toContain('指标');
    expect(labels).not.toContain('省局');
  });

  it('folds declarations and indicators that span several lines', () => {
    const folds = foldingSpans(compiled.files).filter((s) => s.path === 'policies/demo/main.kp').map((s) => MAIN.slice(s.start, s.end));
    expect(folds.some((f) => f.startsWith('板块 税收'))).toBe(true);
    expect(folds.some((f) => f.startsWith('指标 组织收入'))).toBe(true);
    expect(folds.some((f) => f.startsWith('实体'))).toBe(false);
  });

  it('passes the compiler diagnostics through with code, message and place', () => {
    const broken = compile([{ path: 'policies/demo/main.kp', text: MAIN.replace('10分 - 0.2分', '10万元 - 0.2分') }, sources[1]!]);
    const errors = broken.diagnostics.filter((d) => d.severity === 'error').map(toEditorDiagnostic);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.code).toMatch(/^KP2\d{3}$/);
    expect(errors[0]!.span.path).toBe('policies/demo/main.kp');
    expect(errors[0]!.message.length).toBeGreaterThan(0);
  });
});

describe('chart labels', () => {
  it('drop what all unit names share, keeping each name whole when nothing is left', () => {
    expect(shortNames(['国家税务总局浙江省税务局', '国家税务总局青岛市税务局', '国家税务总局新疆维吾尔自治区税务局'])).toEqual([
      '浙江省',
      '青岛市',
      '新疆维吾尔自治区',
    ]);
    expect(shortNames(['甲', '甲'])).toEqual(['甲', '甲']);
    expect(shortNames(['独一'])).toEqual(['独一']);
  });
});
