import request from 'supertest';
import createApp from '../../server/app';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { SearchEngine } from '../../server/lib/search';
import { signedInAgent } from '../support/factories';
import { listedPractices, overviewFixture, type OverviewFixture } from '../support/overview-fixtures';
import { decodeEntities } from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let fx: OverviewFixture;

beforeAll(async () => {
  ctx = await createTestContext();
  fx = await overviewFixture(ctx);
});

afterAll(async () => {
  await ctx.close();
});

/** The numbers of one table on the page: row key → column key → the number shown. */
function heatTable(html: string): Map<string, Map<string, number>> {
  const table = html.slice(html.indexOf('data-table="theme-city"'), html.indexOf('</table>', html.indexOf('data-table="theme-city"')));
  const rows = new Map<string, Map<string, number>>();
  for (const row of table.matchAll(/<tr data-theme="([^"]+)">([\s\S]*?)<\/tr>/g)) {
    const cells = new Map<string, number>();
    for (const cell of (row[2] ?? '').matchAll(/<td class="num" data-city="([^"]+)">([\s\S]*?)<\/td>/g)) {
      cells.set(cell[1] ?? '', Number(/>(\d+)</.exec(cell[2] ?? '')?.[1]));
    }
    rows.set(row[1] ?? '', cells);
  }
  return rows;
}

const countOf = (html: string, name: string) => Number(new RegExp(`data-count="${name}"><a[^>]*>(\\d+)<`).exec(html)?.[1] ?? /x/.exec('')?.[0]);

describe('the public dashboard', () => {
  it('when a visitor opens it, then every theme × city count equals the published practices stored', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    const listed = await listedPractices(ctx);
    const grid = heatTable(res.text);

    expect(countOf(res.text, 'published')).toBe(listed.length);
    expect(listed.length).toBe(6);
    const cities = ['daugavpils', 'kaunas', 'lodz', 'magdeburg', 'oradea', 'palermo', 'vejle', 'cuenca'];
    for (const [theme, cells] of grid) {
      expect([...cells.keys()]).toEqual(cities);
      for (const city of cities) {
        const expected = listed.filter((p) => p.city === city && p.published?.themes?.includes(theme)).length;
        expect({ theme, city, count: cells.get(city) }).toEqual({ theme, city, count: expected });
      }
    }
    expect(grid.get('youth-retention')?.get('kaunas')).toBe(2);
    expect(grid.get('ageing-care')?.get('daugavpils')).toBe(0);
  });

  it('when a count is shown, then it links to the search for exactly that cell, which finds the same number', async () => {
    const res = await request(ctx.app).get('/dashboard').expect(200);
    const link = /href="(\/search\?themes=youth-retention&amp;city=kaunas)"[^>]*>(\d+)</.exec(res.text);
    expect(link?.[2]).toBe('2');
    const query = decodeEntities(link?.[1] ?? '').replace('/search?', '');
    const api = await request(ctx.app).get(`/api/search?${query}`).expect(200);
    expect(api.body.totalHits).toBe(2);
    expect(res.text).toContain('href="/search?city=lodz"');
    expect(res.text).toContain('href="/search?themes=housing-urban-regeneration"');
  });

  it('when practices give a starting year, then the years table counts them per year, the empty years included', async () => {
    const res = await request(ctx.app).get('/dashboard').expect(200);
    const listed = await listedPractices(ctx);
    const years = [...res.text.matchAll(/<tr data-year="(\d+|none)"><th scope="row">[^<]*<\/th><td class="num">([\s\S]*?)<\/td><\/tr>/g)].map(
      (m) => [m[1], Number(/(\d+)(?=<\/(a|span)>|$)/.exec(m[2] ?? '')?.[1])] as const,
    );
    const byYear = new Map(years);
    expect(years[0]?.[0]).toBe('2012');
    expect(years.at(-1)?.[0]).toBe('2020');
    for (let year = 2012; year <= 2020; year += 1) {
      expect({ year, count: byYear.get(String(year)) }).toEqual({ year, count: listed.filter((p) => p.published?.period?.startYear === year).length });
    }
    expect(byYear.has('none')).toBe(false);
    expect(byYear.get('2013')).toBe(0);
    expect(res.text).toContain('href="/search?from=2016&amp;to=2016"');
  });

  it('when the page is drawn, then each chart is an inline SVG image with a label, beside its table', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    const svgs = res.text.match(/<svg role="img" aria-label="[^"]+"/g) ?? [];
    expect(svgs).toHaveLength(2);
    expect(res.text).toContain('aria-label="Heat map of published practices by theme and city; the numbers are in the table below."');
    expect(res.text).not.toMatch(/<script[^>]*>(?!<\/script>)/);
  });

  it('when a visitor opens it, then no workflow state is shown and recent activity lists publications only', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    expect(res.text).not.toContain('data-table="pipeline"');
    expect(res.text).not.toContain('Practice vejle-draft');
    expect(res.text).not.toContain('Practice lodz-submitted');
    expect(res.text).not.toContain('Practice kau-deleted');
    expect(res.text).not.toContain('Practice dgp-archived');
    expect(res.text).toContain('Practice lodz-housing');
    expect(res.text).not.toContain('data-status=');
  });

  it('when a planner opens it, then the pipeline stays hidden', async () => {
    const planner = await ctx.services.users.create({ name: 'P', email: 'planner-dash@example.test', role: 'planner', password: 'correct horse battery' });
    const { agent } = await signedInAgent(ctx.app, planner);
    const res = await agent.get('/dashboard').expect(200);
    expect(res.text).not.toContain('data-table="pipeline"');
  });

  it('when the page is read in Latvian, then headings and labels are Latvian', async () => {
    const res = await request(ctx.app).get('/dashboard').set('Accept-Language', 'lv').expect(200);
    expect(res.text).toContain('<h1>Pārskats</h1>');
    expect(res.text).toContain('Prakses pa tēmām un pilsētām');
    expect(res.text).toContain('Jauniešu noturēšana');
  });
});

