import { describe, expect, it } from 'vitest';
import { renderDiagnostic, counts } from '../../cli/render-diagnostics.js';
import type { CliContext } from '../../cli/context.js';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { displayWidth, renderTable } from '../../cli/table.js';
import { stableJson } from '../../reports/stable-json.js';
import { diagnostic, type Diagnostic } from '../../dsl/diagnostics.js';
import { message } from '../../messages/index.js';

describe('diagnostics on the terminal', () => {
  const ctx: CliContext = { out: () => {}, err: () => {}, cwd: process.cwd(), stderrIsTTY: false, env: {}, lang: 'en' };
  const text = 'section 税收改革发展 points 40 {\n  indicator 组织收入 points 10 { score = 收入 }\n}\n';
  const at = (needle: string): Diagnostic => {
    const start = text.indexOf(needle, text.indexOf('score'));
    return diagnostic({ file: 'a.kp', start, end: start + needle.length }, message('KP1002', 'unknown', { name: '收入' }));
  };

  it('prints file:line:col, the source line and a caret under the span, counting CJK as two columns', () => {
    const out = renderDiagnostic(ctx, at('收入'), new Map([['a.kp', text]]));
    const lines = out.split('\n');
    expect(lines[0]).toBe('a.kp:2:38: error KP1002: unknown name `收入`');
    expect(lines[1]).toBe('2 |   indicator 组织收入 points 10 { score = 收入 }');
    // 37 characters before `收入` (column 38); on screen "2 | " (4) + "  indicator " (12) + "组织收入" (8)
    // + " points 10 { score = " (21) = 45 columns before the caret, and `收入` is 4 columns wide.
    expect(lines[2]).toBe(' '.repeat(45) + '^^^^');
  });

  it('counts errors and warnings', () => {
    const d = at('收入 }');
    expect(counts([d, { ...d, severity: 'warning' }, d])).toEqual({ errors: 2, warnings: 1 });
  });
});

describe('tables', () => {
  it('aligns columns by display width', () => {
    const out = renderTable(['名次', '单位', '总分'], [['1', '北京', '98.5'], ['10', 'Shenzhen', '7']], ['right', 'left', 'right']);
    expect(out.split('\n')).toEqual([
      '名次  单位      总分',
      '────  ────────  ────',
      '   1  北京      98.5',
      '  10  Shenzhen     7',
      '',
    ]);
  });
});

describe('stable JSON', () => {
  it('sorts keys at every depth, ends with a newline, and keeps a __proto__ key as data', () => {
    const value = JSON.parse('{"b":1,"a":{"d":[{"z":1,"y":2}],"c":null},"__proto__":{"x":1}}');
    expect(stableJson(value)).toBe(
      '{\n  "__proto__": {\n    "x": 1\n  },\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('displayWidth', () => {
  // Its own count of plain text (ASCII, ideographs, CJK punctuation, fullwidth forms) agrees with string-width,
  // on those and on what goes to string-width: emoji, combining marks, the CJK marks of zero width, controls.
  const pieces = ['a', '7', ' ', '~', '国', '㐀', '鿿', '　', '、', '〩', '〪', '〾', '〿', '！', '｠', '｡', '·', '😀', '👨‍👩‍👧', 'é', 'e\u0301', '\u200b', '\t', 'ｶ', '한'];
  it('counts what string-width counts', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      expect(displayWidth(text)).toBe(stringWidth(text));
    }), { numRuns: 2000 });
  });
});
