import request from 'supertest';
import { toSearchDocument } from '../../server/features/search/search.document';
import { escapeFilterValue } from '../../server/features/search/search.filters';
import { indexable, indexPractices, indexRawDocuments, type PracticeFixture } from '../support/search-documents';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;

const HOUSING = 'housing-urban-regeneration';
const YOUTH = 'youth-retention';
const AGEING = 'ageing-care';
const DIGITAL = 'digital-services';

const practice = (
  id: string,
  city: string,
  cityName: string,
  country: string,
  themes: string[],
  extra: Partial<PracticeFixture['content']> = {},
): PracticeFixture => ({
  id,
  city,
  cityName,
  country,
  content: {
    title: `Practice ${id}`,
    summary: `A ${themes.join(' and ')} practice from ${cityName}.`,
    themes,
    ...extra,
  },
});

const FACET_CORPUS: PracticeFixture[] = [
  practice('a', 'lodz', 'Łódź', 'PL', [HOUSING], {
    period: { startYear: 2015, ongoing: true },
    indicators: [{ name: 'Flats', value: 100 }],
    language: 'pl',
  }),
  practice('b', 'vejle', 'Vejle', 'DK', [HOUSING], {
    period: { startYear: 2021, ongoing: false, endYear: 2023 },
    language: 'da',
  }),
  practice('c', 'lodz', 'Łódź', 'PL', [YOUTH], { period: { startYear: 2008, ongoing: true }, language: 'pl' }),
  practice('d', 'kaunas', 'Kaunas', 'LT', [YOUTH, HOUSING], {
    period: { startYear: 2016, ongoing: false },
    language: 'lt',
  }),
  practice('e', 'palermo', 'Palermo', 'IT', [AGEING], { period: { startYear: 2019, ongoing: true }, language: 'it' }),
];

// 23 practices of one theme, published a day apart: for exact page totals and sorting.
const PAGED: PracticeFixture[] = Array.from({ length: 23 }, (_, i) => ({
  id: `paged-${String(i + 1).padStart(2, '0')}`,
  publishedAt: new Date(Date.UTC(2021, 0, 1 + i)),
  content: {
    title: `Digital service pilot number ${i + 1}`,
    summary: 'E-services for residents.',
    themes: [DIGITAL],
    period: { startYear: 2000 + i, ongoing: false },
    budget: { amountEur: 1000 * (i + 1) },
  },
}));

type ApiResult = {
  hits: { id: string }[];
  facetDistribution: Record<string, Record<string, number>>;
  totalHits: number;
  totalPages: number;
  page: number;
  hitsPerPage: number;
};

function url(path: string, params: [string, string][]): string {
  return `${path}?${new URLSearchParams(params)}`;
}

