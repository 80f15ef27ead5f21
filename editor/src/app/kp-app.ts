// The editor's shell: workspace tree, tabs over the open policy's sources, the Monaco editor, problems, and the
// live preview; or the review view. Owns the open policy's documents and talks to the language worker.
import { html, nothing } from 'lit';
import { customElement, query, state } from 'lit/decorators.js';
import type { IDisposable, IPosition, IRange, editor as MonacoEditor, Uri } from 'monaco-editor/editor';
import { CODES, codePage } from '../../../messages/index.js';
import { LightElement } from './light-element.js';
import { UI_LANG, ui } from './ui-text.js';
import { LanguageClient } from '../language/language-client.js';
import type { Analysis, EditorDiagnostic, SourceText } from '../language/protocol.js';
import { loadMonaco, type Monaco } from '../monaco/load-monaco.js';
import { registerKaopingLanguage, spanRange } from '../monaco/kaoping-language.js';
import type { KpCodeEditor } from '../monaco/kp-code-editor.js';
import '../monaco/kp-code-editor.js';
import { PolicyDocuments } from '../workspace/policy-documents.js';
import { createNewVersion, fetchWorkspace, readBytes, readText, saveText, type WorkspaceListing } from '../workspace/workspace-client.js';
import { fileName, type TreeSelection } from '../workspace/kp-file-tree.js';
import '../workspace/kp-file-tree.js';
import '../preview/kp-preview.js';
import { flagSentence } from '../preview/analysis-flags.js';

export const DEFAULT_POLICY = 'tax-provincial-2021';

@customElement('kp-app')
export class KpApp extends LightElement {
  @state() private listing: WorkspaceListing | null = null;
  @state() private monaco: Monaco | null = null;
  @state() private documents: PolicyDocuments | null = null;
  @state() private tabs: string[] = [];
  @state() private activePath = '';
  @state() private dataPath = '';
  @state() private analysis: Analysis | null = null;
  @state() private status = ui('loading');
  @state() private view: 'edit' | 'review' = 'edit';
  @state() private revision = 0; // bumps on edits so unsaved marks re-render
  /** The 另存为新版本 form, when open: the new folder's name and version. */
  @state() private newVersionForm: { to: string; version: string } | null = null;

  @query('kp-code-editor') private codeEditor!: KpCodeEditor;

