import type { Express } from 'express';
import request from 'supertest';
import createApp from '../../server/app';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { SearchEngine } from '../../server/lib/search';
import type { User } from '../../server/features/users/users.service';
import { createUser } from '../support/factories';
import { draftPractice, publishedPractice } from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
/** The same app with a search engine that never answers: the list then comes from MongoDB. */
let engineDown: Express;
let coordinator: User;
const titles: string[] = [];

/** Titles of the practices a search page lists, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<h3 class="hit-title"><a href="\/practices\/[0-9a-f]{24}">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

const sorted = (list: (string | undefined)[]) => [...list].sort();

/** Where /practices sends a request, and the page found there. */
async function follow(app: Express, path: string) {
  const moved = await request(app).get(path).expect(301);
  const location = moved.headers.location ?? '';
  return { location, page: await request(app).get(location) };
}

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  const daugavpils = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  const kaunas = await createUser(ctx, { role: 'partner', city: 'kaunas' });
  const admin = await createUser(ctx, { role: 'admin' });
  // 22 published practices, published one after another so "newest first" is well defined in MongoDB.
  for (let i = 1; i <= 22; i += 1) {
    const kaunasOne = i % 3 === 0;
    const title = `Practice number ${String(i).padStart(2, '0')}`;
    await publishedPractice(ctx, kaunasOne ? kaunas : daugavpils, coordinator, {
      title,
      city: kaunasOne ? 'kaunas' : 'daugavpils',
      themes: i % 2 === 0 ? ['youth-retention'] : ['housing-urban-regeneration'],
      targetGroups: i % 4 === 0 ? ['seniors'] : ['youth'],
    });
    titles.push(title);
  }
  await publishedPractice(ctx, admin, coordinator, {
    title: 'A practice from Rīga',
    city: undefined,
    cityName: 'Rīga',
    country: 'LV',
  });
  await draftPractice(ctx, daugavpils, { title: 'An unpublished draft' });
  await ctx.services.searchIndexing.sync.drain();
  const dead = new SearchEngine(`http://127.0.0.1:${await findFreePort()}`, 'x', ctx.search.indexPrefix);
  engineDown = createApp({ ...ctx.deps, search: dead });
});

afterAll(async () => {
  await ctx.close();
});

