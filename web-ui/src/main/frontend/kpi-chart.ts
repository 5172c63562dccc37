// A line chart of one figure over a period, beside the period before (dashed), drawn by Chart.js.
// The server sets `series` ({labels, current, previous, currentLabel, previousLabel}); a null value
// is a slice without anything to measure (a median of no conversations) and leaves a gap.
import { CategoryScale, Chart, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from 'chart.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend);

type Series = {
  labels: string[];
  current: (number | null)[];
  previous: (number | null)[];
  currentLabel: string;
  previousLabel: string;
};

class KpiChart extends HTMLElement {
  chart?: Chart;
  private data?: Series;
  private readonly canvas = document.createElement('canvas');

  connectedCallback(): void {
    if (!this.canvas.isConnected) {
      this.style.display = 'block';
      this.style.position = 'relative';
      this.appendChild(this.canvas);
    }
    this.render();
  }

  disconnectedCallback(): void {
    this.chart?.destroy();
    this.chart = undefined;
  }

  set series(series: Series) {
    this.data = series;
    this.render();
  }

  get series(): Series | undefined {
    return this.data;
  }

  /** A theme colour as the canvas takes it: the browser resolves the custom property on a probe. */
  private color(value: string): string {
    const probe = document.createElement('span');
    probe.style.color = value;
    this.appendChild(probe);
    const resolved = getComputedStyle(probe).color;
    probe.remove();
    return resolved;
  }

  private render(): void {
    if (!this.data || !this.isConnected) {
      return;
    }
    const primary = this.color('var(--lumo-primary-color, #1676f3)');
    const secondary = this.color('var(--lumo-contrast-50pct, #888)');
    const counts = [...this.data.current, ...this.data.previous].every((v) => v === null || Number.isInteger(v));
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', this.data.currentLabel);
    const datasets = [
      { label: this.data.currentLabel, data: this.data.current, borderColor: primary, backgroundColor: primary, tension: 0 },
      { label: this.data.previousLabel, data: this.data.previous, borderColor: secondary, backgroundColor: secondary,
        borderDash: [6, 4], tension: 0 },
    ];
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, {
      type: 'line',
      data: { labels: this.data.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: true, ticks: { precision: counts ? 0 : undefined } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }
}

customElements.define('kpi-chart', KpiChart);