async function api(params: [string, string][], status = 200): Promise<ApiResult> {
  const res = await request(ctx.app).get(url('/api/search', params)).expect(status);
  return res.body as ApiResult;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
const hrefsOf = (html: string, marker: string) =>
  [...html.matchAll(new RegExp(`<a [^>]*href="([^"]*)"[^>]*${marker}`, 'g'))].map((m) => unescapeHtml(m[1]!));

beforeAll(async () => {
  ctx = await createTestContext();
  await indexPractices(ctx, [...FACET_CORPUS, ...PAGED]);
});

afterAll(async () => {
  await ctx.close();
});

describe('disjunctive facets', () => {
  const notPaged: [string, string][] = [['themes', HOUSING]];

  it('when one theme is selected, then the theme facet still counts the other themes and the city facet counts within that theme', async () => {
    const result = await api(notPaged);

    expect(result.hits.map((h) => h.id).sort()).toEqual(['a', 'b', 'd']);
    expect(result.facetDistribution.themes).toMatchObject({ [HOUSING]: 3, [YOUTH]: 2, [AGEING]: 1, [DIGITAL]: 23 });
    expect(result.facetDistribution.city).toEqual({ lodz: 1, vejle: 1, kaunas: 1 });
    expect(result.facetDistribution.country).toEqual({ PL: 1, DK: 1, LT: 1 });
  });

  it('when two themes are selected, then they are OR-ed; and a city narrows across facets (AND)', async () => {
    const either = await api([
      ['themes', HOUSING],
      ['themes', YOUTH],
    ]);
    const inLodz = await api([
      ['themes', HOUSING],
      ['themes', YOUTH],
      ['city', 'lodz'],
    ]);

    expect(either.totalHits).toBe(4);
    expect(inLodz.hits.map((h) => h.id).sort()).toEqual(['a', 'c']);
    // Theme counts within Łódź, city counts within the two themes: each facet ignores only its own selection.
    expect(inLodz.facetDistribution.themes).toEqual({ [HOUSING]: 1, [YOUTH]: 1 });
    expect(inLodz.facetDistribution.city).toEqual({ lodz: 2, vejle: 1, kaunas: 1 });
  });

  it('when the period and "ongoing" filters are given, then only practices started in those years and still running remain', async () => {
    const result = await api([
      ['from', '2008'],
      ['to', '2016'],
      ['ongoing', '1'],
      ['themes', HOUSING],
      ['themes', YOUTH],
      ['themes', AGEING],
    ]);

    expect(result.hits.map((h) => h.id).sort()).toEqual(['a', 'c']);
  });

  it('when filtering on measured results, then only practices with indicators are returned', async () => {
    const result = await api([['hasIndicators', 'true']]);

    expect(result.hits.map((h) => h.id)).toEqual(['a']);
  });

  it('when the search page shows a selected theme, then its facet link is marked selected and the other themes keep their counts', async () => {
    const res = await request(ctx.app)
      .get(url('/search', [['themes', HOUSING]]))
      .expect(200);

    expect(res.text).toMatch(
      new RegExp(
        `data-value="${HOUSING}" aria-current="true">.*?Housing and urban regeneration.*?<span class="facet-count">3</span>`,
      ),
    );
    expect(res.text).toMatch(
      new RegExp(`data-value="${YOUTH}" >.*?Youth retention.*?<span class="facet-count">2</span>`),
    );
    expect(res.text).toMatch(/data-value="lodz" >.*?Łódź.*?<span class="facet-count">1<\/span>/);
  });
  it('when the page is read in Latvian, then facet names and values carry Latvian labels', async () => {
    const res = await request(ctx.app)
      .get(url('/search', [['themes', HOUSING]]))
      .set('Cookie', 'lang=lv')
      .expect(200);

    expect(res.text).toContain('<h3 id="facet-themes">Tēma</h3>');
    expect(res.text).toContain('<span class="facet-label">Mājokļi un pilsētvides atjaunošana</span>');
    expect(res.text).toContain('<span class="facet-label">Polija</span>');
    expect(res.text).toContain('Tēma: Mājokļi un pilsētvides atjaunošana');
  });
});

describe('filter values are escaped', () => {
  const INJECTIONS = [
    'x" OR city = "lodz',
    'lodz" OR "1" = "1',
    '\\',
    '\\"',
    '"',
    ')',
    'lodz) OR (city = lodz',
    'x\nOR city = lodz',
    "lodz' OR '1'='1",
    'city EXISTS',
    '\\" OR city = \\"lodz',
    'x\\\\" OR city = "lodz',
    ']',
    'lodz", "vejle',
  ];

  it.each(INJECTIONS)('when a filter value is %j, then the API answers 200 with no hits', async (value) => {
    const result = await api([['city', value]]);

    expect(result.totalHits).toBe(0);
  });

  it.each(INJECTIONS)(
    'when a filter value is %j, then the search page refuses it with a 400 that names it, and lists nothing',
    async (value) => {
      const res = await request(ctx.app)
        .get(url('/search', [['themes', value]]))
        .expect(400);

      expect(res.text).toContain('data-unknown-value="themes"');
      expect(res.text).not.toContain('data-hit=');
    },
  );

  it('when a stored value itself holds quotes and backslashes, then filtering on it finds exactly that practice', async () => {
    const labels = { themes: new Map<string, string[]>(), targetGroups: new Map<string, string[]>() };
    const odd = toSearchDocument(
      indexable({ id: 'odd', city: 'we"ird\\city', cityName: 'Weird', country: 'PL', content: { title: 'Odd city' } }),
      labels,
    );
    await indexRawDocuments(ctx, [odd]);

    const result = await api([['city', 'we"ird\\city']]);

    expect(escapeFilterValue('we"ird\\city')).toBe('"we\\"ird\\\\city"');
    expect(result.hits.map((h) => h.id)).toEqual(['odd']);
    await ctx.search.client.index(ctx.search.indexUid('practices')).deleteDocument('odd').waitTask({ timeout: 120_000 });
  });
});

describe('pagination and sorting', () => {
  const digital: [string, string][] = [['themes', DIGITAL]];

  it('when 23 practices match, then the totals are exact and the last page holds the remaining three', async () => {
    const first = await api([...digital, ['hitsPerPage', '10']]);
    const last = await api([...digital, ['hitsPerPage', '10'], ['page', '3']]);

    expect(first).toMatchObject({ totalHits: 23, totalPages: 3, page: 1, hitsPerPage: 10 });
    expect(first.hits).toHaveLength(10);
    expect(last.hits).toHaveLength(3);
    expect(new Set([...first.hits, ...last.hits].map((h) => h.id)).size).toBe(13);
  });

  it('when sorted by newest, then the most recently published practice comes first', async () => {
    const result = await api([...digital, ['sort', 'newest'], ['hitsPerPage', '3']]);

    expect(result.hits.map((h) => h.id)).toEqual(['paged-23', 'paged-22', 'paged-21']);
  });

  it('when sorted by start year or budget, then the order follows that field', async () => {
    const byYear = await api([...digital, ['sort', 'start-year-asc'], ['hitsPerPage', '2']]);
    const byBudget = await api([...digital, ['sort', 'budget-desc'], ['hitsPerPage', '2']]);

    expect(byYear.hits.map((h) => h.id)).toEqual(['paged-01', 'paged-02']);
    expect(byBudget.hits.map((h) => h.id)).toEqual(['paged-23', 'paged-22']);
  });

  it('when the search page shows page 2 of 3, then it links to pages 1 and 3 keeping the filters', async () => {
    const res = await request(ctx.app)
      .get(url('/search', [...digital, ['page', '2']]))
      .expect(200);

    expect(res.text).toContain('23 practices found');
    expect(res.text).toContain('page 2 of 3');
    expect(hrefsOf(res.text, 'rel="prev"')).toEqual([`/search?themes=${DIGITAL}`]);
    expect(hrefsOf(res.text, 'rel="next"')).toEqual([`/search?themes=${DIGITAL}&page=3`]);
  });

  it('when more than 50 hits per page are asked for, then 50 is used', async () => {
    const result = await api([['hitsPerPage', '500']]);

    expect(result.hitsPerPage).toBe(50);
  });
});

describe('the URL holds the whole search', () => {
  it('when a shared URL is opened, then the query, chips, sort and period come back as they were', async () => {
    const params: [string, string][] = [
      ['q', 'practice'], ['themes', HOUSING], ['city', 'lodz'], ['from', '2010'], ['to', '2020'], ['ongoing', '1'], ['sort', 'newest'],
    ]; // prettier-ignore

    const res = await request(ctx.app).get(url('/search', params)).expect(200);

    const html = res.text;
    expect(html).toContain('name="q" value="practice"');
    expect(html).toMatch(/<option value="newest" selected>/);
    expect(html).toMatch(/id="search-from"[^>]*value="2010"/);
    expect(html).toMatch(/id="search-to"[^>]*value="2020"/);
    expect(html).toMatch(/name="ongoing"[^>]*checked/);
    expect(html).toContain(`<input type="hidden" name="themes" value="${HOUSING}" form="search-form">`);
    expect(html).toContain('<input type="hidden" name="city" value="lodz" form="search-form">');
    const chips = [...html.matchAll(/<a class="chip" href="([^"]*)" data-chip>([^<]*)/g)].map((m) => [
      m[2]!.trim(),
      unescapeHtml(m[1]!),
    ]);
    expect(chips).toEqual([
      ['Theme: Housing and urban regeneration', '/search?q=practice&city=lodz&from=2010&to=2020&ongoing=1&sort=newest'],
      ['City: Łódź', `/search?q=practice&themes=${HOUSING}&from=2010&to=2020&ongoing=1&sort=newest`],
      ['Started from 2010', `/search?q=practice&themes=${HOUSING}&city=lodz&to=2020&ongoing=1&sort=newest`],
      ['Started until 2020', `/search?q=practice&themes=${HOUSING}&city=lodz&from=2010&ongoing=1&sort=newest`],
      ['Ongoing only', `/search?q=practice&themes=${HOUSING}&city=lodz&from=2010&to=2020&sort=newest`],
    ]);
    expect(html).toContain('data-hit="a"');
  });

  it('when the page is asked for a fragment (partial=1), then only the results region comes back', async () => {
    const res = await request(ctx.app)
      .get(
        url('/search', [
          ['q', 'practice'],
          ['partial', '1'],
        ]),
      )
      .expect(200);

    expect(res.text).not.toContain('<html');
    expect(res.text).not.toContain('id="search-form"');
    expect(res.text).toContain('data-total-hits');
  });
});

