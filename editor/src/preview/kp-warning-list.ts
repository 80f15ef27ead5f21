// The 预警 tab: the policy's warnings raised on the preview data, by unit and level, each with its message and the
// values it was raised on; the period checked is named, and why nothing was checked when nothing could be.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import type { PreviewWarnings } from '../language/protocol.js';
import { ui } from '../app/ui-text.js';

@customElement('kp-warning-list')
export class KpWarningList extends LightElement {
  @property({ attribute: false }) warnings: PreviewWarnings | null = null;

  override render() {
    const w = this.warnings;
    if (!w) return html`<p class="muted" role="status">${ui('noWarningsDeclared')}</p>`;
    const count = (level: string) => w.rows.filter((r) => r.level === level).length;
    return html`
      <p class="warning-summary" role="status">
        ${w.period === null
          ? ui('warningsNotCheckedShort')
          : ui('warningsSummary', { period: w.period, checked: w.checked.length, severe: count('severe'), warning: count('warning'), notice: count('notice') })}
      </p>
      ${w.note ? html`<p class="muted">${w.note}</p>` : ''}
      ${w.rows.length
        ? html`<table class="warnings">
            <thead><tr><th>${ui('unitColumn')}</th><th>${ui('warningLevel')}</th><th>${ui('warningName')}</th><th>${ui('warningMessage')}</th></tr></thead>
            <tbody>
              ${w.rows.map(
                (r) => html`<tr class="level-${r.level}">
                  <td title=${r.name}>${r.unit}</td>
                  <td><span class="badge ${r.level === 'notice' ? '' : 'bad'}">${r.levelText}</span></td>
                  <td>${r.warning}</td>
                  <td title=${ui('warningGrounds', { grounds: r.grounds })}>${r.message}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
        : ''}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-warning-list': KpWarningList;
  }
}
