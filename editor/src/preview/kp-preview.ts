// The live preview beside the editor: ranking, one unit's breakdown, charts, the policy's tests and its warnings, all from
// the worker's last analysis. While the source has errors it keeps the last good result, marked stale, and
// says why. Result data can be dropped onto it (JSON, CSV tables, XLSX).
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import { ui } from '../app/ui-text.js';
import type { EditorKey } from '../../../messages/index.js';
import type { Analysis, CoverageView, DownloadFile, ExplainResult, PreviewKind } from '../language/protocol.js';
import type { ScoreClick } from './kp-ranking-table.js';
import './kp-ranking-table.js';
import './kp-unit-breakdown.js';
import './kp-score-charts.js';
import './kp-test-results.js';
import './kp-warning-list.js';

type PreviewTab = 'ranking' | 'unit' | 'charts' | 'tests' | 'warnings';
const TAB_LABELS = { ranking: 'tabRanking', unit: 'tabUnit', charts: 'tabCharts', tests: 'tabTests', warnings: 'tabWarnings' } as const satisfies Record<PreviewTab, EditorKey>;

@customElement('kp-preview')
export class KpPreview extends LightElement {
  @property({ attribute: false }) analysis: Analysis | null = null;
  @property({ attribute: false }) coverage: (() => Promise<CoverageView | null>) | null = null;
  @property({ attribute: false }) explain: ((unit: string, indicator: string | null) => Promise<ExplainResult>) | null = null;
  @property({ attribute: false }) download: ((what: 'results' | 'bulletin') => Promise<DownloadFile | null>) | null = null;
  @state() private downloadNote: string | null = null;
  @state() private tab: PreviewTab = 'ranking';
  @state() private kindName = '';
  @state() private unit = '';
  @state() private trace: ExplainResult | null = null;
  @state() private dragging = false;

  /** The score button whose explanation is shown: focus goes back to it when the explanation closes. */
  private traceOpener: HTMLElement | null = null;

  private async showExplanation(event: CustomEvent<ScoreClick>): Promise<void> {
    if (!this.explain) return;
    this.traceOpener = event.composedPath()[0] as HTMLElement;
    this.unit = event.detail.unit;
    this.trace = { title: ui('explaining'), groups: [], error: null };
    this.trace = await this.explain(event.detail.unit, event.detail.indicator);
    await this.updateComplete;
    this.querySelector<HTMLElement>('.trace')?.focus();
  }

