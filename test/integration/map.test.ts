import request from 'supertest';
import createApp from '../../server/app';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { SearchEngine } from '../../server/lib/search';
import { listedPractices, overviewFixture } from '../support/overview-fixtures';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

const CITIES = ['daugavpils', 'kaunas', 'lodz', 'magdeburg', 'oradea', 'palermo', 'vejle', 'cuenca'];

beforeAll(async () => {
  ctx = await createTestContext();
  await overviewFixture(ctx);
});

afterAll(async () => {
  await ctx.close();
});

/** The city links drawn on a map: slug → href, count and caption. */
function mapCities(html: string) {
  return [...html.matchAll(/<a class="map-city[^"]*" href="([^"]+)" aria-label="([^"]+)" data-city="([^"]+)"(?: data-count="(\d+)")? data-adopted="(\d+)">[\s\S]*?<text[^>]*>([^<]*)<\/text><\/a>/g)].map(
    (m) => ({ href: m[1], label: m[2], slug: m[3], count: m[4] === undefined ? undefined : Number(m[4]), adopted: Number(m[5]), caption: m[6] }),
  );
}

describe('the map of partner cities', () => {
  it('when a visitor opens /map, then the eight cities are drawn, each linking to its search with its count of published practices', async () => {
    const res = await request(ctx.app).get('/map').set('Accept-Language', 'en').expect(200);
    const listed = await listedPractices(ctx);
    const cities = mapCities(res.text);

    expect(cities.map((c) => c.slug)).toEqual(CITIES);
    for (const city of cities) {
      const expected = listed.filter((p) => p.city === city.slug).length;
      expect({ slug: city.slug, count: city.count }).toEqual({ slug: city.slug, count: expected });
      expect(city.href).toBe(`/search?city=${city.slug}`);
      expect(city.caption).toMatch(new RegExp(`\\(${expected} · 0\\)$`));
    }
    expect(cities.find((c) => c.slug === 'daugavpils')).toMatchObject({
      count: 3,
      adopted: 0,
      caption: 'Daugavpils (3 · 0)',
      label: 'Daugavpils: published practices 3, recommendations in its plans 0',
    });
    expect(cities.find((c) => c.slug === 'vejle')).toMatchObject({ count: 0 });
    expect(cities.find((c) => c.slug === 'lodz')?.caption).toBe('Łódź (1 · 0)');
  });

  it('when the map is drawn, then it is inline SVG with the countries and a table of the same numbers beside it', async () => {
    const res = await request(ctx.app).get('/map').expect(200);
    expect(res.text).toMatch(/<svg class="europe-map europe-map-full" viewBox="0 0 800 680"/);
    expect((res.text.match(/class="map-country map-partner"/g) ?? []).length).toBe(8);
    expect((res.text.match(/class="map-country/g) ?? []).length).toBeGreaterThan(30);
    const rows = [...res.text.matchAll(/<tr data-city="([^"]+)">[\s\S]*?<td class="num" data-col="practices">([^<]+)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(mapCities(res.text).map((c) => [c.slug, String(c.count)]));
  });

  it('when the page is read in Latvian, then its words are Latvian', async () => {
    const res = await request(ctx.app).get('/map').set('Accept-Language', 'lv').expect(200);
    expect(res.text).toContain('Partneru pilsētas kartē');
    expect(res.text).toContain('aria-label="Kaunas: publicētās prakses 2, ieteikumi tās plānos 0"');
  });

  it('when the home page is opened, then it carries the small map with the same eight cities and counts', async () => {
    const [home, map] = await Promise.all([request(ctx.app).get('/').expect(200), request(ctx.app).get('/map').expect(200)]);
    expect(home.text).toContain('europe-map-small');
    expect(mapCities(home.text).map((c) => [c.slug, c.count])).toEqual(mapCities(map.text).map((c) => [c.slug, c.count]));
    expect(home.text).toContain('href="/map"');
  });

  it('when the search engine is down, then the map still shows the eight cities, without counts, and says why', async () => {
    const dead = new SearchEngine(`http://127.0.0.1:${await findFreePort()}`, 'x', ctx.search.indexPrefix);
    const app = createApp({ ...ctx.deps, search: dead });
    const res = await request(app).get('/map').set('Accept-Language', 'en').expect(200);
    const cities = mapCities(res.text);
    expect(cities.map((c) => c.slug)).toEqual(CITIES);
    expect(cities.every((c) => c.count === undefined && c.caption === `${c.caption?.split(' (')[0]} (– · 0)`)).toBe(true);
    expect(res.text).toContain('because the search engine is not answering');
    await request(app).get('/').expect(200);
  });
});