  private readonly client = new LanguageClient((analysis) => this.showAnalysis(analysis));
  private opener: IDisposable | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKeyDown, { capture: true });
    window.addEventListener('beforeunload', this.onBeforeUnload);
    void this.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.onKeyDown, { capture: true });
    window.removeEventListener('beforeunload', this.onBeforeUnload);
    this.client.dispose();
    this.opener?.dispose();
  }

  private async start(): Promise<void> {
    try {
      const [listing, monaco] = await Promise.all([fetchWorkspace(), loadMonaco()]);
      registerKaopingLanguage(monaco, this.client);
      this.opener = monaco.editor.registerEditorOpener({ openCodeEditor: (source, resource, place) => this.openLocation(source, resource, place) });
      this.listing = listing;
      this.monaco = monaco;
      const requested = new URLSearchParams(location.search).get('policy');
      const name = listing.policies.find((p) => p.name === requested)?.name
        ?? listing.policies.find((p) => p.name === DEFAULT_POLICY)?.name
        ?? listing.policies[0]?.name;
      if (!name) {
        this.status = ui('noPolicies');
        return;
      }
      await this.openPolicy(name);
    } catch (error) {
      this.status = ui('loadFailed', { reason: (error as Error).message });
    }
  }

  private async openPolicy(name: string): Promise<void> {
    const entry = this.listing?.policies.find((p) => p.name === name);
    if (!entry || !this.monaco) return;
    if (this.documents && [...this.documents.paths].some((p) => this.documents!.isDirty(p))) {
      if (!confirm(ui('confirmSwitch'))) return;
    }
    this.status = ui('opening', { name });
    const files: SourceText[] = await Promise.all(entry.sources.map(async (path) => ({ path, text: await readText(path) })));
    this.documents?.dispose();
    const documents = new PolicyDocuments(this.monaco, name, files, () => {
      this.revision++;
      this.client.scheduleAnalysis(() => documents.sources(), undefined, () => documents.savedSources());
    });
    this.documents = documents;
    const header = files.find((f) => /^\s*(policy|体系)\s/m.test(f.text)) ?? files[0];
    this.tabs = header ? [header.path] : [];
    this.activePath = header?.path ?? '';
    this.analysis = null;
    this.status = ui('opened', { name });
    const sample = entry.data.find((d) => d.endsWith('/data/results.json')) ?? entry.data[0];
    // The data is read while the policy compiles; the worker takes it after the analysis posted first.
    await Promise.all([this.client.analyzeNow(documents.sources()), sample ? this.useDataFile(sample) : null]);
  }

  private async useDataFile(path: string): Promise<void> {
    const entry = this.listing?.policies.find((p) => path.startsWith(`policies/${p.name}/`));
    // A CSV dataset is a folder of tables: one per entity kind and per record list.
    const paths = path.endsWith('.csv') && entry ? entry.data.filter((d) => d.endsWith('.csv') && dirOf(d) === dirOf(path)) : [path];
    const files = await Promise.all(paths.map(async (p) => ({ name: fileName(p), bytes: await readBytes(p) })));
    this.dataPath = path;
    await this.client.setDataset(path.endsWith('.csv') ? `${dirOf(path)}/*.csv` : path, files);
  }

  private async useDroppedFiles(event: CustomEvent<File[]>): Promise<void> {
    const files = await Promise.all(event.detail.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    this.dataPath = '';
    await this.client.setDataset(files.map((f) => f.name).join('、'), files);
  }

  private showAnalysis(analysis: Analysis): void {
    this.analysis = analysis;
    const monaco = this.monaco;
    const documents = this.documents;
    if (!monaco || !documents) return;
    for (const path of documents.paths) {
      const model = documents.model(path)!;
      const markers = analysis.diagnostics.filter((d) => d.span.path === path).map((d) => toMarker(monaco, model, d));
      monaco.editor.setModelMarkers(model, 'kaoping', markers);
      const testMarkers = analysis.tests.flatMap((t) =>
        t.failures
          .filter((f) => f.span?.path === path)
          .map((f) => ({
            ...spanRange(model, f.span!.start, f.span!.end),
            severity: monaco.MarkerSeverity.Error,
            message: ui('testFailedMarker', { title: t.title, text: f.text, expected: f.expected, actual: f.actual }),
            source: ui('testSource'),
          })),
      );
      monaco.editor.setModelMarkers(model, 'kaoping-tests', testMarkers);
      monaco.editor.setModelMarkers(model, 'kaoping-analysis', analysisMarkers(monaco, model, analysis, path));
    }
  }

  private openSource(path: string): void {
    if (!this.tabs.includes(path)) this.tabs = [...this.tabs, path];
    this.activePath = path;
  }

  private closeTab(path: string): void {
    const index = this.tabs.indexOf(path);
    this.tabs = this.tabs.filter((t) => t !== path);
    if (this.activePath === path) this.activePath = this.tabs[Math.min(index, this.tabs.length - 1)] ?? '';
  }

  /** Jumps to a place in the policy (a diagnostic, a failed test, a definition in another file). */
  private goTo(path: string, place: number | IRange | IPosition): void {
    this.openSource(path);
    void this.updateComplete.then(() => this.codeEditor?.reveal(place));
  }

  /**
   * Monaco asks this to show a model other than the editor's (F12, Ctrl+click, a related diagnostic): the
   * file's tab opens and the place is revealed. The editor's own model is left to Monaco.
   */
  private openLocation(source: MonacoEditor.ICodeEditor, resource: Uri, place: IRange | IPosition | undefined): boolean {
    const model = this.monaco?.editor.getModel(resource);
    const path = model && this.documents?.pathOf(model);
    if (!path || source.getModel() === model) return false;
    this.goTo(path, place ?? 0);
    return true;
  }

  private onTreeSelect(event: CustomEvent<TreeSelection>): void {
    const { kind, path } = event.detail;
    if (kind === 'policy') void this.openPolicy(path);
    else if (kind === 'source') this.openSource(path);
    else void this.useDataFile(path);
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault();
      event.stopPropagation();
      void this.save();
    }
  };

  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (this.documents?.paths.some((p) => this.documents!.isDirty(p))) event.preventDefault();
  };

  /** Formats the active file with the project's formatter (unless it has syntax errors) and saves it. */
  private async save(): Promise<void> {
    const path = this.activePath;
    const model = this.documents?.model(path);
    if (!model || !this.documents) return;
    if (this.listing?.readOnly) {
      this.status = ui('readOnlySave');
      return;
    }
    const formatted = await this.client.request({ type: 'format', path, text: model.getValue() });
    let note: 'yes' | 'no' | 'syntax' = 'no';
    if (formatted.text === null) note = 'syntax';
    else if (formatted.text !== model.getValue()) {
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text: formatted.text }], () => null);
      note = 'yes';
    }
    try {
      await saveText(path, model.getValue());
      this.documents.markSaved(path);
      this.revision++;
      // The what-if compares with the saved version, which this save changed.
      const documents = this.documents;
      this.client.scheduleAnalysis(() => documents.sources(), 0, () => documents.savedSources());
      this.status = ui('saved', { file: fileName(path), formatted: note });
    } catch (error) {
      this.status = (error as Error).message;
    }
  }

  /** Opens the 另存为新版本 form, proposing the next year in the folder's name and as the version. */
  private openNewVersion(): void {
    const name = this.documents?.policy ?? '';
    if (this.documents?.paths.some((p) => this.documents!.isDirty(p))) {
      this.status = ui('newVersionUnsaved');
      return;
    }
    const year = /(?:19|20)\d{2}/.exec(name)?.[0];
    const next = year ? String(Number(year) + 1) : '';
    this.newVersionForm = { to: year ? name.replace(year, next) : `${name}-new`, version: next };
  }

  /** Makes the next version through the workspace server, then opens it. */
  private async makeNewVersion(event: Event): Promise<void> {
    event.preventDefault();
    const form = this.newVersionForm;
    const from = this.documents?.policy;
    if (!form || !from) return;
    try {
      const outcome = await createNewVersion(from, form.to.trim(), form.version.trim());
      if (!outcome.ok) {
        this.status = ui('newVersionRefused', { reason: outcome.reason, name: form.to.trim(), version: form.version.trim() });
        return;
      }
      this.newVersionForm = null;
      this.listing = await fetchWorkspace();
      await this.openPolicy(outcome.name);
      this.status = ui('newVersionDone', { name: outcome.name, files: outcome.files });
    } catch (error) {
      this.status = ui('newVersionFailed', { reason: (error as Error).message });
    }
  }

  private renderNewVersionForm() {
    const form = this.newVersionForm;
    if (!form) return nothing;
    return html`<form class="new-version" @submit=${this.makeNewVersion} aria-label=${ui('newVersion')}>
      <label>${ui('newVersionFolder')} <input name="to" .value=${form.to} required
        @input=${(e: InputEvent) => (this.newVersionForm = { ...form, to: (e.target as HTMLInputElement).value })} /></label>
      <label>${ui('newVersionNumber')} <input name="version" .value=${form.version} required
        @input=${(e: InputEvent) => (this.newVersionForm = { ...form, version: (e.target as HTMLInputElement).value })} /></label>
      <button type="submit">${ui('newVersionCreate')}</button>
      <button type="button" @click=${() => (this.newVersionForm = null)}>${ui('newVersionCancel')}</button>
    </form>`;
  }

  override render() {
    const documents = this.documents;
    const dirty = new Set(documents?.paths.filter((p) => documents.isDirty(p)) ?? []);
    const model: MonacoEditor.ITextModel | null = documents?.model(this.activePath) ?? null;
    return html`
      <header class="app-header">
        <h1>kaoping 考评 <span class="muted">${ui('appSubtitle')}</span></h1>
        <div class="view-switch" role="tablist" aria-label=${ui('views')}>
          <button role="tab" aria-selected=${this.view === 'edit'} @click=${() => (this.view = 'edit')}>${ui('viewEdit')}</button>
          <button role="tab" aria-selected=${this.view === 'review'} data-testid="open-review" @click=${() => this.openReview()}>${ui('viewReview')}</button>
        </div>
        ${this.listing?.readOnly ? html`<span class="badge" title=${ui('readOnlyTitle')}>${ui('readOnly')}</span>` : nothing}
        ${this.view === 'edit' && documents && !this.listing?.readOnly
          ? html`<button class="new-version-open" data-testid="new-version" @click=${() => this.openNewVersion()}>${ui('newVersion')}</button>`
          : nothing}
        <p class="status" role="status" aria-live="polite">${this.status}</p>
      </header>
      ${this.renderNewVersionForm()}
      ${this.view === 'review' ? this.renderReview() : nothing}
      <main class="workbench" ?hidden=${this.view !== 'edit'} data-revision=${this.revision}>
        <aside class="sidebar">
          <kp-file-tree
            .listing=${this.listing}
            .policy=${documents?.policy ?? ''}
            .activePath=${this.activePath}
            .dataPath=${this.dataPath}
            .dirty=${dirty}
            @tree-select=${this.onTreeSelect}
          ></kp-file-tree>
        </aside>
        <section class="editor-column" aria-label=${ui('sources')}>
          <nav class="tabs" aria-label=${ui('openFiles')}>
            ${this.tabs.map(
              (path) => html`<div class="tab ${path === this.activePath ? 'active' : ''}">
                <button aria-current=${path === this.activePath ? 'page' : 'false'} title=${path} @click=${() => (this.activePath = path)}>
                  ${fileName(path)}${dirty.has(path) ? html`<span class="dirty" aria-label=${ui('unsaved')}>●</span>` : ''}
                </button>
                <button class="tab-close" aria-label=${ui('closeFile', { file: fileName(path) })} @click=${() => this.closeTab(path)}>×</button>
              </div>`,
            )}
          </nav>
          <kp-code-editor .monaco=${this.monaco} .model=${model} ?readOnly=${this.listing?.readOnly ?? false}></kp-code-editor>
          ${this.renderProblems()}
        </section>
        <kp-preview
          .analysis=${this.analysis}
          .explain=${(unit: string, indicator: string | null) => this.client.request({ type: 'explain', unit, indicator })}
          .download=${(what: 'results' | 'bulletin') => this.client.request({ type: 'download', what })}
          .coverage=${() => this.client.request({ type: 'coverage' })}
          @dataset-files=${this.useDroppedFiles}
          @go-to=${(e: CustomEvent<{ path: string; offset: number }>) => this.goTo(e.detail.path, e.detail.offset)}
        ></kp-preview>
      </main>
    `;
  }

  private renderProblems() {
    const diagnostics = this.analysis?.diagnostics ?? [];
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    return html`<details class="problems" ?open=${errors > 0}>
      <summary>${ui('problems')} <span class="badge ${errors ? 'bad' : 'good'}">${ui('problemErrors', { count: errors })}</span>
        <span class="muted">${ui('problemOthers', { count: diagnostics.length - errors })}</span></summary>
      <ul>
        ${diagnostics.map((d) => {
          const at = this.documents?.model(d.span.path)?.getPositionAt(d.span.start);
          const place = ui('problemPlace', { file: fileName(d.span.path), line: at?.lineNumber ?? 0, column: at?.column ?? 0 });
          return html`<li>
            <button class="problem ${d.severity}" data-code=${d.code} @click=${() => this.goTo(d.span.path, d.span.start)}>
              <span class="code">${d.code}</span> ${ui('problemSeverity', { severity: d.severity })} <span class="place">${place}</span>${ui('problemText', { message: d.message })}
              ${d.help ? html`<span class="hint">${ui('problemHint', { text: d.help })}</span>` : nothing}
              ${d.fixes.length ? html`<span class="fixes muted">${ui('quickFixes', { count: d.fixes.length })}</span>` : nothing}
            </button>
          </li>`;
        })}
      </ul>
    </details>`;
  }

  private reviewLoaded = false;

  private openReview(): void {
    this.view = 'review';
    if (!this.reviewLoaded) {
      this.reviewLoaded = true;
      void import('../review/kp-review.js');
    }
  }

  private renderReview() {
    return html`<kp-review .monaco=${this.monaco} .client=${this.client} .listing=${this.listing}></kp-review>`;
  }
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/'));
}

