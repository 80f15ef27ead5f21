// The review view: Monaco's diff editor between two versions of a policy (file by file) beside the semantic
// diff and its impact on the sample data — the units that change tier and the biggest point movers.
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { editor as MonacoEditor } from 'monaco-editor/editor';
import { DIFF_ITEMS, DIFF_STATUSES } from '../../../messages/index.js';
import { UI_LANG, ui } from '../app/ui-text.js';
import { LightElement } from '../app/light-element.js';
import type { LanguageClient } from '../language/language-client.js';
import type { ReviewResult, SourceText } from '../language/protocol.js';
import { KAOPING_LANGUAGE_ID } from '../monaco/kaoping-language.js';
import type { Monaco } from '../monaco/load-monaco.js';
import { showScore } from '../preview/format-score.js';
import { fileName } from '../workspace/kp-file-tree.js';
import { readBytes, readText, type WorkspaceListing } from '../workspace/workspace-client.js';

export const DEFAULT_REVIEW = { before: 'tax-provincial-2021', after: 'tax-provincial-2022' } as const;


@customElement('kp-review')
export class KpReview extends LightElement {
  @property({ attribute: false }) monaco: Monaco | null = null;
  @property({ attribute: false }) client: LanguageClient | null = null;
  @property({ attribute: false }) listing: WorkspaceListing | null = null;
  @state() private oldPolicy = '';
  @state() private newPolicy = '';
  @state() private file = '';
  @state() private result: ReviewResult | null = null;
  @state() private loading = false;
  private sources: { before: SourceText[]; after: SourceText[] } = { before: [], after: [] };
  private diffEditor: MonacoEditor.IStandaloneDiffEditor | null = null;
  private models: MonacoEditor.ITextModel[] = [];

  protected override firstUpdated(): void {
    // Properties given before this element was defined (it is loaded lazily) arrive with the first update.
    const names = this.listing?.policies.map((p) => p.name) ?? [];
    this.oldPolicy = names.includes(DEFAULT_REVIEW.before) ? DEFAULT_REVIEW.before : (names[0] ?? '');
    this.newPolicy = names.includes(DEFAULT_REVIEW.after) ? DEFAULT_REVIEW.after : (names[1] ?? this.oldPolicy);
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.diffEditor?.dispose();
    this.diffEditor = null;
    for (const m of this.models) m.dispose();
    this.models = [];
  }

  private async load(): Promise<void> {
    const entry = (name: string) => this.listing?.policies.find((p) => p.name === name);
    const before = entry(this.oldPolicy);
    const after = entry(this.newPolicy);
    if (!before || !after || !this.client) return;
    this.loading = true;
    const read = (paths: string[]) => Promise.all(paths.map(async (path) => ({ path, text: await readText(path) })));
    this.sources = { before: await read(before.sources), after: await read(after.sources) };
    const names = this.fileNames();
    if (!names.includes(this.file)) this.file = names[0] ?? '';
    this.showFile();
    // The same data under both versions: OLD's sample (what last year's results would be under NEW's rules).
    const sample = [before, after].map((p) => p.data.find((d) => d.endsWith('/data/results.json'))).find((d) => d !== undefined);
    const data = sample ? [{ name: fileName(sample), bytes: await readBytes(sample) }] : [];
    this.result = await this.client.request({ type: 'review', before: this.sources.before, after: this.sources.after, data });
    this.loading = false;
  }

  private fileNames(): string[] {
    return [...new Set([...this.sources.before, ...this.sources.after].map((s) => fileName(s.path)))].sort();
  }

