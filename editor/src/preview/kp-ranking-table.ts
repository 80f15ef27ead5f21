// The ranking of one entity kind: rank, unit, total, section scores, tier. Sortable by any column, filterable
// by name and tier; every score is a button that asks for its explanation. Unit names are shortened (the full
// name is the button's title and accessible name) and section headings wrap, so the table fits its column. A tier
// a veto or gate decided says so (否决 / 受限, the rule in the title).
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { LightElement } from '../app/light-element.js';
import type { UnitImpact } from '../../../review/diff-impact.js';
import type { PreviewKind, PreviewUnit, WhatIf } from '../language/protocol.js';
import { UI_LANG, ui } from '../app/ui-text.js';
import { tierReasonText } from '../../../messages/results-words.js';
import { shortNames, showScore } from './format-score.js';

type SortKey = { column: 'rank' | 'name' | 'total' | 'tier' } | { column: 'section'; section: string };

export interface ScoreClick {
  unit: string;
  indicator: string | null;
}

@customElement('kp-ranking-table')
export class KpRankingTable extends LightElement {
  @property({ attribute: false }) kind: PreviewKind | null = null;
  @property() selectedUnit = '';
  /** Against the saved version, while there are unsaved edits: the units that move are marked. */
  @property({ attribute: false }) whatIf: WhatIf | null = null;
  @state() private changedOnly = false;
  @state() private sort: SortKey = { column: 'rank' };
  @state() private descending = false;
  @state() private filterText = '';
  @state() private filterTier = '';

  private sortBy(key: SortKey): void {
    const same = JSON.stringify(key) === JSON.stringify(this.sort);
    this.descending = same ? !this.descending : key.column === 'total' || key.column === 'section';
    this.sort = key;
  }

  private rows(kind: PreviewKind): PreviewUnit[] {
    const text = this.filterText.trim();
    const moved = this.movedUnits(kind);
    const rows = kind.units.filter(
      (u) => (!text || u.name.includes(text) || u.id.includes(text)) && (!this.filterTier || u.tier === this.filterTier)
        && (!this.changedOnly || moved.has(u.id)),
    );
    const key = this.sort;
    const value = (u: PreviewUnit): number | string | null =>
      key.column === 'rank' ? u.rank
        : key.column === 'name' ? u.name
          : key.column === 'total' ? u.total
            : key.column === 'tier' ? (u.tier === null ? null : kind.tiers.indexOf(u.tier))
              : key.column === 'section' ? (u.sections[key.section] ?? null) : null;
    const sign = this.descending ? -1 : 1;
    return rows.sort((a, b) => {
      const va = value(a);
      const vb = value(b);
      if (va === vb) return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
      if (va === null) return 1; // units without a value last, whatever the direction
      if (vb === null) return -1;
      if (typeof va === 'string' || typeof vb === 'string') return sign * String(va).localeCompare(String(vb), 'zh-CN');
      return sign * (va - vb);
    });
  }

  /** This kind's units that the unsaved edits move, by id. */
  private movedUnits(kind: PreviewKind): Map<string, UnitImpact> {
    return new Map((this.whatIf?.changed ?? []).filter((u) => u.kind === kind.name).map((u) => [u.id, u]));
  }

  /** The summary above the table: how many units change score, rank and tier against the saved version. */
  private renderWhatIf(kind: PreviewKind, moved: Map<string, UnitImpact>) {
    const whatIf = this.whatIf;
    if (!whatIf) return '';
    if (whatIf.error) {
      const reason = 'savedBroken' in whatIf.error ? ui('whatIfSavedBroken') : whatIf.error.data;
      return html`<p class="what-if muted" role="status">${ui('whatIfUnavailable', { reason })}</p>`;
    }
    const units = [...moved.values()];
    if (!units.length) return html`<p class="what-if muted" role="status">${ui('whatIfNone')}</p>`;
    const changed = units.filter((u) => u.change !== null && u.change !== 0).length;
    const ranks = units.filter((u) => u.before?.rank !== u.after?.rank).length;
    const tiers = kind.tiers.length ? units.filter((u) => u.before?.tier !== u.after?.tier).length : 0;
    return html`<p class="what-if" role="status">${ui('whatIfSummary', { changed, ranks, tiers })}
      <label><input type="checkbox" .checked=${this.changedOnly} @change=${(e: Event) => (this.changedOnly = (e.target as HTMLInputElement).checked)} /> ${ui('changedOnly')}</label>
    </p>`;
  }

  /** ↑0.5 / ↓1.25 beside a total that moved, titled with what moved. */
  private renderMove(u: UnitImpact | undefined) {
    if (!u || u.change === null || u.change === 0) return '';
    const amount = String(Math.abs(u.change));
    return html` <span class="move ${u.change > 0 ? 'up' : 'down'}" title=${ui(u.change > 0 ? 'scoreUp' : 'scoreDown', { amount })}>${u.change > 0 ? '↑' : '↓'}${amount}</span>`;
  }

