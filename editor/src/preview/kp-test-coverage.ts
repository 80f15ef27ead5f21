// The tests' coverage of the indicator tree in the 测试 tab, on demand: per section and indicator the band arms,
// branches, deduction lines, caps and missing-data treatments, per tiers declaration the tiers, gates, vetoes and
// tie rules, each with how many tests reached it; what no test reached jumps to where it is written.
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { cliMessage, render } from '../../../messages/index.js';
import type { CliArgs, CliKey } from '../../../messages/index.js';
import { LightElement } from '../app/light-element.js';
import type { CoverageGroupView, CoverageView, SpanRef } from '../language/protocol.js';
import { UI_LANG, ui } from '../app/ui-text.js';

const say = <K extends CliKey>(key: K, ...params: CliArgs<K>) => render(cliMessage(key, ...params), UI_LANG);

@customElement('kp-test-coverage')
export class KpTestCoverage extends LightElement {
  /** Asks the language worker for the coverage of the last policy that compiled. */
  @property({ attribute: false }) load: (() => Promise<CoverageView | null>) | null = null;
  @state() private coverage: CoverageView | null = null;
  @state() private loading = false;

  private async show(): Promise<void> {
    if (!this.load) return;
    this.loading = true;
    try {
      this.coverage = await this.load();
    } finally {
      this.loading = false;
    }
  }

  private goTo(span: SpanRef): void {
    this.dispatchEvent(new CustomEvent('go-to', { detail: { path: span.path, offset: span.start }, bubbles: true }));
  }

  private group(g: CoverageGroupView): unknown {
    const role = say('coverageRole', { role: g.role });
    const untested = g.role === 'indicator' && g.tests === 0;
    return html`<li class=${untested ? 'fail' : nothing}>
      <span>${g.role === 'indicator' ? (untested ? '✗ ' : '✓ ') : ''}${role}${g.role === 'total' ? '' : ` ${g.name}`}</span>
      ${untested ? html` <button class="link" @click=${() => this.goTo(g.span)}>${say('coverageUntested')}</button>` : ''}
      ${g.elements.length || g.indicators
        ? html`<ul>
            ${g.elements.map(
              (e) => html`<li class=${e.tests > 0 ? 'pass' : 'fail'}>
                ${e.tests > 0 ? '✓' : '✗'} ${say('coverageWhat', { what: e.what })}
                ${e.tests > 0
                  ? html`<span class="muted">${e.text} · ${say('coverageTests', { tests: e.tests })}</span>`
                  : html`<button class="link" @click=${() => this.goTo(e.span)}>${e.text || say('coverageUntested')}</button>`}
              </li>`,
            )}
            ${(g.indicators ?? []).map((i) => this.group(i))}
          </ul>`
        : ''}
    </li>`;
  }

  override render() {
    const c = this.coverage;
    if (!c) {
      return html`<button class="link" ?disabled=${this.loading || !this.load} @click=${() => this.show()}>
        ${this.loading ? ui('coverageComputing') : ui('coverageShow')}
      </button>`;
    }
    const count = (measure: 'indicators' | 'branches') => say('coverageCount', { measure, ...c[measure] });
    return html`
      <p class="test-summary ${c.below.length ? 'bad' : 'good'}" role="status">
        ${count('indicators')}　${count('branches')}
        <button class="link" @click=${() => this.show()}>${ui('coverageAgain')}</button>
      </p>
      ${c.below.map((b) => html`<p class="test-summary bad">${b}</p>`)}
      <ul class="tests coverage">${c.groups.map((g) => this.group(g))}</ul>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-test-coverage': KpTestCoverage;
  }
}
