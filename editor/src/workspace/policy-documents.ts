// The open policy's sources as Monaco models: every `.kp` file of the policy is loaded (the compiler needs
// them all), and each model remembers the version last saved so tabs can mark unsaved changes.
import type { editor as MonacoEditor, IDisposable } from 'monaco-editor/editor';
import type { Monaco } from '../monaco/load-monaco.js';
import type { SourceText } from '../language/protocol.js';
import { KAOPING_LANGUAGE_ID } from '../monaco/kaoping-language.js';

export class PolicyDocuments {
  private readonly models = new Map<string, MonacoEditor.ITextModel>();
  private readonly savedVersions = new Map<string, number>();
  /** Each file's text as last saved (or loaded): the version the what-if compares the edits with. */
  private readonly savedTexts = new Map<string, string>();
  private readonly subscriptions: IDisposable[] = [];

  constructor(
    monaco: Monaco,
    readonly policy: string,
    files: SourceText[],
    onChange: (path: string) => void,
  ) {
    for (const file of files) {
      const uri = monaco.Uri.from({ scheme: 'kaoping', path: `/${file.path}` });
      monaco.editor.getModel(uri)?.dispose();
      const model = monaco.editor.createModel(file.text, KAOPING_LANGUAGE_ID, uri);
      model.updateOptions({ tabSize: 2, insertSpaces: true });
      this.models.set(file.path, model);
      this.savedVersions.set(file.path, model.getAlternativeVersionId());
      this.savedTexts.set(file.path, file.text);
      this.subscriptions.push(model.onDidChangeContent(() => onChange(file.path)));
    }
  }

  get paths(): string[] {
    return [...this.models.keys()];
  }

  model(path: string): MonacoEditor.ITextModel | undefined {
    return this.models.get(path);
  }

  pathOf(model: MonacoEditor.ITextModel): string | undefined {
    for (const [path, m] of this.models) if (m === model) return path;
    return undefined;
  }

  isDirty(path: string): boolean {
    const model = this.models.get(path);
    return model !== undefined && model.getAlternativeVersionId() !== this.savedVersions.get(path);
  }

  markSaved(path: string): void {
    const model = this.models.get(path);
    if (model) {
      this.savedVersions.set(path, model.getAlternativeVersionId());
      this.savedTexts.set(path, model.getValue());
    }
  }

  /** The sources as saved, when any file has unsaved edits; else null (nothing to compare). */
  savedSources(): SourceText[] | null {
    if (!this.paths.some((p) => this.isDirty(p))) return null;
    return [...this.models.keys()].map((path) => ({ path, text: this.savedTexts.get(path) ?? '' }));
  }

  sources(): SourceText[] {
    return [...this.models].map(([path, model]) => ({ path, text: model.getValue() }));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const m of this.models.values()) m.dispose();
    this.models.clear();
  }
}