describe('no results', () => {
  it('when nothing matches, then the page offers to drop each filter, to search without filters and to check the spelling', async () => {
    const res = await request(ctx.app)
      .get(
        url('/search', [
          ['q', 'zzqqxx'],
          ['themes', HOUSING],
          ['city', 'lodz'],
        ]),
      )
      .expect(200);

    expect(res.text).toContain('No practices found for “zzqqxx”');
    expect(hrefsOf(res.text, 'data-drop-filter')).toEqual([
      '/search?q=zzqqxx&city=lodz',
      `/search?q=zzqqxx&themes=${HOUSING}`,
    ]);
    expect(hrefsOf(res.text, 'data-without-filters')).toEqual(['/search?q=zzqqxx']);
    expect(res.text).toContain('data-check-spelling');
    expect(hrefsOf(res.text, 'data-browse')).toEqual(['/search']);
  });
});

describe('refused requests', () => {
  it('when the API is given an unknown facet, then it answers 400 naming it', async () => {
    const res = await request(ctx.app).get('/api/search?status=draft').expect(400);

    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.fields.status).toEqual(['Unknown filter.']);
  });

  it('when the API is given an unknown sort, then it answers 400 naming the sort', async () => {
    const res = await request(ctx.app).get('/api/search?sort=title').expect(400);

    expect(res.body.error.fields.sort).toEqual(['Unknown sort order.']);
  });

  it('when the API is given a query over 200 characters, then it answers 400', async () => {
    const res = await request(ctx.app)
      .get(url('/api/search', [['q', 'a'.repeat(201)]]))
      .expect(400);

    expect(res.body.error.fields.q).toEqual(['The search text may be at most 200 characters long.']);
  });

  it('when the page is given an unknown facet or sort, then it answers 400 with a clear message', async () => {
    const facet = await request(ctx.app).get('/search?q=x&status=draft').expect(400);
    const sort = await request(ctx.app).get('/search?q=x&sort=title').expect(400);

    expect(facet.text).toContain('“status” is not a filter this search knows.');
    expect(facet.text).toContain('Searches can be narrowed by: themes, city');
    expect(sort.text).toContain('Sort orders: relevance, newest');
  });

  it('when the page is given a query over 200 characters, then it is trimmed with a notice', async () => {
    const res = await request(ctx.app)
      .get(url('/search', [['q', `${'practice '.repeat(30)}`]]))
      .expect(200);

    expect(res.text).toContain('data-notice="trimmed"');
    expect(res.text).toContain(`value="${'practice '.repeat(30).slice(0, 200)}"`);
  });
});
