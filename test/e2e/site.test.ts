import { rawTranslationKeys, screenshot, startBrowserHarness, type BrowserHarness } from '../support/browser';

let h: BrowserHarness;

beforeAll(async () => {
  h = await startBrowserHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('home page in a browser', () => {
  it('when the home page is opened, then it renders styled, with its script and no raw translation keys or errors', async () => {
    const { page, problems } = await h.open();

    await page.goto('/');

    expect(await page.locator('html').getAttribute('class')).toBe('js'); // app.js ran under the CSP
    // The stylesheet applied: the header is a flex row, not the browser's default block.
    expect(
      await page.locator('.header-row').evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).display),
    ).toBe('flex');
    expect(await page.locator('[data-count="cities"]').innerText()).toBe('8');
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'home-en');
    expect(problems()).toEqual([]);
  });

  it('when "Latviešu" is chosen in the language switcher, then the same page comes back in Latvian and stays so', async () => {
    const { page, problems } = await h.open();
    await page.goto('/network');

    await page.locator('.lang-menu > summary').click();
    await Promise.all([page.waitForURL('**/network'), page.locator('.lang-switch a[lang="lv"]').click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    await page.goto('/');

    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    expect(await page.locator('.lang-switch a[aria-current="true"]').getAttribute('lang')).toBe('lv');
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'home-lv');
    expect(problems()).toEqual([]);
  });
});
