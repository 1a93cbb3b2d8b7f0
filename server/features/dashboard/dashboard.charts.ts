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

/** A horizontal bar per category, its number at the end of the bar. */
export function barsSpec(rows: { label: string; count: number }[], options: { width?: number } = {}): TopLevelSpec {
  return {
    width: options.width ?? 360,
    height: { step: 30 },
    data: { values: rows },
    encoding: {
      y: { field: 'label', type: 'nominal', sort: rows.map((r) => r.label), axis: { title: null, labelLimit: 0, ticks: false } },
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

/** A name cut into lines of at most `width` characters, at most `max` lines (the last one ends in "…" if cut). */
export function wrapLines(text: string, width: number, max = 2): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  if (lines.length <= max) return lines.map((l) => (l.length > width ? `${l.slice(0, width - 1)}…` : l));
  const kept = lines.slice(0, max);
  const last = kept[max - 1]!;
  kept[max - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

/**
 * A bar per item with its name written above the bar (on up to two lines) and its number at the end:
 * long names (recommendation titles) keep the chart narrow enough for a phone. The full name is in the
 * table beside; a name longer than two lines ends in an ellipsis.
 */
export function titledBarsSpec(rows: { label: string; count: number }[], width = 300): TopLevelSpec {
  const count = { field: 'count', type: 'quantitative', axis: null, scale: { domainMin: 0 } } as const;
  // Vega estimates text widths generously without font metrics: about 38 characters fill 300 px at 13 px.
  const perLine = Math.floor(width / 7.8);
  const values = rows.map((r, i) => ({ key: String(i), lines: wrapLines(r.label, perLine), count: r.count }));
  return {
    width,
    height: { step: 62 },
    data: { values },
    encoding: { y: { field: 'key', type: 'nominal', sort: values.map((v) => v.key), axis: null } },
    layer: [
      { mark: { type: 'bar', color: ACCENT, height: 14, yOffset: 14 }, encoding: { x: count } },
      {
        mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, yOffset: 14, fontSize: 12, fontWeight: 'bold', color: INK },
        encoding: { x: count, text: { field: 'count', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', yOffset: -27, fontSize: 13, lineHeight: 16, color: INK },
        encoding: { x: { datum: 0, type: 'quantitative' }, text: { field: 'lines' } },
      },
    ],
  };
}
