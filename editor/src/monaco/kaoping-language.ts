// Registers the `.kp` language with Monaco: highlighting, and hover, completion, go-to-definition, rename and
// folding answered by the language worker (which runs the real compiler). Monaco adapters only: no language
// logic lives here.
import type { editor as MonacoEditor, IRange, languages } from 'monaco-editor/editor';
import type { LanguageClient } from '../language/language-client.js';
import type { CompletionEntry } from '../language/protocol.js';
import type { Monaco } from './load-monaco.js';
import { kaopingLanguageConfiguration, kaopingMonarch } from './kaoping-monarch.js';

export const KAOPING_LANGUAGE_ID = 'kaoping';

/** The workspace path of a model (`kaoping:/policies/x/a.kp` → `policies/x/a.kp`). */
export function modelPath(model: MonacoEditor.ITextModel): string {
  return model.uri.path.replace(/^\//, '');
}

export function spanRange(model: MonacoEditor.ITextModel, start: number, end: number): IRange {
  const from = model.getPositionAt(start);
  const to = model.getPositionAt(Math.max(start, end));
  return { startLineNumber: from.lineNumber, startColumn: from.column, endLineNumber: to.lineNumber, endColumn: to.column };
}

let registered = false;

export function registerKaopingLanguage(monaco: Monaco, client: LanguageClient): void {
  if (registered) return;
  registered = true;
  const { languages } = monaco;
  languages.register({ id: KAOPING_LANGUAGE_ID, extensions: ['.kp'], aliases: ['kaoping', '考评'] });
  languages.setMonarchTokensProvider(KAOPING_LANGUAGE_ID, kaopingMonarch);
  languages.setLanguageConfiguration(KAOPING_LANGUAGE_ID, kaopingLanguageConfiguration);

  const completionKinds: Record<CompletionEntry['kind'], languages.CompletionItemKind> = {
    keyword: languages.CompletionItemKind.Keyword,
    input: languages.CompletionItemKind.Field,
    indicator: languages.CompletionItemKind.Function,
    section: languages.CompletionItemKind.Module,
    entity: languages.CompletionItemKind.Class,
    field: languages.CompletionItemKind.Property,
    param: languages.CompletionItemKind.Constant,
    enum: languages.CompletionItemKind.Enum,
    let: languages.CompletionItemKind.Variable,
    other: languages.CompletionItemKind.Text,
  };

  languages.registerHoverProvider(KAOPING_LANGUAGE_ID, {
    async provideHover(model, position) {
      const info = await client.request({ type: 'hover', path: modelPath(model), offset: model.getOffsetAt(position) });
      if (!info) return null;
      return {
        range: spanRange(model, info.span.start, info.span.end),
        contents: info.lines.map((value) => ({ value })),
      };
    },
  });

  languages.registerCompletionItemProvider(KAOPING_LANGUAGE_ID, {
    triggerCharacters: ['.'],
    async provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const before = model.getLineContent(position.lineNumber).charAt(word.startColumn - 2);
      const entries = await client.request({ type: 'complete', path: modelPath(model), offset: model.getOffsetAt(position), afterDot: before === '.' });
      return {
        suggestions: entries.map((e) => ({
          label: e.label,
          kind: completionKinds[e.kind],
          detail: e.detail,
          insertText: e.label,
          range,
        })),
      };
    },
  });

  languages.registerDefinitionProvider(KAOPING_LANGUAGE_ID, {
    async provideDefinition(model, position) {
      const span = await client.request({ type: 'definition', path: modelPath(model), offset: model.getOffsetAt(position) });
      if (!span) return null;
      const target = monaco.editor.getModel(monaco.Uri.from({ scheme: 'kaoping', path: `/${span.path}` }));
      if (!target) return null;
      return { uri: target.uri, range: spanRange(target, span.start, span.end) };
    },
  });

  languages.registerRenameProvider(KAOPING_LANGUAGE_ID, {
    async provideRenameEdits(model, position, newName) {
      const result = await client.request({ type: 'rename', path: modelPath(model), offset: model.getOffsetAt(position), newName });
      if (result.error) return { edits: [], rejectReason: result.error };
      const edits: languages.IWorkspaceTextEdit[] = [];
      for (const edit of result.edits) {
        const target = monaco.editor.getModel(monaco.Uri.from({ scheme: 'kaoping', path: `/${edit.span.path}` }));
        if (!target) continue;
        edits.push({
          resource: target.uri,
          versionId: target.getVersionId(),
          textEdit: { range: spanRange(target, edit.span.start, edit.span.end), text: edit.text },
        });
      }
      return { edits };
    },
  });

  // Quick fixes: the compiler's fixes of the diagnostics at the cursor (dsl/diagnostics.ts), as the analysis of the
  // text as it is now reports them; an unambiguous fix is the preferred one (what `check --fix` would apply).
  languages.registerCodeActionProvider(KAOPING_LANGUAGE_ID, {
    async provideCodeActions(model, range, context) {
      const path = modelPath(model);
      const version = model.getVersionId();
      const { diagnostics } = await client.settled();
      if (model.isDisposed() || model.getVersionId() !== version) return { actions: [], dispose: () => undefined };
      const actions: languages.CodeAction[] = [];
      for (const d of diagnostics) {
        if (d.span.path !== path || !d.fixes.length) continue;
        const at = spanRange(model, d.span.start, d.span.end);
        if (!monaco.Range.areIntersectingOrTouching(at, range)) continue;
        const markers = context.markers.filter((m) => m.code === d.code && monaco.Range.areIntersectingOrTouching(m, at));
        for (const fix of d.fixes) {
          const edits: languages.IWorkspaceTextEdit[] = [];
          for (const e of fix.edits) {
            const target = monaco.editor.getModel(monaco.Uri.from({ scheme: 'kaoping', path: `/${e.span.path}` }));
            if (target) edits.push({ resource: target.uri, versionId: target.getVersionId(), textEdit: { range: spanRange(target, e.span.start, e.span.end), text: e.text } });
          }
          actions.push({ title: `${fix.title}（${d.code}）`, kind: 'quickfix', diagnostics: markers, isPreferred: fix.unambiguous, edit: { edits } });
        }
      }
      return { actions, dispose: () => undefined };
    },
  }, { providedCodeActionKinds: ['quickfix'] });

  languages.registerFoldingRangeProvider(KAOPING_LANGUAGE_ID, {
    // Monaco asks right after an edit: the regions come from the analysis of that edit, once it is done.
    async provideFoldingRanges(model) {
      const path = modelPath(model);
      const { folding } = await client.settled();
      return folding
        .filter((s) => s.path === path)
        .map((s) => ({ start: model.getPositionAt(s.start).lineNumber, end: model.getPositionAt(s.end).lineNumber }))
        .filter((r) => r.end > r.start);
    },
  });
}
