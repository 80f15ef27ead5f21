// The 预警 tab: the policy's warnings raised on the preview data, by unit and level, each with its message and the
// values it was raised on; the period checked is named, and why nothing was checked when nothing could be.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import type { PreviewWarnings } from '../language/protocol.js';

@customElement('kp-warning-list')
export class KpWarningList extends LightElement {
  @property({ attribute: false }) warnings: PreviewWarnings | null = null;

  override render() {
    const w = this.warnings;
    if (!w) return html`<p class="muted" role="status">此体系没有声明预警（预警 … 级别 … { 当 … 消息 "…" }）。</p>`;
    const count = (level: string) => w.rows.filter((r) => r.level === level).length;
    return html`
      <p class="warning-summary" role="status">
        ${w.period === null
          ? '没有检查预警'
          : html`${w.period}：检查 ${w.checked.length} 条预警，严重 ${count('severe')}，预警 ${count('warning')}，提示 ${count('notice')}`}
      </p>
      ${w.note ? html`<p class="muted">${w.note}</p>` : ''}
      ${w.rows.length
        ? html`<table class="warnings">
            <thead><tr><th>单位</th><th>级别</th><th>预警</th><th>消息</th></tr></thead>
            <tbody>
              ${w.rows.map(
                (r) => html`<tr class="level-${r.level}">
                  <td title=${r.name}>${r.unit}</td>
                  <td><span class="badge ${r.level === 'notice' ? '' : 'bad'}">${r.levelText}</span></td>
                  <td>${r.warning}</td>
                  <td title=${`依据：${r.grounds}`}>${r.message}</td>
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
