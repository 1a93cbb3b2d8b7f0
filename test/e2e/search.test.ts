import type { Page, Route } from 'playwright-core';
import { rawTranslationKeys, screenshot, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { indexPractices, type PracticeFixture } from '../support/search-documents';

let h: BrowserHarness;

/** The little of the DOM these tests read inside the page (the project compiles without the DOM library). */
type Doc = {
  document: {
    querySelectorAll(s: string): Iterable<{ getAttribute(name: string): string | null }>;
    activeElement: { id: string } | null;
  };
};

const HOUSING = 'housing-urban-regeneration';
const YOUTH = 'youth-retention';

const practice = (
  id: string,
  city: string,
  cityName: string,
  country: string,
  themes: string[],
  title: string,
  summary: string,
): PracticeFixture => ({ id, city, cityName, country, content: { title, summary, themes } });

const CORPUS: PracticeFixture[] = [
  practice('flats-lodz', 'lodz', 'Łódź', 'PL', [HOUSING, YOUTH], 'Renovated tenement flats for young couples', 'The city renovates empty tenement flats and lets them to young couples below market rent.'),
  practice('coop-vejle', 'vejle', 'Vejle', 'DK', [HOUSING], 'Cooperative tenement for returning families', 'A housing cooperative reserves tenement flats for families moving back.'),
  practice('council-kaunas', 'kaunas', 'Kaunas', 'LT', [YOUTH], 'Youth council with a real budget', 'Pupils decide how part of the city budget is spent.'),
  practice('care-palermo', 'palermo', 'Palermo', 'IT', ['ageing-care'], 'Neighbourhood care for seniors', 'Volunteers visit older residents who live alone.'),
  practice('desk-oradea', 'oradea', 'Oradea', 'RO', ['digital-services'], 'Digital one-stop desk for investors', 'One online desk answers every permit question.'),
]; // prettier-ignore

beforeAll(async () => {
  h = await startBrowserHarness();
  await indexPractices(h.ctx, CORPUS);
});

afterAll(async () => {
  await h?.close();
});

const hitIds = (page: Page) =>
  page.locator('[data-search-region] [data-hit]').evaluateAll((els) => els.map((el) => el.getAttribute('data-hit')));

/** The ids the server itself answers for the same query (the API is the ground truth for the page). */
async function apiIds(params: Record<string, string>): Promise<string[]> {
  const res = await fetch(`${h.baseUrl}/api/search?${new URLSearchParams(params)}`);
  const body = (await res.json()) as { hits: { id: string }[] };
  return body.hits.map((hit) => hit.id);
}

const paramOf = (page: Page, name: string) => new URL(page.url()).searchParams.get(name);

/** Waits until the page's URL (changed through history only after the region is replaced) carries the query. */
const waitForQuery = (page: Page, q: string) => page.waitForURL((url) => url.searchParams.get('q') === q);

// A function, not a string: the page's CSP (no 'unsafe-eval') refuses strings Playwright would eval.
const waitForHits = (page: Page, ids: string[]) =>
  page.waitForFunction(
    (expected) => {
      const shown = [...(globalThis as unknown as Doc).document.querySelectorAll('[data-search-region] [data-hit]')];
      return JSON.stringify(shown.map((el) => el.getAttribute('data-hit')).sort()) === JSON.stringify(expected);
    },
    [...ids].sort(),
  );

const marker = (page: Page) => page.evaluate(() => (globalThis as { __marker?: string }).__marker);

async function openSearch(path = '/search') {
  const opened = await h.open();
  await opened.page.goto(path);
  await opened.page.evaluate(() => {
    (globalThis as { __marker?: string }).__marker = 'same document';
  });
  return opened;
}

describe('search page in a browser', () => {
  it('when a query is typed character by character, then the results region updates in place, the URL follows through history, and the hits match', async () => {
    const { page, problems } = await openSearch();
    const historyBefore = await page.evaluate<number>('history.length');

    await page.locator('#search-q').pressSequentially('tenement', { delay: 40 });
    await waitForQuery(page, 'tenement');

    expect(await marker(page)).toBe('same document');
    expect((await hitIds(page)).sort()).toEqual(['coop-vejle', 'flats-lodz']);
    expect(await hitIds(page)).toEqual(await apiIds({ q: 'tenement' }));
    await expect(page.locator('[data-search-region] [role="status"]').innerText()).resolves.toContain('2');
    // One burst of typing is one history entry.
    expect(await page.evaluate<number>('history.length')).toBe(historyBefore + 1);
    expect(problems()).toEqual([]);
  });

  it('when typing runs ahead of a slow answer, then the older answer never replaces the newer results', async () => {
    const { page, problems } = await openSearch();
    let staleDone!: () => void;
    const stale = new Promise<void>((resolve) => (staleDone = resolve));
    // The answer for "seniors" is held back until the newer query has been answered and shown.
    await page.route(
      (url) => url.pathname === '/search' && url.searchParams.get('partial') === '1',
      async (route: Route) => {
        const q = new URL(route.request().url()).searchParams.get('q');
        if (q !== 'seniors') return route.continue();
        const response = await route.fetch();
        await page.waitForURL((url) => url.searchParams.get('q') === 'budget').catch(() => undefined);
        await route.fulfill({ response }).catch(() => undefined); // the page may have aborted it already
        staleDone();
      },
    );
    const box = page.locator('#search-q');

    const seniorsSent = page.waitForRequest((req) => new URL(req.url()).searchParams.get('q') === 'seniors');
    await box.pressSequentially('seniors');
    await seniorsSent;
    await box.fill('');
    await box.pressSequentially('budget');
    await waitForQuery(page, 'budget');
    await stale;
    // Let the stale answer's handlers run, if any were still listening.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));

    expect(paramOf(page, 'q')).toBe('budget');
    expect(await page.locator('#search-q').inputValue()).toBe('budget');
    expect(await hitIds(page)).toEqual(['council-kaunas']);
    expect(await page.locator('[data-search-region]').getAttribute('aria-busy')).toBeNull();
    expect(problems()).toEqual([]);
  });

  it('when the back button is pressed, then each earlier query comes back with its results and input value; forward restores the newer one', async () => {
    const { page, problems } = await openSearch();
    const box = page.locator('#search-q');
    const entries = () => page.evaluate<number>('history.length');
    const start = await entries();

    await box.pressSequentially('tenement');
    await waitForQuery(page, 'tenement');
    await box.press('Enter'); // asking again for what is shown adds no second entry, and ends the burst
    await page.locator('[data-search-region]:not([aria-busy])').waitFor();
    expect(await entries()).toBe(start + 1);
    await box.selectText(); // typing over the selection: no empty query in between
    await box.pressSequentially('seniors');
    await waitForQuery(page, 'seniors');
    await box.press('Tab'); // leaving the box ends the burst too
    await box.selectText();
    await box.pressSequentially('budget');
    await waitForQuery(page, 'budget');
    expect(await entries()).toBe(start + 3);

    await page.goBack();
    await waitForHits(page, ['care-palermo']);
    expect(paramOf(page, 'q')).toBe('seniors');
    expect(await box.inputValue()).toBe('seniors');
    expect(await hitIds(page)).toEqual(['care-palermo']);

    await page.goBack();
    await waitForHits(page, ['coop-vejle', 'flats-lodz']);
    expect(paramOf(page, 'q')).toBe('tenement');
    expect(await box.inputValue()).toBe('tenement');
    expect((await hitIds(page)).sort()).toEqual(['coop-vejle', 'flats-lodz']);

    await page.goForward();
    await waitForHits(page, ['care-palermo']);
    expect(paramOf(page, 'q')).toBe('seniors');
    expect(await box.inputValue()).toBe('seniors');
    expect(await hitIds(page)).toEqual(['care-palermo']);
    expect(await marker(page)).toBe('same document');
    expect(problems()).toEqual([]);
  });

  it('when a facet checkbox is clicked, then the results narrow with a chip, a new query keeps the filter, and the chip removes it', async () => {
    const { page, problems } = await openSearch();
    const youth = page.locator(`[data-facet="themes"] a[data-value="${YOUTH}"]`);

    await youth.click();
    await page.waitForURL((url) => url.searchParams.get('themes') === YOUTH);
    await page.locator('[data-chip]').waitFor();

    expect((await hitIds(page)).sort()).toEqual(['council-kaunas', 'flats-lodz']);
    expect(await youth.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-chip]').innerText()).toContain('Youth retention');
    await screenshot(page, 'search-results-facets');
    expect(await rawTranslationKeys(page)).toEqual([]);

    // The selection travels with the query box.
    await page.locator('#search-q').pressSequentially('tenement');
    await waitForQuery(page, 'tenement');
    expect(paramOf(page, 'themes')).toBe(YOUTH);
    expect(await hitIds(page)).toEqual(['flats-lodz']);

    await page.locator('[data-chip]').click();
    await page.waitForURL((url) => !url.searchParams.has('themes'));
    await waitForHits(page, ['coop-vejle', 'flats-lodz']);
    expect(paramOf(page, 'q')).toBe('tenement');
    expect(await page.locator('[data-chip]').count()).toBe(0);
    expect(await marker(page)).toBe('same document');
    expect(problems()).toEqual([]);
  });

  it('when the sort order is changed, then the results are re-ordered in place and keyboard focus stays on the select', async () => {
    const { page, problems } = await openSearch('/search?q=tenement');

    const sort = page.locator('#search-sort');
    await sort.focus();
    await sort.selectOption('newest');
    await page.waitForURL((url) => url.searchParams.get('sort') === 'newest');

    expect(await page.locator('#search-sort').inputValue()).toBe('newest');
    expect(await page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.id)).toBe('search-sort');
    expect(await hitIds(page)).toEqual(await apiIds({ q: 'tenement', sort: 'newest' }));
    expect(await marker(page)).toBe('same document');
    expect(problems()).toEqual([]);
  });

  it('when JavaScript is off, then the GET form and facet links still search by ordinary page loads', async () => {
    const { page, problems } = await h.open({ javaScriptEnabled: false });
    await page.goto('/search');
    expect(await page.locator('html').getAttribute('class')).toBeNull(); // app.js did not run

    await page.locator('#search-q').fill('tenement');
    await Promise.all([page.waitForURL(/q=tenement/), page.locator('#search-q').press('Enter')]);
    expect((await hitIds(page)).sort()).toEqual(['coop-vejle', 'flats-lodz']);

    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('city') === 'vejle'),
      page.locator('[data-facet="city"] a[data-value="vejle"]').click(),
    ]);
    expect(await hitIds(page)).toEqual(['coop-vejle']);
    expect(await page.locator('#search-q').inputValue()).toBe('tenement');
    expect(problems()).toEqual([]);
  });
});