  private closeExplanation(): void {
    this.trace = null;
    if (this.traceOpener?.isConnected) this.traceOpener.focus();
    this.traceOpener = null;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.trace) return;
    event.stopPropagation();
    this.closeExplanation();
  }

  private onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging = false;
    const files = [...(event.dataTransfer?.files ?? [])];
    if (files.length) this.dispatchEvent(new CustomEvent<File[]>('dataset-files', { detail: files, bubbles: true }));
  }

  private onPick(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    if (files.length) this.dispatchEvent(new CustomEvent<File[]>('dataset-files', { detail: files, bubbles: true }));
    input.value = '';
  }

  /** Asks the worker for the file and hands it to the browser to save. */
  private async save(what: 'results' | 'bulletin'): Promise<void> {
    if (!this.download) return;
    this.downloadNote = null;
    try {
      const file = await this.download(what);
      if (!file) {
        this.downloadNote = ui('noResults');
        return;
      }
      const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.type }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      this.downloadNote = ui('downloadFailed', { reason: (error as Error).message });
    }
  }

  private testsBadge(count: number, failed: number) {
    const blocked = this.analysis?.testsBlocked;
    const pending = this.analysis?.testsPending ?? false;
    if (blocked) return html` <span class="badge bad" title=${blocked}>${ui('testsNotRun')}</span>`;
    if (!count) return pending ? html` <span class="badge">${ui('testsRunning')}</span>` : '';
    // Outcomes of earlier sources while the newest run goes on: marked, so they are not taken for the current ones.
    return html` <span class="badge ${failed ? 'bad' : 'good'} ${pending ? 'pending' : ''}" title=${pending ? ui('testsEarlierRun') : nothing}>${failed ? ui('testsFailedBadge', { failed }) : ui('testsAllPassed')}${pending ? '…' : ''}</span>`;
  }

  override render() {
    const preview = this.analysis?.preview;
    const model = preview?.model ?? null;
    const kind = model?.kinds.find((k) => k.name === this.kindName) ?? (model ? defaultKind(model.kinds) : null);
    const tests = this.analysis?.tests ?? [];
    const failedTests = tests.filter((t) => !t.passed).length;
    return html`
      <section
        class="preview ${this.dragging ? 'dragging' : ''} ${preview?.stale ? 'stale' : ''}"
        aria-label=${ui('livePreview')}
        data-version=${this.analysis?.version ?? -1}
        @dragover=${(e: DragEvent) => {
          e.preventDefault();
          this.dragging = true;
        }}
        @dragleave=${() => (this.dragging = false)}
        @drop=${this.onDrop}
        @keydown=${this.onKeyDown}
        @score-click=${this.showExplanation}
        @unit-select=${(e: CustomEvent<string>) => {
          this.unit = e.detail;
          this.tab = 'unit';
        }}
      >
        <div class="preview-bar">
          <span class="data-label" title=${ui('dataUsed')}>${ui('dataLabel', { label: model?.dataLabel ?? null })}</span>
          <label class="file-pick">${ui('loadData')}<input type="file" accept=".json,.csv,.xlsx" multiple @change=${this.onPick} /></label>
          <button class="download" data-download="results" ?disabled=${!model} @click=${() => this.save('results')}>${ui('downloadResults')}</button>
          <button class="download" data-download="bulletin" ?disabled=${!model} @click=${() => this.save('bulletin')}>${ui('downloadBulletin')}</button>
          ${model && model.kinds.length > 1
            ? html`<label>${ui('entityKind')}
                <select @change=${(e: Event) => (this.kindName = (e.target as HTMLSelectElement).value)}>
                  ${model.kinds.map((k) => html`<option value=${k.name} ?selected=${k.name === kind?.name}>${k.label ?? k.name}</option>`)}
                </select>
              </label>`
            : ''}
        </div>
        ${preview?.reason ? html`<p class="preview-note ${preview.stale ? 'stale-note' : ''}" role="status">${preview.stale ? ui('previewStale') : ''}${preview.reason}</p>` : ''}
        ${this.downloadNote ? html`<p class="preview-note" role="alert">${this.downloadNote}</p>` : ''}
        ${preview?.pointsMismatch.length
          ? html`<p class="preview-note points-note" role="status">${ui('pointsPreview', { sections: preview.pointsMismatch })}</p>`
          : ''}
        ${preview?.dataIssues.length
          ? html`<details class="data-issues"><summary>${ui('dataIssues', { count: preview.dataIssues.length })}</summary>
              <ul>${preview.dataIssues.map((i) => html`<li>${i}</li>`)}</ul></details>`
          : ''}
        <div class="preview-tabs" role="tablist" aria-label=${ui('previewTabs')}>
          ${(Object.keys(TAB_LABELS) as PreviewTab[]).map(
            (t) => html`<button role="tab" aria-selected=${this.tab === t} @click=${() => (this.tab = t)}>
              ${ui(TAB_LABELS[t])}${t === 'tests' ? this.testsBadge(tests.length, failedTests) : ''}${t === 'warnings' && model?.warnings?.rows.length ? html` <span class="warning-count" title=${ui('warningCount')}>${model.warnings.rows.length}</span>` : ''}
            </button>`,
          )}
        </div>
        <div class="preview-body" role="tabpanel" aria-label=${TAB_LABELS[this.tab]}>
          ${this.tab === 'ranking' ? html`<kp-ranking-table .kind=${kind} .selectedUnit=${this.unit} .whatIf=${preview?.whatIf ?? null}></kp-ranking-table>` : ''}
          ${this.tab === 'unit' ? html`<kp-unit-breakdown .kind=${kind} .unit=${this.unit}></kp-unit-breakdown>` : ''}
          ${this.tab === 'charts' ? html`<kp-score-charts .kind=${kind} .unit=${this.unit}></kp-score-charts>` : ''}
          ${this.tab === 'warnings' && model ? html`<kp-warning-list .warnings=${model.warnings}></kp-warning-list>` : ''}
          ${this.tab === 'tests'
            ? html`<kp-test-results .tests=${tests} ?pending=${this.analysis?.testsPending ?? false} .blocked=${this.analysis?.testsBlocked ?? null} .coverage=${this.coverage}></kp-test-results>`
            : ''}
          ${!model && this.tab !== 'tests' ? html`<p class="muted">${preview?.reason ? '' : ui('previewEmpty')}</p>` : ''}
        </div>
        ${this.trace
          ? html`<section class="trace" tabindex="-1" aria-label=${ui('explanation')}>
              <header>
                <h3>${this.trace.title}</h3>
                <button class="tab-close" aria-label=${ui('closeExplanation')} title=${ui('close')} @click=${this.closeExplanation}>×</button>
              </header>
              ${this.trace.error ? html`<p class="bad">${this.trace.error}</p>` : ''}
              ${this.trace.groups.map(
                (g) => html`<section class="trace-group ${g.kind}" data-group=${g.kind}>
                  ${this.trace!.groups.length > 1
                    ? html`<h4>${g.kind === 'standing' ? ui('tierReason') : g.kind === 'section' ? g.section : ui('otherLines')}</h4>`
                    : ''}
                  <ul class="trace-lines">
                    ${g.lines.map((line) => html`<li class=${/^\s/.test(line) ? 'detail' : 'heading'}>${line.trim()}</li>`)}
                  </ul>
                </section>`,
              )}
            </section>`
          : ''}
      </section>
    `;
  }
}

/** The kind shown first: the one that is ranked into tiers, else the one with most units. */
function defaultKind(kinds: PreviewKind[]): PreviewKind | null {
  const ranked = [...kinds].filter((k) => k.units.length).sort((a, b) => Number(b.tiers.length > 0) - Number(a.tiers.length > 0) || b.units.length - a.units.length);
  return ranked[0] ?? null;
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-preview': KpPreview;
  }
}
