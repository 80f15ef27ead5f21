// The editor's own words, from the one catalogue (messages/editor.ts): Chinese unless the page is opened with
// `?lang=en`.
import { editorMessage, render, type EditorArgs, type EditorKey, type Lang } from '../../../messages/index.js';

export const UI_LANG: Lang = typeof location !== 'undefined' && new URLSearchParams(location.search).get('lang') === 'en' ? 'en' : 'zh';

export function ui<K extends EditorKey>(key: K, ...params: EditorArgs<K>): string {
  return render(editorMessage(key, ...params), UI_LANG);
}