  /** 否决 / 受限 beside a tier a veto or gate decided, the rules as written in its title (as the results files say them). */
  private renderHeld(u: PreviewUnit) {
    if (!u.tierReasons.length) return '';
    const veto = u.tierReasons.some((r) => r.rule === 'veto');
    return html` <span class="tier-reason ${veto ? 'veto' : 'gate'}" title=${tierReasonText(u.tierReasons, UI_LANG)}>${ui('tierHeld', { veto })}</span>`;
  }

  private header(label: string, key: SortKey) {
    const active = JSON.stringify(key) === JSON.stringify(this.sort);
    return html`<th scope="col" aria-sort=${active ? (this.descending ? 'descending' : 'ascending') : 'none'}>
      <button class="sort" @click=${() => this.sortBy(key)}>${label}${active ? (this.descending ? ' ▼' : ' ▲') : ''}</button>
    </th>`;
  }

  /** Sent from the clicked button, so the explanation can give it the focus back when it closes. */
  private scoreClicked(event: Event, unit: string, indicator: string | null): void {
    event.currentTarget!.dispatchEvent(new CustomEvent<ScoreClick>('score-click', { detail: { unit, indicator }, bubbles: true }));
  }

  override render() {
    const kind = this.kind;
    if (!kind) return html``;
    const rows = this.rows(kind);
    const moved = this.movedUnits(kind);
    // Names without what they all share (`国家税务总局…税务局`), so the tier column fits beside the sections.
    const shortName = new Map(shortNames(kind.units.map((u) => u.name)).map((name, i) => [kind.units[i]!.id, name]));
    return html`
      <div class="table-filters">
        <label>${ui('filterUnits')} <input type="search" .value=${this.filterText} @input=${(e: InputEvent) => (this.filterText = (e.target as HTMLInputElement).value)} placeholder=${ui('filterPlaceholder')} /></label>
        ${kind.tiers.length
          ? html`<label>${ui('tierColumn')}
              <select @change=${(e: Event) => (this.filterTier = (e.target as HTMLSelectElement).value)}>
                <option value="">${ui('allTiers')}</option>
                ${kind.tiers.map((t) => html`<option value=${t} ?selected=${t === this.filterTier}>${t}</option>`)}
              </select>
            </label>`
          : ''}
        <span class="muted">${ui('unitsShown', { shown: rows.length, all: kind.units.length })}</span>
      </div>
      ${this.renderWhatIf(kind, moved)}
      <div class="table-scroll">
        <table class="ranking" aria-label=${ui('rankingOf', { kind: kind.label ?? kind.name })}>
          <thead>
            <tr>
              ${this.header(ui('rankColumn'), { column: 'rank' })} ${this.header(ui('unitColumn'), { column: 'name' })} ${this.header(ui('totalColumn'), { column: 'total' })}
              ${kind.sections.map((s) => this.header(s.name, { column: 'section', section: s.name }))}
              ${kind.tiers.length ? this.header(ui('tierColumn'), { column: 'tier' }) : ''}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (u) => {
                const m = moved.get(u.id);
                const rankMoved = m && m.before?.rank !== m.after?.rank;
                const tierMoved = m && m.before?.tier !== m.after?.tier;
                return html`<tr class="${u.id === this.selectedUnit ? 'selected' : ''} ${m ? 'moved' : ''} ${tierMoved ? 'tier-moved' : ''}" data-unit=${u.id}>
                <td class="num" title=${rankMoved ? ui('rankMoved', { before: m.before?.rank ?? null, after: m.after?.rank ?? null }) : nothing}>${u.rank ?? '—'}${rankMoved && m.before?.rank != null && u.rank !== null
                  ? html`<span class="move ${m.before.rank > u.rank ? 'up' : 'down'}">${m.before.rank > u.rank ? '↑' : '↓'}${Math.abs(m.before.rank - u.rank)}</span>` : ''}</td>
                <th scope="row">
                  <button class="link" title=${u.name} aria-label=${u.name} @click=${() => this.dispatchEvent(new CustomEvent('unit-select', { detail: u.id, bubbles: true }))}>${shortName.get(u.id)}</button>
                </th>
                <td class="num"><button class="score total" title=${ui('explainScore')} @click=${(e: Event) => this.scoreClicked(e, u.id, null)}>${showScore(u.total)}</button>${this.renderMove(m)}</td>
                ${kind.sections.map((s) => html`<td class="num">${showScore(u.sections[s.name])}</td>`)}
                ${kind.tiers.length
                  ? html`<td class="tier" title=${tierMoved ? ui('tierMoved', { before: m.before?.tier ?? null, after: m.after?.tier ?? null }) : nothing}>${tierMoved
                    ? html`<span class="tier-change"><s>${m.before?.tier ?? '—'}</s>→<br />${u.tier ?? '—'}</span>` : (u.tier ?? '—')}${this.renderHeld(u)}</td>`
                  : ''}
              </tr>`;
              },
            )}
          </tbody>
        </table>
      </div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-ranking-table': KpRankingTable;
  }
}
