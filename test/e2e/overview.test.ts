import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { rawTranslationKeys, screenshot, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { overviewFixture, type OverviewFixture } from '../support/overview-fixtures';

let h: BrowserHarness;
let fx: OverviewFixture;

// A browser, axe and eleven practices taken through the workflow: slow on a shared, loaded machine.
jest.setTimeout(120_000);

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  h = await startBrowserHarness();
  fx = await overviewFixture(h.ctx);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

type AxeViolation = { id: string; impact: string | null; nodes: { target: string[] }[] };

/** axe-core's serious and critical findings on the page (run through the debugging protocol, so the CSP stays as it is). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    type Axe = { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> };
    const page = globalThis as unknown as { axe: Axe; document: unknown };
    return (await page.axe.run(page.document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the overview pages in a browser', () => {
  it('when a visitor opens the dashboard, then its charts are drawn, readable and free of accessibility faults', async () => {
    const { page, problems } = await h.open();
    await page.goto('/dashboard');
    const chart = page.locator('svg.chart-svg').first();
    expect(await chart.isVisible()).toBe(true);
    expect((await chart.boundingBox())?.width).toBeGreaterThan(300);
    expect(await page.locator('[data-table="theme-city"] tbody tr').count()).toBeGreaterThan(5);
    expect(await rawTranslationKeys(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-visitor');
    expect(problems()).toEqual([]);
  });

  it('when the coordinator opens the dashboard, then the pipeline is drawn too', async () => {
    const { page, problems } = await h.openSignedIn(fx.coordinator);
    await page.goto('/dashboard');
    expect(await page.locator('svg.chart-svg').count()).toBe(3);
    expect(await page.locator('[data-table="pipeline"] tr[data-status="submitted"] td').innerText()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-coordinator');
    expect(problems()).toEqual([]);
  });

  it('when a keyboard user follows a heat-map number, then search opens narrowed to that cell', async () => {
    const { page, problems } = await h.open();
    await page.goto('/dashboard');
    const cell = page.locator('[data-theme="youth-retention"] td[data-city="kaunas"] a');
    await cell.focus();
    await Promise.all([page.waitForURL('**/search?**'), page.keyboard.press('Enter')]);
    expect(new URL(page.url()).searchParams.getAll('city')).toEqual(['kaunas']);
    expect(await page.locator('.hit').count()).toBe(2);
    expect(problems()).toEqual([]);
  });

  it('when the map is opened, then the eight cities are drawn on Europe and each is a keyboard-reachable link', async () => {
    const { page, problems } = await h.open();
    await page.goto('/map');
    const cities = page.locator('svg.europe-map a.map-city');
    expect(await cities.count()).toBe(8);
    const box = await page.locator('svg.europe-map').boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'map');
    await page.locator('a.map-city[data-city="lodz"]').focus();
    await Promise.all([page.waitForURL('**/search?city=lodz'), page.keyboard.press('Enter')]);
    expect(problems()).toEqual([]);
  });

  it('when the home page is opened on a phone, then the small map fits the screen', async () => {
    const { page, problems } = await h.open({ viewport: { width: 360, height: 740 } });
    await page.goto('/');
    const map = page.locator('svg.europe-map-small');
    expect((await map.boundingBox())?.width).toBeLessThanOrEqual(360);
    await map.scrollIntoViewIfNeeded();
    await screenshot(page, 'home-map-phone', { fullPage: false });
    expect(problems()).toEqual([]);
  });

  it.each(['en', 'lv'])('when the events and an event page are opened in %s, then they read well and pass axe', async (locale) => {
    {
      const { page, problems } = await h.open({ locale: locale === 'lv' ? 'lv-LV' : 'en-GB' });
      await page.goto('/events');
      expect(await page.locator('.event-card').count()).toBe(5);
      expect(await rawTranslationKeys(page)).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `events-${locale}`);
      await Promise.all([page.waitForURL('**/events/2019-02-palermo-youth'), page.locator('a[href="/events/2019-02-palermo-youth"]').click()]);
      expect(await page.locator('.practice-item').count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, `event-${locale}`);
      expect(problems()).toEqual([]);
    }
  });

  it('when the coordinator adds an event in the form, then it is shown on its page', async () => {
    const { page, problems } = await h.openSignedIn(fx.coordinator);
    await page.goto('/events/new');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#title').fill('Follow-up meeting on remigration');
    await page.locator('#title_lv').fill('Turpinājuma tikšanās par remigrāciju');
    await page.locator('#city').selectOption('oradea');
    await page.locator('#year').fill('2021');
    await page.locator('#month').selectOption('10');
    await page.locator('#startDay').fill('7');
    await screenshot(page, 'event-form', { fullPage: false });
    await Promise.all([page.waitForURL('**/events/2021-10-oradea-**'), page.locator('form.event-form button[type="submit"]').click()]);
    expect(await page.locator('h1').innerText()).toBe('Follow-up meeting on remigration');
    expect(await page.locator('[data-fact="place"]').innerText()).toContain('Oradea');
    expect(problems()).toEqual([]);
  });
});
