import type { TopLevelSpec } from 'vega-lite';
import type { ThemeCityGrid, YearCount } from './dashboard.service';

// One accent for every bar: the categories are named on the axis and every bar carries its number,
// so no colour has to be told apart. The heat map's shade repeats the number written in each cell.
const ACCENT = '#0b5cad';
const INK = '#1c2430';
const MUTED = '#5b6675';

/** Practices by theme × city: shaded cells, each with its count written in it. */
export function heatMapSpec(grid: ThemeCityGrid): TopLevelSpec {
  const values = grid.themes.flatMap((row) =>
    grid.cities.map((city, i) => ({ theme: row.label, city: city.name, count: row.counts[i] ?? 0 })),
  );
  // Dark cells get white numbers; the threshold keeps the contrast above 4.5:1 on the "blues" scheme.
  const dark = Math.max(1, grid.max * 0.55);
  return {
    width: { step: 58 },
    height: { step: 26 },
    data: { values },
    encoding: {
      x: {
        field: 'city',
        type: 'nominal',
        sort: grid.cities.map((c) => c.name),
        axis: { orient: 'top', title: null, labelAngle: -35, labelAlign: 'left', labelFontSize: 13, domain: false, ticks: false },
      },
      y: {
        field: 'theme',
        type: 'nominal',
        sort: grid.themes.map((t) => t.label),
        // No limit: vega estimates text widths generously without font metrics and would cut long themes.
        axis: { title: null, labelLimit: 0, labelFontSize: 13, domain: false, ticks: false },
      },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 2 },
        encoding: {
          // Empty cells stay blank, so the shaded ones stand out; their 0 is still written in them.
          color: {
            condition: { test: 'datum.count === 0', value: '#f3f4f6' },
            field: 'count',
            type: 'quantitative',
            scale: { scheme: 'blues', domain: [0, Math.max(1, grid.max)] },
            legend: null,
          },
        },
      },
      {
        mark: { type: 'text', fontSize: 12, fontWeight: 'bold' },
        encoding: {
          text: { field: 'count', type: 'quantitative' },
          color: {
            condition: [
              { test: `datum.count >= ${dark}`, value: '#ffffff' },
              { test: 'datum.count === 0', value: MUTED },
            ],
            value: INK,
          },
        },
      },
    ],
  };
}

/**
 * A horizontal bar per category, its number at the end of the bar. Labels are names (unique per chart);
 * with `labelLimit` (pixels) long ones are cut with an ellipsis, the full name being in the table beside.
 */
export function barsSpec(rows: { label: string; count: number }[], options: { width?: number; labelLimit?: number } = {}): TopLevelSpec {
  return {
    width: options.width ?? 360,
    height: { step: 30 },
    data: { values: rows },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: rows.map((r) => r.label), axis: { title: null, labelLimit: options.labelLimit ?? 0, ticks: false } },
      x: { field: 'count', type: 'quantitative', axis: null, scale: { domainMin: 0 } },
    },
    layer: [
      { mark: { type: 'bar', color: ACCENT, height: 20 } },
      {
        mark: { type: 'text', align: 'left', dx: 5, fontSize: 12, fontWeight: 'bold', color: INK },
        encoding: { text: { field: 'count', type: 'quantitative' } },
      },
    ],
  };
}

/** Practices by the year they started: a column per year, empty years included, the count above each. */
export function yearsSpec(years: YearCount[]): TopLevelSpec {
  return {
    width: { step: Math.max(18, Math.min(40, Math.floor(640 / Math.max(1, years.length)))) },
    height: 180,
    data: { values: years.map((y) => ({ year: String(y.year), count: y.count })) },
    encoding: {
      x: {
        field: 'year',
        type: 'ordinal',
        sort: null,
        axis: { title: null, labelAngle: years.length > 14 ? -60 : 0, labelColor: MUTED },
      },
      y: { field: 'count', type: 'quantitative', axis: { title: null, tickMinStep: 1, format: 'd' } },
    },
    layer: [
      { mark: { type: 'bar', color: ACCENT } },
      {
        transform: [{ filter: 'datum.count > 0' }],
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 11, fontWeight: 'bold', color: INK },
        encoding: { text: { field: 'count', type: 'quantitative' } },
      },
    ],
  };
}

/** Chart labels must be unique (a nominal axis merges equal ones): a repeated title gets its position added. */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}
