// Monaco is loaded on demand (after the shell has painted): core editor API, the standard editor features
// (hover, suggest, find, folding…), its Chinese UI strings, and its worker in ES module form.
import type * as MonacoApi from 'monaco-editor/editor';

export type Monaco = typeof MonacoApi;

let loading: Promise<Monaco> | null = null;

export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    // The UI strings must be in place before any editor module reads them.
    await import('monaco-editor/nls/lang/zh-cn');
    const [monaco, , worker] = await Promise.all([
      import('monaco-editor/editor'),
      import('monaco-editor/features/register.all'),
      import('monaco-editor/editor/editor.worker?worker'),
    ]);
    (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
      getWorker: () => new worker.default(),
    };
    return monaco;
  })();
  return loading;
}