  private showFile(): void {
    const monaco = this.monaco;
    const host = this.querySelector<HTMLElement>('.diff-host');
    if (!monaco || !host) return;
    this.diffEditor ??= monaco.editor.createDiffEditor(host, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      minimap: { enabled: false },
      ariaLabel: ui('reviewSourcesDiff'),
    });
    const text = (side: SourceText[]) => side.find((s) => fileName(s.path) === this.file)?.text ?? '';
    const previous = this.models;
    this.models = [
      monaco.editor.createModel(text(this.sources.before), KAOPING_LANGUAGE_ID),
      monaco.editor.createModel(text(this.sources.after), KAOPING_LANGUAGE_ID),
    ];
    this.diffEditor.setModel({ original: this.models[0]!, modified: this.models[1]! });
    for (const m of previous) m.dispose();
  }

  private choose(side: 'oldPolicy' | 'newPolicy', name: string): void {
    this[side] = name;
    this.result = null;
    void this.load();
  }

  override render() {
    const names = this.listing?.policies.map((p) => p.name) ?? [];
    const picker = (side: 'oldPolicy' | 'newPolicy', label: string) => html`<label>${label}
      <select @change=${(e: Event) => this.choose(side, (e.target as HTMLSelectElement).value)}>
        ${names.map((n) => html`<option value=${n} ?selected=${n === this[side]}>${n}</option>`)}
      </select></label>`;
    return html`
      <div class="review-bar">
        ${picker('oldPolicy', ui('reviewOld'))} ${picker('newPolicy', ui('reviewNew'))}
        <label>${ui('reviewFile')}
          <select @change=${(e: Event) => {
            this.file = (e.target as HTMLSelectElement).value;
            this.showFile();
          }}>
            ${this.fileNames().map((n) => html`<option value=${n} ?selected=${n === this.file}>${n}</option>`)}
          </select>
        </label>
        ${this.loading ? html`<span class="muted" role="status">${ui('reviewComparing')}</span>` : ''}
      </div>
      <div class="review-body">
        <div class="diff-host"></div>
        <section class="impact" aria-label=${ui('reviewImpact')}>${this.renderImpact()}</section>
      </div>
    `;
  }

  private renderImpact() {
    const result = this.result;
    if (!result) return html`<p class="muted">${ui('reviewEvaluating')}</p>`;
    const { diff, impact } = result;
    const movers = impact ? [...impact.units].filter((u) => u.change !== null && u.change !== 0)
      .sort((a, b) => Math.abs(b.change!) - Math.abs(a.change!)).slice(0, 10) : [];
    return html`
      ${result.error ? html`<p class="bad" role="alert">${result.error}</p>` : ''}
      ${result.notes.map((n) => html`<p class="muted">${n}</p>`)}
      ${impact
        ? html`<h3>${ui('reviewTierChanges', { count: impact.tierChanges.length })}</h3>
            <table class="tier-changes" aria-label=${ui('reviewTierChangesLabel')}>
              <thead><tr><th scope="col">${ui('reviewUnit')}</th><th scope="col">${ui('reviewOldTier')}</th><th scope="col">${ui('reviewNewTier')}</th><th scope="col">${ui('reviewOldTotal')}</th><th scope="col">${ui('reviewNewTotal')}</th><th scope="col">${ui('reviewRank')}</th></tr></thead>
              <tbody>
                ${impact.tierChanges.map(
                  (u) => html`<tr>
                    <th scope="row">${u.name}</th><td>${u.before?.tier ?? '—'}</td><td>${u.after?.tier ?? '—'}</td>
                    <td class="num">${showScore(u.before?.total)}</td><td class="num">${showScore(u.after?.total)}</td>
                    <td class="num">${u.before?.rank ?? '—'} → ${u.after?.rank ?? '—'}</td>
                  </tr>`,
                )}
              </tbody>
            </table>
            <h3>${ui('reviewMovers')}</h3>
            <table aria-label=${ui('reviewMovers')}>
              <thead><tr><th scope="col">${ui('reviewUnit')}</th><th scope="col">${ui('reviewOldTotal')}</th><th scope="col">${ui('reviewNewTotal')}</th><th scope="col">${ui('reviewChange')}</th></tr></thead>
              <tbody>
                ${movers.map(
                  (u) => html`<tr><th scope="row">${u.name}</th><td class="num">${showScore(u.before?.total)}</td>
                    <td class="num">${showScore(u.after?.total)}</td><td class="num ${u.change! > 0 ? 'up' : 'down'}">${signed(u.change!)}</td></tr>`,
                )}
              </tbody>
            </table>
            <h3>${ui('reviewIndicatorMovers')}</h3>
            <table aria-label=${ui('reviewIndicatorMovers')}>
              <thead><tr><th scope="col">${ui('reviewIndicator')}</th><th scope="col">${ui('reviewUnitsChanged')}</th><th scope="col">${ui('reviewPointsMoved')}</th><th scope="col">${ui('reviewMeanChange')}</th></tr></thead>
              <tbody>
                ${impact.indicators.map(
                  (i) => html`<tr><th scope="row">${i.oldName ? `${i.oldName} → ` : ''}${i.name}${i.status !== 'kept' ? ui('reviewMoverStatus', { status: DIFF_STATUSES[i.status][UI_LANG] }) : ''}</th>
                    <td class="num">${i.unitsChanged}</td><td class="num">${i.pointsMoved}</td><td class="num">${signed(Math.round(i.meanChange * 100) / 100)}</td></tr>`,
                )}
              </tbody>
            </table>`
        : ''}
      ${diff
        ? html`<h3>${ui('reviewChanges', { count: diff.changes.length })}</h3>
            <ul class="changes">
              ${diff.changes.map(
                (c) => html`<li>
                  <strong>${ui('reviewChangeTitle', { status: DIFF_STATUSES[c.status][UI_LANG], item: DIFF_ITEMS[c.item][UI_LANG] })}</strong> ${c.oldName ? `${c.oldName} → ` : ''}${c.name}
                  ${c.fields.length
                    ? html`<ul>${c.fields.map((f) => html`<li>${ui('reviewField', { field: f.label, before: f.before, after: f.after })}</li>`)}</ul>`
                    : ''}
                </li>`,
              )}
            </ul>
            <h3>${ui('reviewSectionPoints')}</h3>
            <table aria-label=${ui('reviewSectionPointsLabel')}>
              <thead><tr><th scope="col">${ui('reviewKind')}</th><th scope="col">${ui('reviewSection')}</th><th scope="col">${ui('reviewBefore')}</th><th scope="col">${ui('reviewAfter')}</th></tr></thead>
              <tbody>
                ${diff.pointsBySection.map(
                  (r) => html`<tr><td>${r.kind}</td><th scope="row">${r.name}</th><td class="num">${showScore(r.before)}</td><td class="num">${showScore(r.after)}</td></tr>`,
                )}
              </tbody>
            </table>`
        : ''}
    `;
  }
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-review': KpReview;
  }
}
