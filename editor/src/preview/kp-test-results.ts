// The policy's `test` blocks, run by the runtime on every good compile: pass/fail, and for failures the
// expectation, expected and actual values, with a jump to its place in the source; or why they could not run.
import { html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import { ui } from '../app/ui-text.js';
import type { CoverageView, SpanRef, TestOutcome } from '../language/protocol.js';
import './kp-test-coverage.js';

@customElement('kp-test-results')
export class KpTestResults extends LightElement {
  @property({ attribute: false }) tests: TestOutcome[] = [];
  @property({ type: Boolean }) pending = false;
  /** Why the tests could not be run, if they could not. */
  @property({ attribute: false }) blocked: string | null = null;
  /** Only the failed tests are listed. */
  @state() private failuresOnly = false;
  /** Asks for the tests' coverage of the indicator tree (kp-test-coverage). */
  @property({ attribute: false }) coverage: (() => Promise<CoverageView | null>) | null = null;

  private goTo(span: SpanRef | null): void {
    if (span) this.dispatchEvent(new CustomEvent('go-to', { detail: { path: span.path, offset: span.start }, bubbles: true }));
  }

  override render() {
    if (this.blocked) return html`<p class="test-summary bad" role="status">${this.blocked}</p>`;
    if (!this.tests.length) return html`<p class="muted" role="status">${this.pending ? ui('runningTests') : ui('noTests')}</p>`;
    const failed = this.tests.filter((t) => !t.passed).length;
    return html`
      <p class="test-summary ${failed ? 'bad' : 'good'}" role="status">
        ${ui('testsSummary', { passed: this.tests.length - failed, failed })}${this.pending ? html`<span class="muted">${ui('testsRerunning')}</span>` : ''}
      </p>
      <label class="failures-only"><input type="checkbox" .checked=${this.failuresOnly} @change=${(e: Event) => (this.failuresOnly = (e.target as HTMLInputElement).checked)} /> ${ui('failuresOnly')}</label>
      ${this.failuresOnly && !failed ? html`<p class="muted">${ui('allPassedHidden', { passed: this.tests.length })}</p>` : ''}
      <ul class="tests">
        ${this.tests.filter((t) => !this.failuresOnly || !t.passed).map(
          (t) => html`<li class=${t.passed ? 'pass' : 'fail'}>
            <button class="link" @click=${() => this.goTo(t.span)}>
              <span aria-hidden="true">${t.passed ? '✓' : '✗'}</span>
              <span class="sr-only">${t.passed ? ui('testPassed') : ui('testFailed')}</span> ${t.title}
            </button>
            ${t.failures.length
              ? html`<ul>
                  ${t.failures.map(
                    (f) => html`<li>
                      <button class="link" @click=${() => this.goTo(f.span)}>${f.text}</button>${ui('testExpectedActual', { expected: f.expected, actual: f.actual })}
                    </li>`,
                  )}
                </ul>`
              : ''}
          </li>`,
        )}
      </ul>
      <kp-test-coverage .load=${this.coverage}></kp-test-coverage>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-test-results': KpTestResults;
  }
}
