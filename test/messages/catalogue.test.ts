// The message catalogue: every code has its texts in both languages and its documentation page, and the
// examples on the pages do what they say. Regenerate the pages with `UPDATE_GOLDEN=1 npx vitest run test/messages`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../compiler/index.js';
import { ALL_CODES, CODES, LANGS, chooseLanguage, languageFromLocale, render } from '../../messages/index.js';
import { CODE_EXAMPLES } from './code-examples.js';
import { codeIndex, codePage } from './code-pages.js';

const PAGES = new URL('../../docs/codes/', import.meta.url).pathname;
const update = process.env.UPDATE_GOLDEN === '1';
const CJK = /[\u4e00-\u9fff]/;

function expectPage(file: string, text: string): void {
  if (update) writeFileSync(PAGES + file, text);
  expect(existsSync(PAGES + file) ? readFileSync(PAGES + file, 'utf8') : `(no page ${file})`).toBe(text);
}

describe('the registry', () => {
  it('has every code once, KP and KR, each with a title and a meaning in Chinese and English', () => {
    expect(ALL_CODES.length).toBe(new Set(ALL_CODES).size);
    expect(ALL_CODES.filter((c) => !/^K[PR]\d{3,4}$/.test(c))).toEqual([]);
    for (const code of ALL_CODES) {
      const e = CODES[code]!;
      for (const lang of LANGS) {
        expect([code, lang, e.title[lang].length > 0, e.meaning[lang].length > 0]).toEqual([code, lang, true, true]);
      }
      expect([code, CJK.test(e.title.zh), CJK.test(e.meaning.zh)]).toEqual([code, true, true]);
      for (const [key, texts] of Object.entries(e.texts)) {
        expect([code, key, typeof texts.zh, typeof texts.en]).toEqual([code, key, 'function', 'function']);
      }
    }
  });

  it('renders a sentence in either language, quoting keywords as the file spells them', () => {
    const text = { code: 'KP2012', key: 'per', params: { source: '安全事故', type: { t: 'num', dim: 'count' } } };
    const chinese = { kw: (k: string) => ({ per: '每' })[k] ?? k } as never;
    expect(render(text, 'zh', chinese)).toBe('「每」逐条处理记录列表，但「安全事故」是计数');
    expect(render(text, 'en', chinese)).toBe('`每` walks a list of records, but `安全事故` is count');
    expect(render(text, 'en')).toBe('`per` walks a list of records, but `安全事故` is count');
  });
});

describe('the language of messages', () => {
  it('is --lang, else KAOPING_LANG, else the locale; Chinese when no locale is set or it is C/POSIX', () => {
    expect(chooseLanguage('en', { KAOPING_LANG: 'zh', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { KAOPING_LANG: 'en', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { LANG: 'en_US.UTF-8' })).toBe('en');
    expect(chooseLanguage(undefined, { LC_ALL: 'zh_CN.UTF-8', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(chooseLanguage(undefined, { LC_MESSAGES: 'de_DE', LANG: 'zh_CN' })).toBe('en');
    for (const LANG of [undefined, '', 'C', 'C.UTF-8', 'POSIX']) expect(languageFromLocale({ LANG })).toBe('zh');
    expect(chooseLanguage('fr', {})).toEqual({ error: expect.stringContaining('must be zh or en') });
  });
});

describe('docs/codes', () => {
  it.each(ALL_CODES)('%s has its page', (code) => expectPage(`${code}.md`, codePage(code)));

  it('has an index of every code, and no page for a code that does not exist', () => {
    expectPage('README.md', codeIndex());
    const pages = readdirSync(PAGES).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => f.slice(0, -3));
    expect(pages.sort()).toEqual([...ALL_CODES]);
  });

  it.each(Object.keys(CODE_EXAMPLES).filter((c) => c.startsWith('KP')))('%s: the wrong example reports it and the fixed one compiles', (code) => {
    const example = CODE_EXAMPLES[code]!;
    const wrong = compile([{ path: 'wrong.kp', text: example.wrong }]).diagnostics.map((d) => d.code);
    const fixed = compile([{ path: 'fixed.kp', text: example.fixed }]).diagnostics;
    expect(wrong).toContain(code);
    expect(fixed.filter((d) => d.code === code || d.severity === 'error').map((d) => `${d.code} ${d.message}`)).toEqual([]);
  });
});
