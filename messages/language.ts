// Which language messages are shown in: `--lang`, else KAOPING_LANG, else the locale. Chinese is the default:
// the authors are Chinese, and the servers and containers they run kaoping on often have no locale set (C or
// POSIX), so only a locale someone chose that is not Chinese (en_US.UTF-8, de_DE…) selects English.
import { LANGS, type Lang } from './catalogue.js';

export function parseLang(value: string): Lang | null {
  const v = value.trim().toLowerCase();
  return (LANGS as readonly string[]).includes(v) ? (v as Lang) : null;
}

/** The locale's language, from the variables POSIX consults in this order; zh when none is set or it is C/POSIX. */
export function languageFromLocale(env: Readonly<Record<string, string | undefined>>): Lang {
  const locale = [env['LC_ALL'], env['LC_MESSAGES'], env['LANG']].find((v) => v !== undefined && v !== '');
  if (locale === undefined || /^(C|POSIX)([.@]|$)/i.test(locale)) return 'zh';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/**
 * The language asked for: the option when given, else KAOPING_LANG, else the locale. Returns an error text (in
 * both languages, as the language is what is unknown) for a value that is neither zh nor en.
 */
export function chooseLanguage(option: string | undefined, env: Readonly<Record<string, string | undefined>>): Lang | { error: string } {
  for (const [value, where] of [[option, '--lang'], [env['KAOPING_LANG'], 'KAOPING_LANG']] as const) {
    if (value === undefined || value === '') continue;
    const lang = parseLang(value);
    if (lang === null) return { error: `${where} 应为 zh 或 en，实为「${value}」 / ${where} must be zh or en, not "${value}"` };
    return lang;
  }
  return languageFromLocale(env);
}
