import { renderMap, type MapCity } from '../../server/features/map/map.render';
import { NETWORK_CITIES } from '../../server/features/network/network.data';

const cities: MapCity[] = NETWORK_CITIES.map((c, i) => ({
  slug: c.slug,
  name: c.name,
  lat: c.lat,
  lon: c.lon,
  lead: c.lead,
  href: `/search?city=${c.slug}`,
  label: `${c.name}: ${i}`,
  caption: `${c.name} (${i} · ${i % 3})`,
  practices: i,
  adopted: i % 3,
}));

function positions(svg: string): Record<string, { x: number; y: number; r: number }> {
  return Object.fromEntries(
    [...svg.matchAll(/data-city="([^"]+)"[^>]*><circle cx="([\d.]+)" cy="([\d.]+)" r="([\d.]+)"/g)].map((m) => [
      m[1],
      { x: Number(m[2]), y: Number(m[3]), r: Number(m[4]) },
    ]),
  );
}

describe('the map of Europe', () => {
  const svg = renderMap(cities, { size: 'full', title: 'Map', partnerCountries: new Set(['Latvia', 'Spain']) });
  const at = positions(svg);

  it('when the cities are projected, then each lies inside the picture where geography puts it', () => {
    expect(Object.keys(at)).toHaveLength(8);
    for (const p of Object.values(at)) {
      expect(p.x).toBeGreaterThan(0);
      expect(p.x).toBeLessThan(800);
      expect(p.y).toBeGreaterThan(0);
      expect(p.y).toBeLessThan(680);
    }
    const xs = Object.entries(at).sort((a, b) => a[1].x - b[1].x).map(([slug]) => slug);
    expect(xs[0]).toBe('cuenca');
    expect(xs.at(-1)).toBe('daugavpils');
    const ys = Object.entries(at).sort((a, b) => a[1].y - b[1].y).map(([slug]) => slug);
    expect(ys.at(-1)).toBe('palermo');
    expect(ys.slice(0, 3).sort()).toEqual(['daugavpils', 'kaunas', 'vejle']);
  });

  it('when counts differ, then a larger count gets a larger dot', () => {
    expect(at.cuenca!.r).toBeGreaterThan(at.vejle!.r);
    expect(at.vejle!.r).toBeGreaterThan(at.daugavpils!.r);
  });

  it('when a name carries markup, then it is written as text', () => {
    const hostile = renderMap([{ ...cities[0]!, name: '<b>x</b>', caption: '<script>x</script>', label: '" onmouseover="x', href: '/search?city="x"' }], {
      size: 'small',
      title: '<i>t</i>',
      partnerCountries: new Set(),
    });
    expect(hostile).not.toContain('<script');
    expect(hostile).not.toContain('<i>');
    expect(hostile).toContain('aria-label="&quot; onmouseover=&quot;x"');
  });

  it('when partner countries are named, then exactly those are tinted', () => {
    expect((svg.match(/map-country map-partner/g) ?? []).length).toBe(2);
  });
});
