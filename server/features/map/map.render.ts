import fs from 'node:fs';
import { geoConicConformal, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { escapeHtml } from '../../lib/markdown';

/** A partner city as the map draws it. `practices` is undefined when the count is not known. */
export type MapCity = {
  slug: string;
  name: string;
  lat: number;
  lon: number;
  href: string;
  /** The text read out for the city's link, numbers included. */
  label: string;
  /** The short line printed beside the dot: the name and its count. */
  caption: string;
  practices: number | undefined;
  /** Final recommendations in the city's plans. */
  adopted: number;
  lead: boolean;
};

export type MapSize = 'full' | 'small';

type Country = Feature<Geometry, { name: string }>;

// Natural Earth at 1:50m for the map page, 1:110m for the small home-page map (a tenth of the bytes).
const SIZES = {
  full: { width: 800, height: 680, atlas: 'countries-50m.json', digits: 1, font: 15, minR: 5, maxR: 16 },
  small: { width: 480, height: 408, atlas: 'countries-110m.json', digits: 1, font: 15, minR: 6, maxR: 14 },
} as const;

// Europe from Cuenca to Daugavpils and Palermo to Vejle, with room around: lon −10…32, lat 35…62.
const EUROPE = {
  type: 'Feature',
  properties: {},
  geometry: { type: 'MultiPoint', coordinates: [[-10, 36], [32, 36], [-10, 61], [32, 61], [10, 35], [10, 62]] },
} as const satisfies Feature; // prettier-ignore

const atlases = new Map<string, Country[]>();

function countries(file: string): Country[] {
  let list = atlases.get(file);
  if (!list) {
    const topology = JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology<{
      countries: GeometryCollection<{ name: string }>;
    }>;
    list = (feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
    atlases.set(file, list);
  }
  return list;
}

function projectionFor(size: MapSize): GeoProjection {
  const s = SIZES[size];
  // Conformal conic with standard parallels across Europe: shapes stay true, the north is not stretched.
  return geoConicConformal()
    .rotate([-12, 0])
    .parallels([40, 60])
    .fitExtent([[8, 8], [s.width - 8, s.height - 8]], EUROPE)
    .clipExtent([[0, 0], [s.width, s.height]]);
}

const baseLayers = new Map<string, string>();

/** The countries, drawn once per size and partner set and kept: they never change. */
function baseLayer(size: MapSize, partnerCountries: ReadonlySet<string>): string {
  const key = `${size}:${[...partnerCountries].sort().join(',')}`;
  let layer = baseLayers.get(key);
  if (!layer) {
    const s = SIZES[size];
    const path = geoPath(projectionFor(size)).digits(s.digits);
    layer = countries(s.atlas)
      .map((country) => {
        const d = path(country);
        if (!d) return '';
        const partner = partnerCountries.has(country.properties.name);
        return `<path class="${partner ? 'map-country map-partner' : 'map-country'}" d="${d}"/>`;
      })
      .join('');
    baseLayers.set(key, layer);
  }
  return layer;
}

type Box = { x: number; y: number; w: number; h: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Where each caption goes: right of its dot unless that covers another caption or dot, then left,
 * below or above. Text widths are estimated (no font metrics on the server); the estimate is generous.
 */
function placeCaptions(points: { x: number; y: number; r: number; text: string }[], font: number, width: number) {
  const placed: Box[] = points.map((p) => ({ x: p.x - p.r, y: p.y - p.r, w: 2 * p.r, h: 2 * p.r }));
  return points.map((p) => {
    const w = p.text.length * font * 0.62;
    const h = font * 1.2;
    const gap = p.r + 4;
    const candidates = [
      { anchor: 'start', x: p.x + gap, y: p.y + font * 0.35, box: { x: p.x + gap, y: p.y - h / 2, w, h } },
      { anchor: 'end', x: p.x - gap, y: p.y + font * 0.35, box: { x: p.x - gap - w, y: p.y - h / 2, w, h } },
      { anchor: 'middle', x: p.x, y: p.y + gap + font, box: { x: p.x - w / 2, y: p.y + gap, w, h } },
      { anchor: 'middle', x: p.x, y: p.y - gap - 2, box: { x: p.x - w / 2, y: p.y - gap - h, w, h } },
    ];
    const fits = (c: (typeof candidates)[number]) =>
      c.box.x >= 0 && c.box.x + c.box.w <= width && !placed.some((b) => overlaps(b, c.box));
    const choice = candidates.find(fits) ?? candidates.find((c) => c.box.x >= 0 && c.box.x + c.box.w <= width) ?? candidates[0];
    placed.push(choice!.box);
    return choice!;
  });
}

/**
 * The partner cities on a map of Europe, as one SVG: countries from Natural Earth (world-atlas),
 * projected with d3-geo, no tiles and nothing fetched. Each city is a link whose dot grows with its
 * count and whose caption prints the count, so nothing depends on colour.
 */
export function renderMap(cities: readonly MapCity[], options: { size: MapSize; title: string; partnerCountries: ReadonlySet<string> }): string {
  const s = SIZES[options.size];
  const projection = projectionFor(options.size);
  const max = Math.max(1, ...cities.map((c) => c.practices ?? 0));
  const radius = (n: number | undefined) => s.minR + (s.maxR - s.minR) * Math.sqrt((n ?? 0) / max);
  const points = cities.map((city) => {
    const [x, y] = projection([city.lon, city.lat]) ?? [0, 0];
    return { city, x, y, r: radius(city.practices), text: city.caption };
  });
  const captions = placeCaptions(points, s.font, s.width);
  const marks = points
    .map((p, i) => {
      const c = captions[i]!;
      const round = (n: number) => Math.round(n * 10) / 10;
      return (
        `<a class="map-city${p.city.lead ? ' map-lead' : ''}" href="${escapeHtml(p.city.href)}" aria-label="${escapeHtml(p.city.label)}" data-city="${escapeHtml(p.city.slug)}"${p.city.practices === undefined ? '' : ` data-count="${p.city.practices}"`} data-adopted="${p.city.adopted}">` +
        `<circle cx="${round(p.x)}" cy="${round(p.y)}" r="${round(p.r)}"/>` +
        `<text x="${round(c.x)}" y="${round(c.y)}" text-anchor="${c.anchor}" font-size="${s.font}">${escapeHtml(p.text)}</text></a>`
      );
    })
    .join('');
  return (
    `<svg class="europe-map europe-map-${options.size}" viewBox="0 0 ${s.width} ${s.height}" width="${s.width}" height="${s.height}" role="group" aria-label="${escapeHtml(options.title)}">` +
    `<rect class="map-sea" width="${s.width}" height="${s.height}" aria-hidden="true"/>` +
    `<g aria-hidden="true">${baseLayer(options.size, options.partnerCountries)}</g>` +
    `<g class="map-cities">${marks}</g></svg>`
  );
}
