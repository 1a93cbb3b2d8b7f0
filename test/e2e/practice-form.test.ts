import { Types } from 'mongoose';
import type { Page } from 'playwright-core';
import type { User } from '../../server/features/users/users.service';
import { rawTranslationKeys, screenshot, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { completePracticeBody, createUser } from '../support/factories';
import { samplePng } from '../support/sample-files';

let h: BrowserHarness;
let partner: User;
let admin: User;

/** The little of the DOM these tests read inside the page (the project compiles without the DOM library). */
type Doc = { document: { activeElement: { id: string } | null } };
const focusedId = (page: Page) => page.evaluate(() => (globalThis as unknown as Doc).document.activeElement?.id ?? '');

beforeAll(async () => {
  h = await startBrowserHarness();
  partner = await createUser(h.ctx, { role: 'partner', city: 'daugavpils', name: 'Inese Partner' });
  admin = await createUser(h.ctx, { role: 'admin', name: 'Ada Admin' });
});

afterAll(async () => {
  await h?.close();
});

const TYPED = {
  title: 'Evening Latvian classes for returning families',
  description:
    '## How it works\n\nTeachers meet **returning families** twice a week.\n\n- free of charge\n- childcare on site',
  indicatorName: 'Families enrolled',
  indicatorValue: '42',
  indicatorUnit: 'families',
  indicatorYear: '2019',
};

async function fillSomeFields(page: Page) {
  await page.locator('#title').fill(TYPED.title);
  await page.locator('#description').fill(TYPED.description);
  await page.locator('#indicators-0-name').fill(TYPED.indicatorName);
  await page.locator('#indicators-0-value').fill(TYPED.indicatorValue);
  await page.locator('#indicators-0-unit').fill(TYPED.indicatorUnit);
  await page.locator('#indicators-0-year').fill(TYPED.indicatorYear);
}

async function expectTypedValuesKept(page: Page) {
  expect(await page.locator('#title').inputValue()).toBe(TYPED.title);
  expect(await page.locator('#description').inputValue()).toBe(TYPED.description);
  expect(await page.locator('#indicators-0-name').inputValue()).toBe(TYPED.indicatorName);
  expect(await page.locator('#indicators-0-value').inputValue()).toBe(TYPED.indicatorValue);
  expect(await page.locator('#indicators-0-unit').inputValue()).toBe(TYPED.indicatorUnit);
  expect(await page.locator('#indicators-0-year').inputValue()).toBe(TYPED.indicatorYear);
  expect(await page.locator('#city').inputValue()).toBe('daugavpils');
}

describe('practice form in a browser', () => {
  it('when "Save and submit" misses mandatory fields, then the focused error summary links to each field and everything typed is kept; "Save draft" then saves and the page shows the Markdown rendered', async () => {
    const { page, problems } = await h.openSignedIn(partner);
    await page.goto('/practices/new');
    await fillSomeFields(page);
    const photo = { name: 'class-photo.png', mimeType: 'image/png', buffer: samplePng() };
    await page.locator('#attachments').setInputFiles(photo);

    const [refused] = await Promise.all([
      page.waitForResponse((res) => res.url().endsWith('/practices') && res.request().method() === 'POST'),
      page.getByRole('button', { name: 'Save and submit for review' }).click(),
    ]);
    expect(refused.status()).toBe(422);
    const summary = page.locator('[data-error-summary]');
    await summary.waitFor();

    // The summary has focus, so keyboard and screen-reader users land on it.
    expect(await summary.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await expectTypedValuesKept(page);
    const summaryLink = summary.locator('a[href="#summary"]');
    expect(await summaryLink.innerText()).toBe('Short summary: This is required before the practice can be submitted.');
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'practice-form-errors', { fullPage: false }); // the form's action bar is sticky

    await summaryLink.click();
    expect(await focusedId(page)).toBe('summary');
    // A group of checkboxes has no control of its own: its link focuses the first box.
    await summary.locator('a[href="#themes"]').click();
    expect(await focusedId(page)).toMatch(/^themes-/);
    // Nothing was saved, and a browser cannot keep the chosen file: the form says so and names it.
    const again = await page.locator('[data-files-again]').innerText();
    expect(again).toContain('Please choose your files again');
    expect(again).toContain('class-photo.png');
    await page.locator('#attachments').setInputFiles(photo);

    await Promise.all([
      page.waitForURL((url) => /^\/practices\/[0-9a-f]{24}$/.test(url.pathname)),
      page.getByRole('button', { name: 'Save draft' }).click(),
    ]);

    expect(new URL(page.url()).searchParams.get('notice')).toBe('created');
    await expect(page.locator('h1').innerText()).resolves.toBe(TYPED.title);
    const description = page.locator('#section-description [data-markdown]');
    expect(await description.locator('h2, h3').first().innerText()).toBe('How it works');
    expect(await description.locator('strong').innerText()).toBe('returning families');
    expect(await description.locator('li').allInnerTexts()).toEqual(['free of charge', 'childcare on site']);
    expect(await page.locator('body').innerText()).not.toContain('**returning families**');
    expect(await page.locator('#section-results table').innerText()).toContain(TYPED.indicatorName);
    expect(await page.locator('#attachments .attachment-list').innerText()).toContain('class-photo.png');
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const stored = await h.ctx.db
      .collection('practices')
      .findOne({ _id: new Types.ObjectId(id) }, { projection: { working: 1, status: 1 } });
    expect(stored).toMatchObject({ status: 'draft', working: { title: TYPED.title, attachments: [{ originalName: 'class-photo.png' }] } });
    // Browsers send a textarea's line breaks as CRLF (HTML form submission); the text is otherwise as typed.
    expect(String(stored?.working.description).replace(/\r\n/g, '\n')).toBe(TYPED.description);
    expect(problems()).toEqual([]);
  });

  it('when an administrator chooses "another European city", then the city name and country fields appear, and hide again for a network city', async () => {
    const { page, problems } = await h.openSignedIn(admin);
    await page.goto('/practices/new');
    const otherCityFields = page.locator('[data-other-city]');

    expect(await otherCityFields.isVisible()).toBe(false);
    await page.locator('#city').selectOption('other');
    expect(await otherCityFields.isVisible()).toBe(true);
    expect(await page.locator('#cityName').isVisible()).toBe(true);
    expect(await page.locator('#country').isVisible()).toBe(true);
    await page.locator('#city').selectOption('kaunas');
    expect(await otherCityFields.isVisible()).toBe(false);
    expect(problems()).toEqual([]);
  });

  it('when a published practice is opened, then the page renders without raw translation keys or script errors', async () => {
    const created = await h.ctx.services.practices.create(
      partner,
      completePracticeBody({
        description: 'An adviser answers **every** question a returning family has:\n\n1. jobs\n2. schools\n3. housing',
        results: '68 families returned in the first two years and **61 stayed**.',
      }),
    );
    await h.ctx.services.practices.submit(partner, created.id);
    await h.ctx.services.practices.publish(admin, created.id);
    const { page, problems } = await h.open();

    await page.goto(`/practices/${created.id}`);

    await expect(page.locator('h1').innerText()).resolves.toBe('Return-migration advisers in Latgale');
    expect(await page.locator('#section-results [data-markdown] strong').innerText()).toBe('61 stayed');
    expect(await rawTranslationKeys(page)).toEqual([]);
    await screenshot(page, 'practice-page');
    expect(problems()).toEqual([]);
  });
});
