import fs from 'node:fs';
import type { Page } from 'playwright-core';
import type { User } from '../../server/features/users/users.service';
import { extractText } from '../../server/lib/text-extraction';
import { englishLeftOn, rawTranslationKeys, screenshot, seriousAxeViolations, startBrowserHarness, type BrowserHarness, type PageProblems } from '../support/browser';
import { createUser } from '../support/factories';
import { publishedPractice } from '../support/recommendations';

/**
 * The recommendations' whole path in a browser, one step after the other as the people would take it:
 * the coordinator builds a recommendation from search results, takes it through consultation with a
 * partner, finalises it and publishes an edition; a partner records their city's adoption; a planner
 * finds it from another language and follows its evidence. Every page on the way is checked with axe.
 */
// Each step is a person's whole errand through several pages: generous limits for a loaded machine.
jest.setTimeout(180_000);

let h: BrowserHarness;
let coordinator: User;
let partner: User;
let planner: User;
const practice = { internships: '', returnees: '', festival: '' };
let recommendationId = '';
let editionId = '';

const TITLE = 'Paid internships that keep young people in their city';
// Latvian for "young people" (jaunieši), typed without its diacritic: found through the cross-language synonyms.
const PLANNER_QUERY = 'jauniesi';

beforeAll(async () => {
  h = await startBrowserHarness();
  coordinator = await createUser(h.ctx, { role: 'coordinator', name: 'Cora Coordinator' });
  partner = await createUser(h.ctx, { role: 'partner', city: 'lodz', name: 'Piotr Partner' });
  planner = await createUser(h.ctx, { role: 'planner', name: 'Paula Planner' });
  const people = { author: partner, reviewer: coordinator };
  practice.internships = await publishedPractice(h.ctx, people, {
    title: 'Młodzi w Łodzi: płatne staże dla studentów',
    titleEn: 'Young people in Łódź: paid internships for students',
    summary: 'Miasto finansuje płatne staże w lokalnych firmach, aby absolwenci zostali w Łodzi.',
    summaryEn: 'The city pays for internships in local firms so that graduates stay in Łódź.',
    city: 'lodz',
    language: 'pl',
    themes: ['youth-retention'],
    indicators: [{ name: 'Internship offers', baseline: 120, value: 350, unit: 'offers', year: 2024 }],
  });
  practice.returnees = await publishedPractice(h.ctx, people, { title: 'Internship fair for returning graduates', titleEn: '', summaryEn: '', language: 'en' });
  practice.festival = await publishedPractice(h.ctx, people, { title: 'Summer festival for the diaspora', titleEn: '', summaryEn: '', language: 'en', city: 'kaunas' });
  await h.ctx.services.searchIndexing.sync.drain();
}, 120_000);

afterAll(async () => {
  await h?.close();
});

/** What a person would notice first on a page: its accessibility, untranslated keys and broken scripts. */
async function checkPage(page: Page, problems: PageProblems, name: string, options: { fullPage?: boolean } = {}) {
  await screenshot(page, name, options);
  expect({ page: name, axe: await seriousAxeViolations(page) }).toEqual({ page: name, axe: [] });
  expect({ page: name, keys: await rawTranslationKeys(page) }).toEqual({ page: name, keys: [] });
  expect({ page: name, problems: problems() }).toEqual({ page: name, problems: [] });
}

/** Submits a form by clicking its button and waits for the page the server answers with. */
async function submit(page: Page, button: ReturnType<Page['locator']>) {
  await Promise.all([page.waitForNavigation(), button.click()]);
}

const idFrom = (page: Page) => /\/recommendations\/([0-9a-f]{24})/.exec(page.url())?.[1] ?? '';

