import type { Page } from 'playwright-core';
import path from 'node:path';
import { englishLeftOn, rawTranslationKeys, SCREENSHOT_DIR, screenshot, seriousAxeViolations, startBrowserHarness, type BrowserHarness, signInThroughForm } from '../support/browser';
import { overviewFixture, type OverviewFixture } from '../support/overview-fixtures';
import { recommendationOverviewFixture } from '../support/recommendation-overview';

let h: BrowserHarness;
let fx: OverviewFixture;

// A browser, axe, practices and recommendations taken through their workflows: slow on a shared machine.
jest.setTimeout(180_000);

beforeAll(async () => {
  h = await startBrowserHarness();
  fx = await overviewFixture(h.ctx);
  await recommendationOverviewFixture(h.ctx, fx);
}, 300_000);

afterAll(async () => {
  await h?.close();
});

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 360, height: 740 },
] as const;

const PAGES = [
  { name: 'dashboard', path: '/dashboard' },
  { name: 'map', path: '/map' },
  { name: 'event', path: '/events/2019-02-palermo-youth' },
] as const;

/** How much wider than the window the document is (0 when nothing makes the page scroll sideways). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } }; innerWidth: number });
    return Math.max(0, doc.document.documentElement.scrollWidth - doc.innerWidth);
  });

describe('recommendations on the overview pages, in a browser', () => {
  for (const viewport of VIEWPORTS) {
    for (const target of PAGES) {
      it(`when a visitor opens the ${target.name} at ${viewport.width}×${viewport.height}, then it fits the window and axe finds nothing serious`, async () => {
        const { page, problems } = await h.open({ viewport: { width: viewport.width, height: viewport.height }, locale: 'en-GB' });
        await page.goto(target.path);
        await screenshot(page, `recs-${target.name}-${viewport.name}`);
        // The sections this work added, each on its own (a full phone page is too tall to read at once).
        for (const heading of ['evidence-heading', 'adoption-heading', 'recommendations-heading']) {
          const section = page.locator(`section[aria-labelledby="${heading}"]`);
          if ((await section.count()) > 0) await section.screenshot({ path: path.join(SCREENSHOT_DIR, `recs-${target.name}-${viewport.name}-${heading}.png`) });
        }
        expect(await rawTranslationKeys(page)).toEqual([]);
        expect(await seriousAxeViolations(page)).toEqual([]);
        expect(await overflow(page)).toBe(0);
        expect(problems()).toEqual([]);
      });
    }
  }

  it('when a visitor reads the dashboard, then the evidence and adoption charts are drawn beside their tables', async () => {
    const { page, problems } = await h.open({ viewport: { width: 1280, height: 900 } });
    await page.goto('/dashboard');
    expect(await page.locator('#evidence-heading ~ .chart-then-table svg.chart-svg').isVisible()).toBe(true);
    expect(await page.locator('[data-table="evidence"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-table="adoption-matrix"] tbody tr').count()).toBe(2);
    expect(await page.locator('[data-table="adoption-cities"] tr[data-city="daugavpils"] [data-col="in-plans"]').innerText()).toBe('2');
    // A heat-map cell is a link a keyboard reaches, to the city's record of that recommendation.
    const cell = page.locator('[data-table="adoption-matrix"] td[data-city="kaunas"] a').first();
    await cell.focus();
    await Promise.all([page.waitForURL('**/adoption/**/kaunas'), page.keyboard.press('Enter')]);
    expect(problems()).toEqual([]);
  });

  it('when the coordinator opens the dashboard on a phone, then drafts and withdrawn evidence show and the page still fits', async () => {
    const { page, problems } = await h.open({ viewport: { width: 360, height: 740 } });
    await signInThroughForm(page, fx.coordinator);
    await page.goto('/dashboard');
    expect(await page.locator('[data-table="evidence"] tbody tr').count()).toBe(4);
    expect(await page.locator('[data-table="evidence"] [data-col="withdrawn"]').count()).toBe(4);
    await screenshot(page, 'recs-dashboard-coordinator-phone');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBe(0);
    expect(problems()).toEqual([]);
  });

  it('when a recommendation is printed, then the print view reads well on a phone and passes axe', async () => {
    const { page, problems } = await h.open({ viewport: { width: 360, height: 740 } });
    await page.goto('/recommendations');
    const first = page.locator('.rec-list a').first();
    await Promise.all([page.waitForURL('**/recommendations/*'), first.click()]);
    await Promise.all([page.waitForURL('**/print'), page.locator('a[data-export="print"]').click()]);
    await screenshot(page, 'recs-print-phone');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await overflow(page)).toBe(0);
    expect(problems()).toEqual([]);
  });

  it('when a visitor reads these pages in Latvian, then no English is left on them', async () => {
    const { page, problems } = await h.open({ viewport: { width: 1280, height: 900 } });
    await page.goto('/lang/lv');
    for (const target of [...PAGES, { name: 'home', path: '/' }, { name: 'recommendations', path: '/recommendations' }]) {
      await page.goto(target.path);
      expect(await page.locator('html').getAttribute('lang')).toBe('lv');
      expect({ page: target.name, english: await englishLeftOn(page, 'lv') }).toEqual({ page: target.name, english: [] });
      expect(await rawTranslationKeys(page)).toEqual([]);
    }
    await screenshot(page, 'recs-recommendations-lv');
    expect(problems()).toEqual([]);
  });
});
