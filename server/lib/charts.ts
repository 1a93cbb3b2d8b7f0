import type { TopLevelSpec } from 'vega-lite';
import { escapeHtml } from './markdown';

type ChartModules = { vega: typeof import('vega'); vegaLite: typeof import('vega-lite') };

let modules: Promise<ChartModules> | undefined;

// vega's Node entry awaits an optional `canvas` package at its top level, so it can only be loaded
// with import(), never require(); loaded once, on the first chart.
const load = (): Promise<ChartModules> =>
  (modules ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({ vega, vegaLite })));

/**
 * The site's look (public/css/app.css): its ink and lines, no background of the chart's own. The font
 * is only named generically here: the stylesheet gives chart text the page's font. No ARIA on the marks:
 * the chart is one image (role="img") whose numbers are in a table beside it.
 */
export const CHART_CONFIG = {
  background: null,
  aria: false,
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelColor: '#1c2430', titleColor: '#1c2430', domainColor: '#8a94a3', tickColor: '#8a94a3', gridColor: '#d9dee5', labelFontSize: 12, titleFontSize: 12 },
  text: { color: '#1c2430', fontSize: 12 },
} as const; // prettier-ignore

const CACHE_SIZE = 64;
const cache = new Map<string, string>();

/**
 * A vega-lite chart as an SVG string, drawn on the server: no chart code reaches the browser. The root
 * element becomes one image with the given label (the numbers are in a table beside every chart);
 * vega escapes every text it writes. Equal specs are drawn once (a small LRU).
 */
export async function renderChart(spec: TopLevelSpec, options: { label: string }): Promise<string> {
  const key = JSON.stringify(spec) + options.label;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const { vega, vegaLite } = await load();
  const view = new vega.View(vega.parse(vegaLite.compile({ config: CHART_CONFIG, ...spec } as TopLevelSpec).spec), {
    renderer: 'none',
  });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  // Vega still marks some groups as graphics symbols; inside one image they would only be unnamed parts.
  const labelled = svg.replace(/ (?:role|aria-roledescription|aria-label)="[^"]*"/g, '').replace(
    /^<svg /,
    `<svg role="img" aria-label="${escapeHtml(options.label)}" focusable="false" class="chart-svg" `,
  );
  cache.set(key, labelled);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return labelled;
}
