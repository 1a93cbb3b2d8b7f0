import request from 'supertest';
import createApp, { createServices } from '../../server/app';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { SearchEngine } from '../../server/lib/search';
import { indexPractices, type PracticeFixture } from '../support/search-documents';
import { createAuthors, publishedPractice } from '../support/search-fixtures';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let deadEngine: SearchEngine;

const HOUSING = 'housing-urban-regeneration';
const FAMILIES = 'families-with-children';

const fixture = (
  id: string,
  city: string,
  cityName: string,
  themes: string[],
  targetGroups: string[],
  day: number,
): PracticeFixture => ({
  id,
  city,
  cityName,
  country: 'PL',
  publishedAt: new Date(Date.UTC(2021, 0, day)),
  content: { title: `Tenement renovation ${id}`, summary: `Housing practice ${id}.`, themes, targetGroups },
});

beforeAll(async () => {
  ctx = await createTestContext();
  deadEngine = new SearchEngine(`http://127.0.0.1:${await findFreePort()}`, 'x', ctx.search.indexPrefix);
  await indexPractices(ctx, [
    fixture('self', 'lodz', 'Łódź', [HOUSING], [FAMILIES], 1),
    fixture('same-city', 'lodz', 'Łódź', [HOUSING], [FAMILIES], 2),
    fixture('vejle-both', 'vejle', 'Vejle', [HOUSING], [FAMILIES], 3),
    fixture('kaunas-group', 'kaunas', 'Kaunas', ['youth-retention'], [FAMILIES], 4),
    fixture('kaunas-theme', 'kaunas', 'Kaunas', [HOUSING], ['seniors'], 5),
    fixture('unrelated', 'palermo', 'Palermo', ['ageing-care'], ['seniors'], 6),
  ]);
});

afterAll(async () => {
  await ctx.close();
});

describe('when Meilisearch is unavailable', () => {
  it('then a search with words answers 503, says the words could not be searched and keeps them in the box', async () => {
    const app = createApp({ ...ctx.deps, search: deadEngine });

    const res = await request(app).get('/search?q=housing').expect(503);

    expect(res.headers['retry-after']).toBe('30');
    expect(res.text).toContain('Keyword search is unavailable');
    expect(res.text).toContain('Your words “housing” could not be searched.');
    expect(res.text).toContain('name="q" value="housing"');
    // This file's practices live in the index only: MongoDB has none to list.
    expect(res.text).toContain('0 practices found');
  });

  it('then a script request for the results region gets the same message as a fragment', async () => {
    const app = createApp({ ...ctx.deps, search: deadEngine });

    const res = await request(app).get('/search?q=housing&partial=1').expect(503);

    expect(res.text).toContain('data-search-database');
    expect(res.text).not.toContain('<html');
  });

  it('then the JSON API answers 503 with the code search_unavailable', async () => {
    const app = createApp({ ...ctx.deps, search: deadEngine });

    const res = await request(app).get('/api/search?q=housing').expect(503);

    expect(res.body).toEqual({
      error: { code: 'search_unavailable', message: expect.stringContaining('temporarily unavailable') },
    });
  });

  it('then similar practices are an empty list, not an error', async () => {
    const services = createServices({ ...ctx.deps, search: deadEngine });

    const similar = await services.search.similar('self', {
      themes: [HOUSING],
      targetGroups: [FAMILIES],
      city: 'lodz',
    });

    expect(similar).toEqual([]);
  });
});

describe('similar practices', () => {
  it('when a practice shares themes or target groups, then practices from other cities come first, the closest first', async () => {
    const similar = await ctx.services.search.similar(
      'self',
      { themes: [HOUSING], targetGroups: [FAMILIES], city: 'lodz' },
      4,
    );

    expect(similar.map((p) => p.id)).toEqual(['vejle-both', 'kaunas-theme', 'kaunas-group', 'same-city']);
    expect(similar[0]).toMatchObject({ cityName: 'Vejle', shared: 2 });
  });

  it('when fewer are asked for, then the same-city practice is the one left out', async () => {
    const similar = await ctx.services.search.similar(
      'self',
      { themes: [HOUSING], targetGroups: [FAMILIES], city: 'lodz' },
      2,
    );

    expect(similar.map((p) => p.id)).toEqual(['vejle-both', 'kaunas-theme']);
  });

  it('when a practice has no themes or target groups, then nothing is similar', async () => {
    expect(await ctx.services.search.similar('self', { themes: [], targetGroups: [], city: 'lodz' })).toEqual([]);
  });
});

describe('similar practices on the practice page', () => {
  it('when a published practice is read, then practices of other cities sharing its theme are listed; with search down the page still answers', async () => {
    const practice = await publishedPractice(ctx, await createAuthors(ctx));
    await indexPractices(ctx, [
      fixture('remigration-kaunas', 'kaunas', 'Kaunas', ['return-migration-diaspora'], ['returning-emigrants'], 7),
    ]);

    const page = await request(ctx.app).get(`/practices/${practice.id}`).expect(200);
    const down = await request(createApp({ ...ctx.deps, search: deadEngine }))
      .get(`/practices/${practice.id}`)
      .expect(200);

    expect(page.text).toContain('data-similar-practice="remigration-kaunas"');
    expect(page.text).not.toContain(`data-similar-practice="${practice.id}"`);
    expect(down.text).not.toContain('data-similar');
  });
});

describe('request-time search holds a search-only key', () => {
  it('when the search client tries to add a document, then Meilisearch refuses it', async () => {
    const attempt = ctx.search.searchClient
      .index(ctx.search.indexUid('practices'))
      .addDocuments([{ id: 'intruder', title: 'Injected' }]);

    await expect(attempt).rejects.toMatchObject({ cause: { code: 'invalid_api_key' } });
  });

  it('when the app is given a useless indexer key and the real search key, then search still works: queries use only the search key', async () => {
    const searchKey = ctx.search.searchClient.config.apiKey as string;
    const searchOnly = new SearchEngine(
      ctx.search.host,
      { indexer: 'not-a-valid-key', search: searchKey },
      ctx.search.indexPrefix,
    );
    const app = createApp({ ...ctx.deps, search: searchOnly });

    const api = await request(app).get('/api/search?q=tenement&city=lodz').expect(200);
    const page = await request(app).get('/search?q=tenement&city=lodz').expect(200);

    expect((api.body.hits as { id: string }[]).map((h) => h.id).sort()).toEqual(['same-city', 'self']);
    expect(page.text).toContain('data-hit="same-city"');
  });
});