describe('the coordinator dashboard', () => {
  it('when the coordinator opens it, then the pipeline counts equal the stored workflow states', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.coordinator);
    const res = await agent.get('/dashboard').set('Accept-Language', 'en').expect(200);
    const stored = await ctx.db.collection('practices').find({ deleted: false }).toArray();
    for (const status of ['draft', 'submitted', 'changes_requested', 'published']) {
      const row = new RegExp(`<tr data-status="${status}"><th scope="row">[^<]+</th><td class="num">(?:<a href="[^"]+">)?(\\d+)`).exec(res.text);
      expect({ status, count: Number(row?.[1]) }).toEqual({ status, count: stored.filter((p) => p.status === status).length });
    }
    expect(res.text).toMatch(/<tr data-status="submitted">[\s\S]*?href="\/review">1</);
    expect(res.text.match(/<svg role="img"/g)).toHaveLength(3);
  });

  it('when the coordinator opens it, then recent activity shows changes in every state with their status', async () => {
    const { agent } = await signedInAgent(ctx.app, fx.coordinator);
    const res = await agent.get('/dashboard').expect(200);
    const recent = res.text.slice(res.text.indexOf('id="recent-heading"'));
    expect(recent).toContain('Practice kau-changes');
    expect(recent).toContain('Practice lodz-submitted');
    expect(recent).toContain('data-status="changes_requested"');
    expect(recent).not.toContain('Practice kau-deleted');
  });
});

describe('when the search engine is down', () => {
  it('then the dashboard still answers, says the counts are unavailable and keeps recent activity', async () => {
    const dead = new SearchEngine(`http://127.0.0.1:${await findFreePort()}`, 'x', ctx.search.indexPrefix);
    const app = createApp({ ...ctx.deps, search: dead });
    const res = await request(app).get('/dashboard').set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('because the search engine is not answering');
    expect(res.text).toContain('Practice lodz-housing');
  });
});
