import request from 'supertest';
import createApp from '../../server/app';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { SearchEngine } from '../../server/lib/search';
import { createAuthors, publishedPractice } from '../support/search-fixtures';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext();
});

afterAll(async () => {
  await ctx.close();
});

describe('home page', () => {
  it('when a visitor opens the home page, then live counts from MongoDB are shown, and not which search engine runs', async () => {
    const res = await request(ctx.app).get('/').expect(200);

    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/data-count="cities">8</);
    expect(res.text).toMatch(/data-count="countries">8</);
    expect(res.text).toMatch(/data-count="events">5</);
    expect(res.text).toContain('Łódź');
    expect(res.text).not.toContain('Meilisearch');
    expect(res.text).not.toContain('data-search-down');
  });

  it('when the search engine is down, then the home page still answers and says search is unavailable', async () => {
    const deadEngine = new SearchEngine(`http://127.0.0.1:${await findFreePort()}`, 'x', ctx.search.indexPrefix);
    const res = await request(createApp({ ...ctx.deps, search: deadEngine })).get('/').expect(200);

    expect(res.text).toContain('data-search-down');
    expect(res.text).toContain('Search is temporarily unavailable.');
    expect(res.text).toMatch(/data-count="cities">8</);
  });

  it('when a city is added to the database, then the home page count follows it', async () => {
    await ctx.db.collection('cities').insertOne({
      slug: 'extra-town', name: 'Extra Town', country: 'EE', countryName: 'Estonia', partner: 'x', lead: false, order: 99,
    }); // prettier-ignore

    const res = await request(ctx.app).get('/').expect(200);

    expect(res.text).toMatch(/data-count="cities">9</);
    await ctx.db.collection('cities').deleteOne({ slug: 'extra-town' });
  });

  it('when the page is served, then the CSP allows no inline script and assets are versioned', async () => {
    const res = await request(ctx.app).get('/').expect(200);

    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
    expect(res.text).toMatch(/\/css\/app\.css\?v=[0-9a-f]{12}/);
  });

  it('when a versioned asset is requested, then it is cacheable for a year', async () => {
    const page = await request(ctx.app).get('/');
    const cssUrl = /href="(\/css\/app\.css\?v=[0-9a-f]+)"/.exec(page.text)?.[1] ?? '';

    const res = await request(ctx.app).get(cssUrl).expect(200);

    expect(res.headers['content-type']).toMatch(/text\/css/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('home page content', () => {
  it('when a practice is published, then the home page counts it, lists it among the newest and offers theme links', async () => {
    const who = await createAuthors(ctx);
    const before = await request(ctx.app).get('/');
    const count = Number(/data-count="practices">(\d+)</.exec(before.text)?.[1]);

    const practice = await publishedPractice(ctx, who, { title: 'Newest practice on the home page' });
    const res = await request(ctx.app).get('/').expect(200);

    expect(res.text).toContain(`data-count="practices">${count + 1}<`);
    expect(res.text).toContain(`<a href="/practices/${practice.id}">Newest practice on the home page</a>`);
    expect(res.text).toContain('href="/search?themes=youth-retention"');
    expect(res.text).toContain('action="/search"');
  });

  it('when a practice is only a draft, then the home page neither counts nor lists it', async () => {
    const who = await createAuthors(ctx);
    await ctx.services.practices.create(who.partner, { title: 'Secret draft on the home page' });

    const res = await request(ctx.app).get('/').expect(200);

    expect(res.text).not.toContain('Secret draft on the home page');
  });
});

describe('network page', () => {
  it('when a visitor opens the network page, then all cities with partners and events are listed', async () => {
    const res = await request(ctx.app).get('/network').expect(200);

    for (const city of ['Daugavpils', 'Kaunas', 'Łódź', 'Magdeburg', 'Oradea', 'Palermo', 'Vejle', 'Cuenca']) {
      expect(res.text).toContain(city);
    }
    expect(res.text).toContain('CEIPES');
    expect(res.text).toContain('Youth depopulation — how can it be prevented?');
  });
});

describe('language', () => {
  it('when the browser prefers Latvian, then the page is in Latvian', async () => {
    const res = await request(ctx.app).get('/').set('Accept-Language', 'lv-LV,lv;q=0.9,en;q=0.5').expect(200);

    expect(res.text).toContain('<html lang="lv">');
    expect(res.text).toContain('Partneru pilsētas');
    expect(res.text).toContain('Jauniešu depopulācija — kā to novērst?');
    expect(res.text).toMatch(/Łódź<\/strong><\/a> <span class="muted">Polija<\/span>/);
  });

  it('when the language is switched, then a cookie is set and overrides the browser preference', async () => {
    const agent = request.agent(ctx.app);

    const switched = await agent.get('/lang/lv?next=/network').expect(303);
    expect(switched.headers.location).toBe('/network');
    expect(String(switched.headers['set-cookie'])).toMatch(/lang=lv;.*HttpOnly/);

    const res = await agent.get('/network').set('Accept-Language', 'en').expect(200);
    expect(res.text).toContain('DeCoDe tīkls');
  });

  it('when the switch is given an outside address, then it goes home instead of redirecting away', async () => {
    const res = await request(ctx.app).get('/lang/en?next=//evil.example/').expect(303);

    expect(res.headers.location).toBe('/');
  });

  it('when an unsupported language is asked for, then the answer is 400 and no cookie is set', async () => {
    const res = await request(ctx.app).get('/lang/xx').expect(400);

    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('errors', () => {
  it('when a page does not exist, then a translated HTML 404 page is shown', async () => {
    const res = await request(ctx.app).get('/no-such-page').set('Accept-Language', 'lv').expect(404);

    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('Lapa nav atrasta');
  });

  it('when an API path does not exist, then the answer is JSON with a stable code', async () => {
    const res = await request(ctx.app).get('/api/nothing-here').expect(404);

    expect(res.body).toEqual({ error: { code: 'not_found', message: 'The page or record was not found.' } });
  });

  it('when an API body is not valid JSON, then the answer is 400 invalid_json', async () => {
    const res = await request(ctx.app)
      .post('/api/nothing-here')
      .set('Content-Type', 'application/json')
      .send('{"broken":')
      .expect(400);

    expect(res.body.error.code).toBe('invalid_json');
  });

  it('when an API body is larger than the limit, then the answer is 413', async () => {
    const res = await request(ctx.app)
      .post('/api/nothing-here')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ text: 'x'.repeat(300 * 1024) }))
      .expect(413);

    expect(res.body.error.code).toBe('payload_too_large');
  });
});
