// The service's answers in the request's language (its table is messages/serve.ts): Chinese unless the request's
// Accept-Language prefers English. Placeholders `{name}` are filled from the error's parameters.
import { MESSAGES, type Language, type MessageCode } from '../../messages/serve.js';

/** A parameter of a message: a name or number as it is, or a text of its own in both languages. */
export type MessageParam = string | number | { zh: string; en: string };

export function messageText(code: MessageCode, language: Language, params: Record<string, MessageParam> = {}): string {
  return MESSAGES[code][language].replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : typeof value === 'object' ? value[language] : String(value);
  });
}

/** The language of the answer: English when Accept-Language ranks English above Chinese, else Chinese. */
export function languageOf(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'zh';
  let best: { language: Language; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const language = tag?.startsWith('en') ? 'en' : tag?.startsWith('zh') ? 'zh' : null;
    if (!language) continue;
    const q = Number(params.map((p) => p.trim()).find((p) => p.startsWith('q='))?.slice(2) ?? 1);
    if (best === null || q > best.q) best = { language, q: Number.isFinite(q) ? q : 0 };
  }
  return best?.language ?? 'zh';
}

/** An answer other than success: a code from the table, its parameters, where the problem is, and any located issues. */
export class ServiceError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Record<string, MessageParam> = {},
    readonly location: string | null = null,
    readonly extra: { issues?: unknown[]; diagnostics?: unknown[] } = {},
  ) {
    super(messageText(code, 'en', params));
  }

  get status(): number {
    return MESSAGES[this.code].status;
  }

  body(language: Language) {
    return { code: this.code, message: messageText(this.code, language, this.params), location: this.location, ...this.extra };
  }
}
