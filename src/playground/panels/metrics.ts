/**
 * The Metrics panel: CloudWatch-style charts of a load run (uPlot, loaded only when a load run
 * exists), with the same numbers as a table for screen readers and copying.
 */
import type { LoadView, MetricSeries } from '../../worker/protocol.ts';
import { h, replaceChildren } from '../dom.ts';
import type { Panel, PanelData } from './types.ts';

const TITLES: Record<MetricSeries['name'], string> = {
  Invocations: 'Invocations (count per second)',
  Errors: 'Errors (count per second)',
  Throttles: 'Throttles (count per second)',
  DurationP99: 'Duration p99 (ms)',
  ConcurrentExecutions: 'ConcurrentExecutions (maximum per second)',
};

/** Canvas cannot read CSS variables: resolve the theme's colours when drawing. */
function themeColours(): { line: string; text: string; grid: string } {
  const style = getComputedStyle(document.documentElement);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return { line: read('--sl-color-accent', '#3b82f6'), text: read('--sl-color-gray-2', '#555'), grid: read('--sl-color-gray-5', '#ddd') };
}

/** uPlot's stylesheet, injected once at run time: Astro would make a lazily imported stylesheet page-blocking. */
async function ensureChartStyles(): Promise<void> {
  if (document.getElementById('lt-uplot-css')) return;
  const { default: css } = await import('uplot/dist/uPlot.min.css?inline');
  if (document.getElementById('lt-uplot-css')) return;
  document.head.append(h('style', { id: 'lt-uplot-css' }, css));
}

async function drawCharts(target: HTMLElement, load: LoadView): Promise<void> {
  const [{ default: UPlot }] = await Promise.all([import('uplot'), ensureChartStyles()]);
  const colours = themeColours();
  replaceChildren(target);
  for (const series of load.series) {
    const figure = h('figure', { class: 'pg-chart' }, h('figcaption', {}, TITLES[series.name]));
    target.append(figure);
    const width = Math.max(240, Math.min(figure.clientWidth || 600, 720));
    const axis = { stroke: colours.text, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
    new UPlot(
      {
        width,
        height: 150,
        // Counts start at zero so a flat line of zeros reads as zero, not as the middle of the chart.
        scales: { x: { time: false }, y: { range: (_u: unknown, _min: number, max: number) => [0, Math.max(1, max * 1.1)] } },
        axes: [{ ...axis, label: 'virtual second' }, axis],
        series: [{}, { label: series.name, stroke: colours.line, width: 2, spanGaps: false }],
        legend: { show: false },
        cursor: { show: true },
      },
      [load.seconds, series.values],
      figure,
    );
  }
}

function table(load: LoadView): HTMLElement {
  return h(
    'div',
    { class: 'pg-scroll', tabindex: 0, role: 'group', 'aria-label': 'Metrics per second (scrolls sideways)' },
    h(
      'table',
      { class: 'pg-compare' },
      h('caption', {}, 'Metrics per virtual second'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Second'), ...load.series.map((s) => h('th', { scope: 'col' }, s.name === 'DurationP99' ? 'Duration p99 (ms)' : s.name)))),
      h('tbody', {}, ...load.seconds.map((sec, i) => h('tr', {}, h('th', { scope: 'row' }, String(sec)), ...load.series.map((s) => h('td', {}, s.values[i] == null ? '—' : String(Math.round((s.values[i] ?? 0) * 100) / 100)))))),
    ),
  );
}

/** Mount the Metrics panel on `host`; `available` says whether this build can run load tests. */
export function createMetricsPanel(host: HTMLElement, available: boolean): Panel {
  const body = h(
    'div',
    { class: 'pg-panel-body' },
    h(
      'p',
      { class: 'pg-muted' },
      available
        ? 'Start a load run (Concurrency tab) to chart Invocations, Errors, Throttles, Duration p99 and ConcurrentExecutions per virtual second.'
        : 'Metrics come from load runs, which need the load simulator (Engine III). It is not in this build yet, so there is nothing to chart.',
    ),
  );
  host.append(body);
  let shown: LoadView | null = null;
  return {
    update(data: PanelData) {
      const load = data.load;
      if (!load || load === shown) return;
      shown = load;
      const totals = h('p', { class: 'pg-load-totals' }, `${load.totals.requests} requests: ${load.totals.invocations} invocations, ${load.totals.errors} errors, ${load.totals.throttles} throttles over ${load.seconds.length} virtual ${load.seconds.length === 1 ? 'second' : 'seconds'}; ConcurrentExecutions peaked at ${load.totals.maxConcurrentExecutions}.`);
      const charts = h('div', { class: 'pg-charts' });
      replaceChildren(body, totals, charts, h('details', { class: 'pg-details' }, h('summary', {}, 'Metrics as a table'), table(load)));
      void drawCharts(charts, load).catch(() => replaceChildren(charts, h('p', {}, 'The chart library could not load; the table below has every number.')));
    },
    unmount() {
      body.remove();
    },
  };
}