describe('/practices is the search page without a query', () => {
  it('when /practices is opened, then it moves permanently to the search page, which lists every published practice', async () => {
    const { location, page } = await follow(ctx.app, '/practices');

    expect(location).toBe('/search');
    expect(page.status).toBe(200);
    expect(page.text).toContain('23 practices found');
    expect(page.text).toContain('data-kind="practices" data-count="23"');
    expect(listed(page.text)).toHaveLength(10);
    expect(page.text).not.toContain('An unpublished draft');
  });

  it('when the old filters are in the link, then the search page opens with the same facets ticked and only matching practices', async () => {
    const { location, page } = await follow(
      ctx.app,
      '/practices?theme=youth-retention&targetGroup=seniors&city=daugavpils',
    );

    expect(location).toBe('/search?themes=youth-retention&targetGroups=seniors&city=daugavpils');
    expect(page.status).toBe(200);
    // Even numbers divisible by 4 and not by 3: 4, 8, 16, 20.
    expect(sorted(listed(page.text))).toEqual([
      'Practice number 04',
      'Practice number 08',
      'Practice number 16',
      'Practice number 20',
    ]);
    expect(page.text).toContain('4 practices found');
    for (const [facet, value] of [['themes', 'youth-retention'], ['targetGroups', 'seniors'], ['city', 'daugavpils']]) {
      expect(page.text).toMatch(new RegExp(`data-facet="${facet}"[\\s\\S]*?data-value="${value}" aria-current="true"`));
    }
    expect(page.text).toContain('Theme: Youth retention');
    expect(page.text).toContain('City: Daugavpils');
  });

  it('when a country or a city outside the network is in the link, then it is applied (a lower-case code too)', async () => {
    const byCountry = await follow(ctx.app, '/practices?country=lt');
    const otherCity = await follow(ctx.app, '/practices?city=riga-lv');
    const paged = await follow(ctx.app, '/practices?theme=housing-urban-regeneration&page=2');

    expect(byCountry.location).toBe('/search?country=LT');
    expect(byCountry.page.text).toContain('7 practices found');
    expect(otherCity.page.text).toContain('1 practice found');
    expect(listed(otherCity.page.text)).toEqual(['A practice from Rīga']);
    expect(paged.location).toBe('/search?themes=housing-urban-regeneration&page=2');
    expect(paged.page.text).toContain('page 2 of 2');
    expect(listed(paged.page.text)).toHaveLength(1);
  });

  it('when the old page’s form left a filter on “any”, then the empty value is dropped, not searched for', async () => {
    const { location } = await follow(ctx.app, '/practices?theme=&city=kaunas&targetGroup=&country=');

    expect(location).toBe('/search?city=kaunas');
  });

  it('when a practice page’s theme, target group, city and country are followed, then they open the search page filtered', async () => {
    const search = await request(ctx.app).get('/search?city=kaunas&themes=youth-retention').expect(200);
    const link = /<a href="(\/practices\/[0-9a-f]{24})">Practice number 18<\/a>/.exec(search.text)?.[1] ?? '';
    const practice = await request(ctx.app).get(link).expect(200);

    expect(practice.text).toContain('href="/search?city=kaunas"');
    expect(practice.text).toContain('href="/search?country=LT"');
    expect(practice.text).toContain('href="/search?themes=youth-retention"');
    expect(practice.text).toContain('href="/search?targetGroups=youth"');
    expect(practice.text).not.toMatch(/href="\/practices\?/);
    const byTheme = await request(ctx.app).get('/search?themes=youth-retention').expect(200);
    expect(byTheme.text).toContain('11 practices found');
  });

  it('when a filter names something no practice can have or the request is malformed, then 400 says what, never a list or a 500', async () => {
    const cases: [string, string][] = [
      ['theme=not-a-theme', 'Theme: no practice has the value “not-a-theme”.'],
      ['targetGroup=aliens', 'Target group: no practice has the value “aliens”.'],
      ['city=atlantis', 'City: no practice has the value “atlantis”.'],
      ['country=US', 'Country: no practice has the value “US”.'],
      ['country=LVX', 'Country: no practice has the value “LVX”.'],
      ['page=0', 'This search could not be understood.'],
      ['page=x', 'This search could not be understood.'],
      ['colour=red', '“colour” is not a filter this search knows.'],
      ['theme[$ne]=x', 'is not a filter this search knows.'],
      ['city=x%22%20OR%20city%20%3D%20%22lodz', 'City: no practice has the value'],
    ];
    for (const [query, message] of cases) {
      const { page } = await follow(ctx.app, `/practices?${query}`);
      expect({ query, status: page.status, listed: listed(page.text).length }).toEqual({ query, status: 400, listed: 0 });
      expect(page.text).toContain(message);
    }
  });

  it('when an unknown value sits among known ones, then the error offers the same search without it', async () => {
    const res = await request(ctx.app).get('/search?themes=youth-retention&themes=not-a-theme&city=kaunas').expect(400);

    expect(res.text).toContain('href="/search?themes=youth-retention&amp;city=kaunas" data-without-unknown');
  });

  it('when the search page lists practices, then each says its date is the publication date', async () => {
    const en = await request(ctx.app).get('/search').expect(200);
    const lv = await request(ctx.app).get('/search').set('Cookie', 'lang=lv').expect(200);

    expect(en.text.match(/<time class="date-label" data-date="published" datetime="[^"]+">Published \d{1,2} [A-Z][a-z]{2} \d{4}<\/time>/g)).toHaveLength(10);
    expect(lv.text).toMatch(/data-date="published" datetime="[^"]+">Publicēts: \d{4}\. gada \d{1,2}\. [a-zā-ž.]+<\/time>/);
    expect(lv.text).toContain('Atrastas 23 prakses');
  });
});

describe('while the search engine is down, the search page lists from MongoDB', () => {
  it('when the page is opened without words, then published practices are listed newest first with a note, 200, and paged', async () => {
    const first = await request(engineDown).get('/search').expect(200);
    const third = await request(engineDown).get('/search?page=3').expect(200);

    expect(first.text).toContain('data-search-database');
    expect(first.text).toContain('Keyword search is unavailable');
    expect(first.text).toContain('23 practices found');
    expect(listed(first.text)).toEqual(['A practice from Rīga', ...titles.slice(13).reverse()]);
    expect(listed(third.text)).toEqual(['Practice number 03', 'Practice number 02', 'Practice number 01']);
    expect(first.text).toContain('page 1 of 3');
    expect(first.text).toContain('href="/search?page=2" rel="next"');
    expect(first.text).not.toContain('An unpublished draft');
    // Exports read the index: not offered while it is away.
    expect(first.text).not.toContain('/api/exports/search.csv');
    expect(first.text).toMatch(/data-date="published" datetime="[^"]+">Published /);
  });

  it('when the old /practices filters are followed, then MongoDB applies them and the facets count as the engine would', async () => {
    const { page } = await follow(engineDown, '/practices?theme=youth-retention&targetGroup=seniors&city=daugavpils');
    const byTheme = await request(engineDown).get('/search?themes=youth-retention').expect(200);

    expect(page.status).toBe(200);
    expect(listed(page.text)).toEqual(['Practice number 20', 'Practice number 16', 'Practice number 08', 'Practice number 04']);
    expect(page.text).toMatch(/data-value="youth-retention" aria-current="true">[\s\S]*?<span class="facet-count">4<\/span>/);
    expect(byTheme.text).toContain('11 practices found');
    // Disjunctive: the other theme is still counted, for adding it.
    expect(byTheme.text).toMatch(/data-value="housing-urban-regeneration" >[\s\S]*?<span class="facet-count">11<\/span>/);
    expect(byTheme.text).toMatch(/data-value="kaunas" >[\s\S]*?<span class="facet-count">3<\/span>/);
    const country = await request(engineDown).get('/search?country=LV&city=riga-lv').expect(200);
    expect(listed(country.text)).toEqual(['A practice from Rīga']);
  });

  it('when words or filters the database cannot apply are asked for, then the list says what it left out, and words make it a 503', async () => {
    const words = await request(engineDown).get('/search?q=housing&themes=youth-retention');
    const other = await request(engineDown).get('/search?language=en&from=2015').expect(200);

    expect(words.status).toBe(503);
    expect(words.headers['retry-after']).toBe('30');
    expect(words.text).toContain('Your words “housing” could not be searched.');
    expect(words.text).toContain('name="q" value="housing"');
    expect(listed(words.text)).toHaveLength(10);
    expect(words.text).toContain('11 practices found');
    expect(other.text).toContain('Not applied until search is back: Original language, Period.');
    expect(other.text).toContain('23 practices found');
  });

  it('when the engine is down and the request is hostile, then the answer is a 400 or the list, never a 500', async () => {
    for (const query of ['themes=not-a-theme', 'page=99', 'country=US', 'city=%00', 'q=%F0%9F%92%A9&themes=youth-retention', 'sort=title']) {
      const res = await request(engineDown).get(`/search?${query}`);
      expect({ query, ok: [200, 400, 503].includes(res.status) }).toEqual({ query, ok: true });
    }
    const pastEnd = await request(engineDown).get('/search?page=99').expect(200);
    expect(pastEnd.text).toContain('data-past-end');
  });

  it('when recommendations are searched while the engine is down, then 503 points to the lists that still work', async () => {
    const res = await request(engineDown).get('/search?type=recommendations').expect(503);

    expect(res.text).toContain('data-search-unavailable');
    expect(res.text).toContain('href="/search" data-browse');
    expect(res.text).toContain('href="/recommendations" data-browse-recommendations');
  });
});
