// Two charts of one kind's results: the distribution of totals in rank order with the tier boundaries drawn
// between tiers, and each section's average score rate per tier beside the selected unit's.
import { html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { LightElement } from '../app/light-element.js';
import { ui } from '../app/ui-text.js';
import type { PreviewKind, PreviewUnit } from '../language/protocol.js';
import { shortNames } from './format-score.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

const TIER_COLOURS = ['#2e7d32', '#1565c0', '#ef6c00', '#c62828', '#6a1b9a', '#546e7a'];
const NO_TIER = '#9e9e9e';

/**
 * Draws the tier boundaries where the quotas cut the ranking: after as many units as the tiers above hold.
 * A unit that a gate or veto moved shows as a bar of another colour on the wrong side of its line.
 */
const tierBoundaries: Plugin<'bar'> = {
  id: 'kaopingTierBoundaries',
  afterDatasetsDraw(chart) {
    const options = (chart.options.plugins as { kaopingTierBoundaries?: { cuts: { after: number; tier: string }[] } }).kaopingTierBoundaries;
    const meta = chart.getDatasetMeta(0);
    if (!options || !meta.data.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.strokeStyle = '#37474f';
    ctx.setLineDash([4, 3]);
    ctx.fillStyle = '#37474f';
    ctx.font = '12px sans-serif';
    for (const cut of options.cuts) {
      const left = meta.data[cut.after - 1];
      const right = meta.data[cut.after];
      if (!left || !right) continue;
      const x = (left.x + right.x) / 2;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.fillText(cut.tier, x + 3, chartArea.top + 12);
    }
    ctx.restore();
  },
};

@customElement('kp-score-charts')
export class KpScoreCharts extends LightElement {
  @property({ attribute: false }) kind: PreviewKind | null = null;
  @property() unit = '';
  private charts: Chart[] = [];

  override render() {
    return html`
      <figure class="chart">
        <figcaption>${ui('chartDistribution')}</figcaption>
        <div class="chart-box"><canvas data-chart="distribution" role="img" aria-label=${ui('chartDistributionLabel')}></canvas></div>
      </figure>
      <figure class="chart">
        <figcaption>${ui('chartSections')}</figcaption>
        <div class="chart-box"><canvas data-chart="sections" role="img" aria-label=${ui('chartSectionsLabel')}></canvas></div>
      </figure>
    `;
  }

  protected override updated(): void {
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
    const kind = this.kind;
    if (!kind) return;
    const ranked = kind.units.filter((u) => u.total !== null).sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity));
    const colourOf = (tier: string | null) => (tier === null ? NO_TIER : TIER_COLOURS[kind.tiers.indexOf(tier) % TIER_COLOURS.length]!);
    const distribution: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: shortNames(ranked.map((u) => u.name)),
        datasets: [{ label: ui('chartTotal'), data: ranked.map((u) => u.total!), backgroundColor: ranked.map((u) => colourOf(u.tier)) }],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false }, kaopingTierBoundaries: { cuts: tierCuts(kind, ranked) } } as never,
        scales: { x: { ticks: { autoSkip: true, maxRotation: 60 } } },
      },
      plugins: [tierBoundaries],
    };
    const groups: { label: string; units: PreviewUnit[]; colour: string }[] = kind.tiers.map((t) => ({
      label: ui('chartTierMean', { tier: t }),
      units: kind.units.filter((u) => u.tier === t),
      colour: colourOf(t),
    }));
    if (!groups.length) groups.push({ label: ui('chartAllMean'), units: kind.units, colour: NO_TIER });
    const selected = kind.units.find((u) => u.id === this.unit);
    if (selected) groups.push({ label: selected.name, units: [selected], colour: '#263238' });
    const rate = (units: PreviewUnit[], section: string, points: number): number | null => {
      const scores = units.map((u) => u.sections[section]).filter((v): v is number => typeof v === 'number');
      return scores.length && points > 0 ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length / points) * 1000) / 10 : null;
    };
    const sections: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: kind.sections.map((s) => s.name),
        datasets: groups.map((g) => ({ label: g.label, backgroundColor: g.colour, data: kind.sections.map((s) => rate(g.units, s.name, s.points)) })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: ui('chartRate') } } },
      },
    };
    for (const [name, config] of [['distribution', distribution], ['sections', sections]] as const) {
      const canvas = this.querySelector<HTMLCanvasElement>(`canvas[data-chart="${name}"]`);
      if (canvas) this.charts.push(new Chart(canvas, config as ChartConfiguration));
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const chart of this.charts) chart.destroy();
    this.charts = [];
  }
}

/** After how many ranked units each tier after the first begins, by the number of units each tier holds. */
function tierCuts(kind: PreviewKind, ranked: PreviewUnit[]): { after: number; tier: string }[] {
  const cuts: { after: number; tier: string }[] = [];
  let after = 0;
  for (const [i, tier] of kind.tiers.entries()) {
    if (i > 0 && after > 0 && after < ranked.length) cuts.push({ after, tier });
    after += ranked.filter((u) => u.tier === tier).length;
  }
  return cuts;
}

declare global {
  interface HTMLElementTagNameMap {
    'kp-score-charts': KpScoreCharts;
  }
}