describe('recommendations in a browser', () => {
  let coord: Awaited<ReturnType<BrowserHarness['openSignedIn']>>;

  beforeAll(async () => {
    coord = await h.openSignedIn(coordinator);
  });

  it('when the coordinator writes a recommendation and cites a practice from a search hit, then the recommendation shows it as evidence', async () => {
    const { page, problems } = coord;
    await page.goto('/recommendations');
    await checkPage(page, problems, 'rec-01-list-empty');
    await page.getByRole('link', { name: 'New recommendation' }).click();
    await page.waitForURL('**/recommendations/new');
    await checkPage(page, problems, 'rec-02-new-form', { fullPage: false });

    await page.locator('#title').fill(TITLE);
    await page.locator('#summary').fill('Cities pay part of a student’s internship in a local firm, so that young people find their first job without moving away.');
    await page.locator('#problem').fill('Graduates leave because their **first job** is elsewhere.');
    await page.locator('#measureGroup').selectOption('working-age-people');
    await page.locator('#priority').selectOption('high');
    await page.locator('#themes-youth-retention').check();
    await page.locator('#actions-0-text').fill('Pay half of a paid internship in a **local firm**.');
    await page.locator('#actions-0-lead').fill('Economic development department');
    await page.locator('#actions-0-costBand').selectOption('medium');
    await page.locator('#actions-0-horizon').selectOption('short');
    await page.locator('#preconditions').fill('Local employers willing to take interns.');
    await page.locator('#risks').fill('Firms may replace paid staff with interns.');
    await page.locator('#indicators-0-name').fill('Interns offered a job');
    await page.locator('#indicators-0-unit').fill('people per year');
    await page.locator('#indicators-0-direction').selectOption('up');
    await submit(page, page.getByRole('button', { name: 'Save', exact: true }));
    recommendationId = idFrom(page);
    expect(recommendationId).not.toBe('');
    expect(await page.locator('h1').innerText()).toBe(TITLE);

    // From the search results: the hit's "Cite in a recommendation" link.
    await page.goto('/search?q=staze');
    const hit = page.locator(`[data-cite-practice="${practice.internships}"]`);
    await screenshot(page, 'rec-03-search-hit-cite');
    await hit.click();
    await page.waitForURL('**/recommendations/cite?practice=*');
    await checkPage(page, problems, 'rec-04-cite-form', { fullPage: false });
    await page.locator('#cite-recommendation').selectOption(recommendationId);
    await page.locator('#cite-reason').fill('Łódź offered 350 paid internships in 2024, and most interns were offered further work.');
    await page.getByLabel('Internship offers').check();
    await submit(page, page.getByRole('button', { name: 'Cite the practice' }));

    expect(new URL(page.url()).pathname).toBe(`/recommendations/${recommendationId}`);
    const cited = page.locator(`[data-evidence="${practice.internships}"]`);
    expect(await cited.innerText()).toContain('Łódź offered 350 paid internships');
    expect(await cited.innerText()).toMatch(/120\s*→\s*350/);
    await checkPage(page, problems, 'rec-05-page-with-evidence');
  });

  it('when the coordinator searches practices on the edit page and adds one, then it joins the evidence without leaving the page', async () => {
    const { page, problems } = coord;
    await page.goto(`/recommendations/${recommendationId}/edit`);
    await page.locator('#evidence-q').fill('internship fair');
    await submit(page, page.locator('form[aria-labelledby="evidence-search"] button'));
    expect(page.url()).toContain('q=internship+fair');
    const result = page.locator(`[data-picker-hit="${practice.returnees}"]`);
    await result.locator('textarea').fill('Graduates who return for the fair find internships at home.');
    await submit(page, result.getByRole('button', { name: /Cite this practice/ }));

    expect(new URL(page.url()).pathname).toBe(`/recommendations/${recommendationId}/edit`);
    expect(await page.locator('[data-evidence]').evaluateAll((els) => els.map((el) => el.getAttribute('data-evidence')))).toEqual([practice.internships, practice.returnees]);
    await page.locator('#evidence').scrollIntoViewIfNeeded();
    await checkPage(page, problems, 'rec-06-edit-with-picker', { fullPage: false });
  });

  it('when the recommendation is in consultation, then a partner comments, and the coordinator answers, marks it and finalises', async () => {
    const { page, problems } = coord;
    await page.goto(`/recommendations/${recommendationId}`);
    await submit(page, page.locator('[data-step="open-consultation"]'));
    expect(await page.locator('.status-badge').first().innerText()).toMatch(/consultation/i);

    const p = await h.openSignedIn(partner);
    await p.page.goto(`/recommendations/${recommendationId}`);
    await p.page.locator('#comment-body').fill('In Łódź the firms asked for a simpler contract. Could the action name one?');
    await submit(p.page, p.page.getByRole('button', { name: 'Send comment' }));
    expect(await p.page.locator('[data-comment-kind="comment"]').innerText()).toContain('simpler contract');
    await checkPage(p.page, p.problems, 'rec-07-partner-comment');

    await page.reload();
    const comment = page.locator('[data-comment-kind="comment"]').first();
    await comment.locator('summary').click();
    await comment.locator('textarea').fill('Yes: the action now points to a model contract.');
    await submit(page, comment.getByRole('button', { name: 'Send answer' }));
    await submit(page, page.locator('[data-comment-kind="comment"]').first().locator('[data-mark-button]'));
    const answered = page.locator('[data-comment-kind="comment"]').first();
    expect(await answered.locator('[data-answer-to]').innerText()).toContain('model contract');
    expect(await answered.locator('[data-mark]').getAttribute('data-mark')).toBe('taken-into-account');
    await checkPage(page, problems, 'rec-08-thread-answered');

    await submit(page, page.locator('[data-step="finalise"]'));
    expect(page.url()).toContain('notice=');
    expect(await page.locator('[data-step="withdraw"]').count()).toBe(1);
    await page.goto(`/recommendations/${recommendationId}/history`);
    await checkPage(page, problems, 'rec-09-history');
    await page.goto('/recommendations');
    expect(await page.locator(`a[href="/recommendations/${recommendationId}"]`).first().innerText()).toBe(TITLE);
    await checkPage(page, problems, 'rec-09-list');
  });

  it('when the coordinator publishes an edition, then its PDF and Markdown contain the recommendation and its evidence', async () => {
    const { page, problems } = coord;
    await page.goto('/proposals');
    await checkPage(page, problems, 'rec-10-editions-empty');
    await submit(page, page.locator('[data-new-edition]'));
    if (!new URL(page.url()).pathname.endsWith('/edit')) await page.goto(`${new URL(page.url()).pathname}/edit`);
    editionId = /\/proposals\/([0-9a-f]{24})/.exec(page.url())?.[1] ?? '';
    await page.locator('#introduction').fill('The network’s proposals for **keeping young people**.');
    await page.locator(`[data-choice="${recommendationId}"] input[type="checkbox"]`).check();
    await checkPage(page, problems, 'rec-11-edition-edit');
    await submit(page, page.getByRole('button', { name: 'Save the draft' }));

    await page.goto(`/proposals/${editionId}`);
    await checkPage(page, problems, 'rec-11-edition-draft');
    await page.locator('input[name="confirm"]').check();
    await submit(page, page.locator('[data-publish]'));
    expect(await page.locator('.status-badge').first().innerText()).toMatch(/published/i);
    await checkPage(page, problems, 'rec-12-edition-published');

    const [pdf] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download="pdf"]').click()]);
    const pdfText = (await extractText(fs.readFileSync(await pdf.path()), 'application/pdf')).replace(/\s+/g, ' ');
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(pdfText).toContain(TITLE);
    expect(pdfText).toContain('keeping young people');
    expect(pdfText).toContain('Młodzi w Łodzi');

    const [md] = await Promise.all([page.waitForEvent('download'), page.locator('[data-download="md"]').click()]);
    const markdown = fs.readFileSync(await md.path(), 'utf8');
    expect(md.suggestedFilename()).toMatch(/\.md$/);
    expect(markdown).toContain(`## `);
    expect(markdown).toContain(TITLE);
    expect(markdown).toContain('Pay half of a paid internship in a **local firm**.');
    expect(markdown).toContain('Młodzi w Łodzi');

    await page.goto('/proposals');
    expect(await page.locator(`[data-edition="${editionId}"]`).getAttribute('data-status')).toBe('published');
    await checkPage(page, problems, 'rec-13-editions-list');

    await page.goto(`/proposals/${editionId}/print`);
    await checkPage(page, problems, 'rec-13-edition-print-view');
  });

  it('when a partner records their city’s adoption, then the matrix and the recommendation page show it', async () => {
    const { page, problems } = await h.openSignedIn(partner);
    await page.goto('/adoption');
    await checkPage(page, problems, 'rec-14-adoption-matrix-before');
    await page.locator(`a[href="/adoption/${recommendationId}/lodz"]`).first().click();
    await page.waitForURL(`**/adoption/${recommendationId}/lodz`);
    await page.locator('input[name="status"][value="adopted"]').check();
    await page.locator('#document-name').fill('Łódź Development Strategy 2030+');
    await page.locator('#document-year').fill('2025');
    await page.locator('#document-url').fill('https://example.org/lodz-strategy');
    await page.locator('#note').fill('Taken into the strategy’s youth chapter.');
    await submit(page, page.getByRole('button', { name: 'Save', exact: true }));
    expect(await page.locator('[data-document]').innerText()).toContain('Łódź Development Strategy 2030+ (2025)');
    await checkPage(page, problems, 'rec-15-adoption-cell');

    await page.goto('/adoption');
    expect(await page.locator(`a[href="/adoption/${recommendationId}/lodz"]`).first().innerText()).toMatch(/adopted/i);
    await checkPage(page, problems, 'rec-16-adoption-matrix-after');
    await page.goto(`/recommendations/${recommendationId}`);
    const row = page.locator('[data-adoption-row] tr[data-city="lodz"]');
    expect(await row.innerText()).toMatch(/adopted[\s\S]*Łódź Development Strategy 2030\+ \(2025\)/i);
  });

  it('when a planner searches in another language without diacritics, then the recommendation is found, and its evidence leads to a practice and back', async () => {
    await h.ctx.services.searchIndexing.recommendations.sync.drain();
    const { page, problems } = await h.openSignedIn(planner);
    await page.goto('/search');
    await page.locator('#search-q').fill(PLANNER_QUERY);
    await page.locator('#search-q').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('q') === PLANNER_QUERY);
    const kind = page.locator('[data-kind="recommendations"]');
    await kind.click();
    await page.waitForURL((url) => url.searchParams.get('type') === 'recommendations');
    await page.locator(`[data-hit="${recommendationId}"]`).waitFor();
    await checkPage(page, problems, 'rec-17-planner-search');

    await page.locator(`[data-hit="${recommendationId}"] a`).first().click();
    await page.waitForURL(`**/recommendations/${recommendationId}`);
    expect(await page.locator('h1').innerText()).toBe(TITLE);
    await checkPage(page, problems, 'rec-18-planner-recommendation');

    await page.locator(`[data-evidence="${practice.internships}"] a[href="/practices/${practice.internships}"]`).first().click();
    await page.waitForURL(`**/practices/${practice.internships}`);
    const back = page.locator(`[data-cited-by="${recommendationId}"] a`);
    expect(await back.innerText()).toBe(TITLE);
    await screenshot(page, 'rec-19-planner-practice-cited-by');
    await back.click();
    await page.waitForURL(`**/recommendations/${recommendationId}`);
    expect(await page.locator('h1').innerText()).toBe(TITLE);
    expect(problems()).toEqual([]);
  });

  it('when a planner reads the new pages in Latvian, then they are translated and pass axe', async () => {
    const { page, problems } = await h.openSignedIn(planner);
    await page.goto('/lang/lv');
    const pages: [string, string][] = [
      ['rec-20-lv-list', '/recommendations'],
      ['rec-21-lv-recommendation', `/recommendations/${recommendationId}`],
      ['rec-22-lv-editions', '/proposals'],
      ['rec-23-lv-edition', `/proposals/${editionId}`],
      ['rec-24-lv-adoption', '/adoption'],
      ['rec-25-lv-adoption-cell', `/adoption/${recommendationId}/lodz`],
      ['rec-26-lv-search', `/search?type=recommendations&q=${PLANNER_QUERY}`],
      ['rec-27-lv-home', '/'],
    ];
    for (const [name, path] of pages) {
      await page.goto(path);
      expect(await page.locator('html').getAttribute('lang')).toBe('lv');
      await checkPage(page, problems, name);
      expect({ page: name, english: await englishLeftOn(page, 'lv') }).toEqual({ page: name, english: [] });
    }
  });
});
