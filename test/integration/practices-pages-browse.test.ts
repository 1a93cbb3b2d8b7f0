import request from 'supertest';
import type { User } from '../../server/features/users/users.service';
import { createUser } from '../support/factories';
import { draftPractice, publishedPractice } from '../support/practice-pages';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let coordinator: User;
const titles: string[] = [];

/** Titles listed on a browse page, in order. */
const listed = (html: string) =>
  [...html.matchAll(/<h2 class="practice-item-title"><a href="\/practices\/[0-9a-f]{24}">([^<]+)<\/a><\/h2>/g)].map(
    (m) => m[1],
  );

beforeAll(async () => {
  ctx = await createTestContext();
  coordinator = await createUser(ctx, { role: 'coordinator' });
  const daugavpils = await createUser(ctx, { role: 'partner', city: 'daugavpils' });
  const kaunas = await createUser(ctx, { role: 'partner', city: 'kaunas' });
  const admin = await createUser(ctx, { role: 'admin' });
  // 22 published practices, published one after another so "newest first" is well defined.
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
});

afterAll(async () => {
  await ctx.close();
});

describe('browsing published practices', () => {
  it('when a visitor browses, then published practices are listed newest first, 20 a page, with exact totals', async () => {
    const first = await request(ctx.app).get('/practices').expect(200);
    const second = await request(ctx.app).get('/practices?page=2').expect(200);

    expect(first.text).toContain('Practices found: 23');
    expect(listed(first.text)).toHaveLength(20);
    expect(listed(first.text)[0]).toBe('A practice from Rīga');
    expect(listed(first.text)[1]).toBe('Practice number 22');
    expect(listed(second.text)).toEqual(['Practice number 03', 'Practice number 02', 'Practice number 01']);
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).toContain('href="/practices?page=2" rel="next"');
    expect(second.text).toContain('href="/practices" rel="prev"');
    expect(first.text).not.toContain('An unpublished draft');
  });

  it('when filters are chosen, then only matching practices are counted and listed, and paging keeps the filters', async () => {
    const byTheme = await request(ctx.app).get('/practices?theme=youth-retention').expect(200);
    const byCity = await request(ctx.app).get('/practices?city=kaunas').expect(200);
    const combined = await request(ctx.app)
      .get('/practices?theme=youth-retention&targetGroup=seniors&city=daugavpils')
      .expect(200);
    const byCountry = await request(ctx.app).get('/practices?country=lt').expect(200);
    const otherCity = await request(ctx.app).get('/practices?city=riga-lv').expect(200);

    expect(byTheme.text).toContain('Practices found: 11');
    expect(listed(byTheme.text)).toEqual(titles.filter((_t, i) => (i + 1) % 2 === 0).reverse());
    expect(listed(byCity.text)).toEqual([
      'Practice number 21',
      'Practice number 18',
      'Practice number 15',
      'Practice number 12',
      'Practice number 09',
      'Practice number 06',
      'Practice number 03',
    ]);
    // Even numbers divisible by 4 and not by 3: 4, 8, 16, 20.
    expect(listed(combined.text)).toEqual([
      'Practice number 20',
      'Practice number 16',
      'Practice number 08',
      'Practice number 04',
    ]);
    expect(byCountry.text).toContain('Practices found: 7');
    expect(listed(otherCity.text)).toEqual(['A practice from Rīga']);
    expect(byTheme.text).toContain('<option value="youth-retention" selected>');
    expect(byCity.text).toContain('<option value="riga-lv">Rīga</option>');
  });

  it('when a filter names something unknown or the query is malformed, then 400', async () => {
    for (const query of [
      'theme=not-a-theme',
      'targetGroup=aliens',
      'city=atlantis',
      'country=US',
      'country=LVX',
      'page=0',
      'page=x',
      'colour=red',
      'theme[$ne]=x',
    ]) {
      const res = await request(ctx.app).get(`/practices?${query}`);
      // Refused with the reason, never a silently unfiltered list.
      expect({ query, status: res.status, listed: /Practice number \d+/.test(res.text) }).toEqual({ query, status: 400, listed: false });
      expect(res.text).toContain('Some fields are not valid.');
    }
  });

  it('when a practice page’s theme and city links are followed, then they lead to this list filtered', async () => {
    const page = await request(ctx.app).get('/practices?city=kaunas').expect(200);
    const link = /<a href="(\/practices\/[0-9a-f]{24})">Practice number 21<\/a>/.exec(page.text)?.[1] ?? '';
    const practice = await request(ctx.app).get(link).expect(200);

    const themeHref = /<a class="tag" href="(\/practices\?theme=[^"]+)"/.exec(practice.text)?.[1] ?? '';
    const cityHref = /data-fact="place"><a href="(\/practices\?city=[^"]+)"/.exec(practice.text)?.[1] ?? '';
    const byTheme = await request(ctx.app).get(themeHref).expect(200);
    const byCity = await request(ctx.app).get(cityHref).expect(200);

    expect(themeHref).toBe('/practices?theme=housing-urban-regeneration');
    expect(listed(byTheme.text)).toContain('Practice number 21');
    expect(cityHref).toBe('/practices?city=kaunas');
    expect(listed(byCity.text)).toHaveLength(7);
  });

  it('when the list is shown in Latvian, then labels and theme names are translated', async () => {
    const res = await request(ctx.app).get('/practices').set('Cookie', 'lang=lv').expect(200);

    expect(res.text).toContain('Atrastās prakses: 23');
    expect(res.text).toContain('Jauniešu noturēšana');
    expect(res.text).toContain('<option value="">Jebkura</option>');
    expect(res.text).not.toMatch(/practices\.(browse|field|pagination)\./);
  });
});
