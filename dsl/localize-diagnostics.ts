// Renders diagnostics in the language chosen, quoting keywords as each file spells them (a file written with
// 分档 and 否则 is told about 分档 and 否则, in Chinese or in English).
import { render, type Lang, type Voice } from '../messages/index.js';
import type { Diagnostic } from './diagnostics.js';
import { keywordLanguage } from './format.js';
import { spell } from './keywords.js';

/** The diagnostics with `message`, `help` and related notes rendered in `lang`; `textOf` gives a file's source. */
export function localizeDiagnostics(diagnostics: readonly Diagnostic[], lang: Lang, textOf: (file: string) => string | undefined): Diagnostic[] {
  const voices = new Map<string, Voice>();
  const voiceOf = (file: string): Voice => {
    let voice = voices.get(file);
    if (voice === undefined) {
      const spelling = keywordLanguage(textOf(file) ?? '');
      voice = { kw: (k) => spell(k, spelling) };
      voices.set(file, voice);
    }
    return voice;
  };
  return diagnostics.map((d) => {
    const voice = voiceOf(d.span.file);
    const out: Diagnostic = { ...d, message: render(d.text, lang, voice) };
    if (d.helpText !== undefined) out.help = render(d.helpText, lang, voice);
    if (d.fixes !== undefined) out.fixes = d.fixes.map((f) => ({ ...f, title: render(f.titleText, lang, voice) }));
    if (d.related !== undefined) out.related = d.related.map((r) => ({ ...r, message: render(r.text, lang, voiceOf(r.span.file)) }));
    return out;
  });
}
