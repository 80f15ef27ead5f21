// One unit's scores by section and indicator; each indicator score is a button that asks for its explanation, and
// an indicator the 绩效分析 flags on the preview data carries its flags (绩效趋同…) beside its name.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import type { PreviewKind } from '../language/protocol.js';
import { showScore } from './format-score.js';
import { flagName, flagSentence } from './analysis-flags.js';
import type { ScoreClick } from './kp-ranking-table.js';
import { ui } from '../app/ui-text.js';

@customElement('kp-unit-breakdown')
export class KpUnitBreakdown extends LightElement {
  @property({ attribute: false }) kind: PreviewKind | null = null;
  @property() unit = '';

  /** The 绩效分析 flags of an indicator, as badges whose titles give the figures behind them. */
  private flagsOf(kind: PreviewKind, section: string, indicator: string) {
    const flagged = kind.indicatorFlags.find((f) => f.section === section && f.indicator === indicator);
    return flagged?.flags.map((f) => html` <span class="analysis-flag" data-flag=${f.flag} title=${flagSentence(f, flagged.scored)}>${flagName(f)}</span>`) ?? '';
  }

  override render() {
    const kind = this.kind;
    const unit = kind?.units.find((u) => u.id === this.unit);
    if (!kind || !unit) return html`<p class="muted">${ui('pickUnit')}</p>`;
    // Sent from the clicked button, so the explanation can give it the focus back when it closes.
    const ask = (event: Event, indicator: string | null) =>
      event.currentTarget!.dispatchEvent(new CustomEvent<ScoreClick>('score-click', { detail: { unit: unit.id, indicator }, bubbles: true }));
    return html`
      <h3>${unit.name} <span class="muted">${unit.id}</span></h3>
      <p>
        ${ui('unitTotal')} <button class="score total" @click=${(e: Event) => ask(e, null)}>${showScore(unit.total)}</button>
        · ${ui('unitRank', { rank: unit.rank ?? null })} ${unit.tier ? html`· ${unit.tier}` : ''}
      </p>
      ${kind.sections.map(
        (s) => html`<section class="breakdown-section">
          <h4>${s.name} <span class="muted">${showScore(unit.sections[s.name])} ${ui('sectionPoints', { points: s.points })}</span></h4>
          <table class="breakdown" aria-label=${ui('sectionScores', { section: s.name })}>
            <tbody>
              ${unit.indicators
                .filter((i) => i.section === s.name)
                .map(
                  (i) => html`<tr>
                    <th scope="row">${i.name}${this.flagsOf(kind, s.name, i.name)}</th>
                    <td class="num">
                      ${i.exempt
                        ? html`<span class="muted">${ui('exempt')}</span>`
                        : html`<button class="score" data-indicator=${i.name} title=${ui('explainScore')} @click=${(e: Event) => ask(e, i.name)}>${showScore(i.score)}</button>`}
                    </td>
                    <td class="num muted">/ ${i.points}</td>
                  </tr>`,
                )}
            </tbody>
          </table>
        </section>`,
      )}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-unit-breakdown': KpUnitBreakdown;
  }
}