/**
 * The 绩效分析 flags as information marks on the names of the indicators they concern (the figures in the
 * hover). Only for a preview of the sources as they are: a stale one's places belong to an earlier text.
 */
function analysisMarkers(monaco: Monaco, model: MonacoEditor.ITextModel, analysis: Analysis, path: string): MonacoEditor.IMarkerData[] {
  const preview = analysis.preview;
  if (!preview.model || preview.stale || !analysis.compiled) return [];
  const text = model.getValue();
  return preview.model.kinds
    .flatMap((k) => k.indicatorFlags)
    .filter((f) => f.span.path === path)
    .map((f) => {
      const at = text.indexOf(f.indicator, f.span.start);
      const [start, end] = at >= 0 && at < f.span.end ? [at, at + f.indicator.length] : [f.span.start, f.span.start + 1];
      return {
        ...spanRange(model, start, end),
        severity: monaco.MarkerSeverity.Info,
        message: f.flags.map((flag) => ui('analysisMark', { period: preview.model!.period, text: flagSentence(flag, f.scored) })).join('\n'),
        source: ui('analysisSource'),
      };
    });
}

function toMarker(monaco: Monaco, model: MonacoEditor.ITextModel, d: EditorDiagnostic): MonacoEditor.IMarkerData {
  const severity = { error: monaco.MarkerSeverity.Error, warning: monaco.MarkerSeverity.Warning, info: monaco.MarkerSeverity.Info }[d.severity];
  return {
    ...spanRange(model, d.span.start, d.span.end),
    severity,
    // The hover says what the code means and where its page is (docs/codes/, in Chinese and English).
    message: [d.message, ...(d.help ? [ui('problemHint', { text: d.help })] : []), ui('codeMeaning', { code: d.code, meaning: CODES[d.code]?.meaning[UI_LANG] ?? '', page: codePage(d.code) })].join('\n'),
    code: d.code,
    source: 'kaoping',
    relatedInformation: d.related
      .map((r) => {
        const target = monaco.editor.getModel(monaco.Uri.from({ scheme: 'kaoping', path: `/${r.span.path}` }));
        return target ? { resource: target.uri, message: r.message, ...spanRange(target, r.span.start, r.span.end) } : null;
      })
      .filter((r) => r !== null),
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-app': KpApp;
  }
}
