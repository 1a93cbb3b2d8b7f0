import type { BrowserContext, Page } from 'playwright-core';
import type { User } from '../../server/features/users/users.service';
import { LANGUAGE_NAMES, LOCALES } from '../../server/lib/i18n';
import { rawTranslationKeys, screenshot, startBrowserHarness, type BrowserHarness, signInThroughForm } from '../support/browser';
import { bearerFor, completePracticeBody, createUser } from '../support/factories';
import { csvOf, dryRun } from '../support/imports';
import { finalRecommendation } from '../support/proposals';
import { completeRecommendationBody } from '../support/recommendations';
import { indexPractices, type PracticeFixture } from '../support/search-documents';

/**
 * Every page, for every role, on a phone (360×740) and a desktop (1280×900): nothing scrolls sideways, and
 * a screenshot of each lands in test-results/screenshots/<width>/ for people to look at.
 */

let h: BrowserHarness;
let partner: User;
let coordinator: User;
let admin: User;
let planner: User;
const ids = {
  published: '',
  draft: '',
  submitted: '',
  recommendation: '',
  draftRecommendation: '',
  edition: '',
  draftEdition: '',
  importJob: '',
};
const EVENT = '2018-05-daugavpils-kick-off';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };

type Role = 'visitor' | 'partner' | 'planner' | 'coordinator' | 'admin';

/** The little of the DOM these tests read inside the page (the project compiles without the DOM library). */
type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };
type El = {
  tagName: string;
  id: string;
  className: unknown;
  parentElement: El | null;
  getBoundingClientRect(): Box;
};
type Doc = {
  document: {
    scrollingElement: { scrollWidth: number } | null;
    querySelectorAll(selector: string): ArrayLike<El>;
  };
  getComputedStyle(el: El): { overflowX: string; position: string };
};

const SEARCH_CORPUS: PracticeFixture[] = [
  { id: 'flats-lodz', city: 'lodz', cityName: 'Łódź', country: 'PL', content: { title: 'Renovated tenement flats for young couples', summary: 'The city renovates empty tenement flats and lets them to young couples below market rent.', themes: ['housing-urban-regeneration', 'youth-retention'], targetGroups: ['youth'] } },
  { id: 'coop-vejle', city: 'vejle', cityName: 'Vejle', country: 'DK', content: { title: 'Cooperative tenement for returning families', summary: 'A housing cooperative reserves tenement flats for families moving back.', themes: ['housing-urban-regeneration'], targetGroups: ['families-with-children'] } },
  { id: 'council-kaunas', city: 'kaunas', cityName: 'Kaunas', country: 'LT', content: { title: 'Youth council with a real budget', summary: 'Pupils decide how part of the city budget is spent.', themes: ['youth-retention', 'civic-participation'], targetGroups: ['youth', 'students'] } },
]; // prettier-ignore

type PageCase = [name: string, path: () => string];
const at = (path: string) => () => path;

const COMMON: PageCase[] = [
  ['home', at('/')],
  ['network', at('/network')],
  ['search', at('/search')],
  ['search-query', at('/search?q=tenement')],
  ['search-recommendations', at('/search?type=recommendations&q=return')],
  // The old browse address: the search page, filtered.
  ['practices', at('/practices?theme=housing-urban-regeneration&city=lodz')],
  ['practice', () => `/practices/${ids.published}`],
  ['practice-print', () => `/practices/${ids.published}/print`],
  ['recommendations', at('/recommendations')],
  ['recommendation', () => `/recommendations/${ids.recommendation}`],
  ['proposals', at('/proposals')],
  ['edition', () => `/proposals/${ids.edition}`],
  ['edition-print', () => `/proposals/${ids.edition}/print`],
  ['adoption', at('/adoption')],
  ['adoption-cell', () => `/adoption/${ids.recommendation}/daugavpils`],
  ['events', at('/events')],
  ['event', at(`/events/${EVENT}`)],
  ['dashboard', at('/dashboard')],
  ['map', at('/map')],
];

/** The pages each role reaches from its menu, and the ones a link leads to. */
const PAGES: Record<Role, PageCase[]> = {
  visitor: [
    ...COMMON,
    ['sign-in', at('/sign-in')],
    ['forgot-password', at('/password/forgot')],
    ['invitation-invalid', at(`/invitations/${'x'.repeat(43)}`)],
    ['not-found', at('/no-such-page')],
  ],
  partner: [
    ...COMMON,
    ['my-city', at('/my-city')],
    ['new-practice', at('/practices/new')],
    ['draft', () => `/practices/${ids.draft}?version=working`],
    ['edit', () => `/practices/${ids.draft}/edit`],
    ['history', () => `/practices/${ids.published}/history`],
    ['history-diff', () => `/practices/${ids.published}/history?from=1&to=3`],
    ['account', at('/account')],
  ],
  planner: [...COMMON, ['account', at('/account')]],
  coordinator: [
    ...COMMON,
    ['review', at('/review')],
    ['submitted', () => `/practices/${ids.submitted}?version=working`],
    ['recommendation-new', at('/recommendations/new')],
    ['recommendation-draft', () => `/recommendations/${ids.draftRecommendation}`],
    ['recommendation-edit', () => `/recommendations/${ids.draftRecommendation}/edit`],
    ['recommendation-history', () => `/recommendations/${ids.recommendation}/history`],
    ['recommendation-cite', () => `/recommendations/cite?practice=${ids.published}`],
    ['edition-draft', () => `/proposals/${ids.draftEdition}`],
    ['edition-edit', () => `/proposals/${ids.draftEdition}/edit`],
    ['event-new', at('/events/new')],
    ['event-edit', at(`/events/${EVENT}/edit`)],
    ['imports', at('/imports')],
    ['import-job', () => `/imports/${ids.importJob}`],
    ['vocabularies', at('/admin/vocabularies')],
    ['search-settings', at('/admin/search')],
    ['users', at('/admin/users')],
  ],
  admin: [
    ...COMMON,
    ['users', at('/admin/users')],
    ['invite', at('/admin/users/invite')],
    ['audit', at('/admin/audit')],
    ['search-settings', at('/admin/search')],
    ['imports', at('/imports')],
    ['edit', () => `/practices/${ids.draft}/edit`],
    ['account', at('/account')],
  ],
};

beforeAll(async () => {
  h = await startBrowserHarness();
  partner = await createUser(h.ctx, { role: 'partner', city: 'daugavpils', name: 'Inese Partner' });
  coordinator = await createUser(h.ctx, { role: 'coordinator', name: 'Dace Coordinator' });
  admin = await createUser(h.ctx, { role: 'admin', name: 'Ada Admin' });
  const practices = h.ctx.services.practices;

  const published = await practices.create(partner, completePracticeBody());
  await practices.submit(partner, published.id);
  await practices.publish(coordinator, published.id);
  ids.published = published.id;

  const draft = await practices.create(partner, completePracticeBody({ title: 'Evening Latvian classes for returning families' }));
  ids.draft = draft.id;
  const submitted = await practices.create(partner, completePracticeBody({ title: 'Childcare vouchers for returning parents' }));
  await practices.submit(partner, submitted.id);
  ids.submitted = submitted.id;

  // The network's output: a final recommendation with its evidence, a draft one, a published edition and
  // the next edition's draft, one city's adoption record, and an import's dry run.
  planner = await createUser(h.ctx, { role: 'planner', name: 'Pia Planner' });
  const rec = await finalRecommendation(h.ctx, { author: partner, coordinator }, { title: 'Return-migration advisers in every regional centre' });
  ids.recommendation = rec.id;
  const draftRec = await h.ctx.services.recommendations.create(coordinator, completeRecommendationBody({ title: 'Family housing on municipal land' }));
  ids.draftRecommendation = draftRec.id;
  const edition = await h.ctx.services.proposals.create(coordinator, { introduction: 'The **first** edition.', recommendations: [rec.id] });
  ids.edition = edition._id.toHexString();
  await h.ctx.services.proposals.publish(coordinator, ids.edition, {});
  const next = await h.ctx.services.proposals.create(coordinator, { introduction: 'The next edition.', recommendations: [rec.id] });
  ids.draftEdition = next._id.toHexString();
  await h.ctx.services.adoption.record(partner, rec.id, 'daugavpils', {
    status: 'adopted',
    document: { name: 'Daugavpils development programme 2021–2027', year: 2021 },
  });
  const job = await dryRun(
    h.ctx.app,
    await bearerFor(h.ctx, coordinator),
    csvOf(['title', 'summary', 'city'], [['Imported youth council practice', 'Pupils decide part of the budget.', 'kaunas'], ['x', '', 'nowhere']]),
    'practices.csv',
  );
  ids.importJob = job.id;

  await indexPractices(h.ctx, SEARCH_CORPUS);
}, 240_000);

afterAll(async () => {
  await h?.close();
});

async function pageAs(role: Role): Promise<{ context: BrowserContext; page: Page; problems: () => string[] }> {
  const opened = await h.open({ viewport: PHONE });
  const user = { partner, planner, coordinator, admin, visitor: undefined }[role];
  if (user) {
    await signInThroughForm(opened.page, user);
  }
  return opened;
}

/** The document's width, and the elements that stick out past the right edge (to say what to fix). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const win = globalThis as unknown as Doc;
    const viewport = 360;
    const culprits: string[] = [];
    const all = win.document.querySelectorAll('body *');
    for (let i = 0; i < all.length; i += 1) {
      const el = all[i] as El;
      const box = el.getBoundingClientRect();
      // What sticks out inside a box that scrolls (a wide table) is that box's business, not the page's.
      let clipped = false;
      for (let up = el.parentElement; up && !clipped; up = up.parentElement) clipped = win.getComputedStyle(up).overflowX !== 'visible';
      if (!clipped && box.right > viewport + 0.5 && box.width > 0) {
        culprits.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : ''}`);
      }
    }
    return { width: win.document.scrollingElement?.scrollWidth ?? 0, culprits: culprits.slice(0, 8) };
  });

describe.each<Role>(['visitor', 'partner', 'planner', 'coordinator', 'admin'])('every page as %s', (role) => {
  let opened: { page: Page; problems: () => string[] };

  beforeAll(async () => {
    opened = await pageAs(role);
  }, 60_000);

  it.each(PAGES[role])('when %s is shown 360 px wide, then it does not scroll sideways (screenshots at 360 and 1280 px)', async (name, path) => {
    const { page, problems } = opened;
    await page.setViewportSize(PHONE);
    await page.goto(path());

    const measured = await overflow(page);
    await screenshot(page, `360/${role}-${name}`);
    await page.setViewportSize(DESKTOP);
    await screenshot(page, `1280/${role}-${name}`);

    expect({ name, ...measured }).toEqual({ name, width: PHONE.width, culprits: [] });
    expect(problems()).toEqual([]);
  }, 60_000);
});

describe('the header on a phone', () => {
  it('when a page is opened 360 px wide without script, then the navigation waits behind "Menu", which opens it', async () => {
    const { page, problems } = await h.open({ viewport: PHONE, javaScriptEnabled: false });
    await page.goto('/network');
    const searchLink = page.locator('.site-header nav a[href="/search"]');

    expect(await searchLink.isVisible()).toBe(false);
    await page.locator('.site-menu > summary').click();
    expect(await searchLink.isVisible()).toBe(true);
    await screenshot(page, '360/visitor-menu-open', { fullPage: false });
    await page.locator('.lang-menu > summary').click();
    expect(await page.locator('.lang-switch a').allInnerTexts()).toEqual(Object.values(LANGUAGE_NAMES));
    await Promise.all([page.waitForURL('**/network'), page.locator('.lang-switch a[lang="lv"]').click()]);
    expect(await page.locator('html').getAttribute('lang')).toBe('lv');
    expect(problems()).toEqual([]);
  });

  it('when the same page is 1280 px wide, then the navigation is shown without a menu button', async () => {
    const { page } = await h.open({ viewport: DESKTOP });
    await page.goto('/network');

    expect(await page.locator('.site-header nav a[href="/search"]').isVisible()).toBe(true);
    expect(await page.locator('.site-menu > summary').isVisible()).toBe(false);
  });
});

describe('search on a phone', () => {
  it('when results are shown 360 px wide, then the first result is on the first screen and the filters wait behind "Filters"', async () => {
    const { page, problems } = await h.open({ viewport: PHONE });
    await page.goto('/search?q=tenement&themes=housing-urban-regeneration');
    const firstHit = page.locator('[data-hit]').first();
    const cityFacet = page.locator('[data-facet="city"]');

    const top = (await firstHit.boundingBox())?.y ?? Infinity;
    expect(top).toBeLessThan(PHONE.height);
    expect(await cityFacet.isVisible()).toBe(false);
    expect(await page.locator('[data-filters-toggle]').innerText()).toBe('Filters (1)');

    await page.locator('[data-filters-toggle]').click();
    expect(await cityFacet.isVisible()).toBe(true);
    // Choosing a filter reloads the results (by script) and keeps the filters open for the next choice.
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('city') === 'lodz', { timeout: 8000 }),
      cityFacet.locator('a', { hasText: 'Łódź' }).click(),
    ]);
    await page.locator('[data-filters-toggle]', { hasText: 'Filters (2)' }).waitFor({ timeout: 8000 });
    expect(await page.locator('[data-filters]').getAttribute('open')).not.toBeNull();
    expect(await cityFacet.isVisible()).toBe(true);
    await screenshot(page, '360/visitor-search-filters-open', { fullPage: false });
    expect(problems()).toEqual([]);
  });

  it('when the same search is 1280 px wide, then the filters are shown beside the results', async () => {
    const { page } = await h.open({ viewport: DESKTOP });
    await page.goto('/search?q=tenement');

    expect(await page.locator('[data-facet="city"]').isVisible()).toBe(true);
    expect(await page.locator('[data-filters-toggle]').isVisible()).toBe(false);
    const facets = await page.locator('.search-facets').boundingBox();
    const results = await page.locator('.search-results').boundingBox();
    expect(facets && results && facets.x + facets.width <= results.x).toBe(true);
  });
});

describe('table captions on a phone', () => {
  it.each([
    ['adoption', '/adoption'],
    ['dashboard', '/dashboard'],
    ['map', '/map'],
  ])('when %s is shown 360 px wide, then each table caption wraps inside the screen and stays there while its table scrolls', async (name, path) => {
    const { page, problems } = await h.open({ viewport: PHONE });
    await page.goto(path);
    const captions = page.locator('.table-scroll caption .caption-text');
    const inside = async () =>
      (
        await Promise.all(
          (await captions.all()).map(async (caption) => {
            // Tables a phone does not show (display: none) have no box to measure.
            if (!(await caption.isVisible())) return undefined;
            const box = await caption.boundingBox();
            return { text: (await caption.innerText()).slice(0, 30), inside: box !== null && box.x >= 0 && box.x + box.width <= PHONE.width };
          }),
        )
      ).filter((c) => c !== undefined);

    const before = await inside();
    expect(before.length).toBeGreaterThan(0);
    // Scroll every table box to its right end: the caption keeps to the visible part.
    await page.locator('.table-scroll').evaluateAll((boxes) => {
      for (const box of boxes as unknown as { scrollLeft: number; scrollWidth: number }[]) box.scrollLeft = box.scrollWidth;
    });
    const scrolled = await inside();
    await screenshot(page, `360/visitor-${name}-captions-scrolled`);

    expect(before.filter((c) => !c.inside)).toEqual([]);
    expect(scrolled.filter((c) => !c.inside)).toEqual([]);
    expect(problems()).toEqual([]);
  }, 60_000);
});

describe('every language on a phone', () => {
  const LANGUAGE_PAGES: PageCase[] = [
    ['home', at('/')],
    ['network', at('/network')],
    ['search-query', at('/search?q=tenement')],
    ['practice', () => `/practices/${ids.published}`],
    ['sign-in', at('/sign-in')],
  ];

  it.each(LOCALES)('when the pages are read in %s 360 px wide, then none scrolls sideways and no key shows raw', async (locale) => {
    const { context, page, problems } = await h.open({ viewport: PHONE });
    await context.addCookies([{ name: 'lang', value: locale, url: h.baseUrl }]);
    const wide: { name: string; width: number; culprits: string[] }[] = [];
    const raw: string[] = [];

    for (const [name, path] of LANGUAGE_PAGES) {
      await page.goto(path());
      expect(await page.locator('html').getAttribute('lang')).toBe(locale);
      const measured = await overflow(page);
      if (measured.width > PHONE.width) wide.push({ name, ...measured });
      raw.push(...(await rawTranslationKeys(page)));
      await screenshot(page, `360/lang-${locale}-${name}`);
    }

    expect(wide).toEqual([]);
    expect(raw).toEqual([]);
    expect(problems()).toEqual([]);
  }, 90_000);

  it('when the administrator reads the widest pages in German, then none scrolls sideways', async () => {
    const { context, page, problems } = await pageAs('admin');
    await context.addCookies([{ name: 'lang', value: 'de', url: h.baseUrl }]);
    const wide: { name: string; width: number; culprits: string[] }[] = [];

    for (const [name, path] of PAGES.admin) {
      await page.goto(path());
      const measured = await overflow(page);
      if (measured.width > PHONE.width) wide.push({ name, ...measured });
    }
    await screenshot(page, '360/lang-de-admin-account');

    expect(wide).toEqual([]);
    expect(problems()).toEqual([]);
  }, 90_000);
});

describe('pages reached by a form, on a phone', () => {
  it('when an administrator invites someone and hands out a reset link, and the invitee opens the link, then no page scrolls sideways', async () => {
    const { page, problems } = await pageAs('admin');
    const wide: { name: string; width: number; culprits: string[] }[] = [];
    const check = async (name: string) => {
      const measured = await overflow(page);
      if (measured.width > PHONE.width) wide.push({ name, ...measured });
      await screenshot(page, `360/admin-${name}`);
    };

    await page.goto('/admin/users/invite');
    await page.locator('#email').fill('new.planner.with.a.rather.long.address@municipality.example.test');
    await page.locator('#name').fill('Nina Planner');
    await page.locator('#role').selectOption('planner');
    await page.locator('main form button[type="submit"]').click();
    await page.locator('[data-invitation-link]').waitFor();
    await check('invitation-created');
    const link = (await page.locator('[data-invitation-link]').innerText()).trim();

    await page.goto('/admin/users');
    await page.locator(`[data-user="${partner.email}"] [data-form="reset-link"] button`).click();
    await page.locator('[data-reset-link]').waitFor();
    await check('reset-link');

    const invitee = await h.open({ viewport: PHONE });
    await invitee.page.goto(new URL(link).pathname);
    const measured = await overflow(invitee.page);
    if (measured.width > PHONE.width) wide.push({ name: 'invitation-accept', ...measured });
    await screenshot(invitee.page, '360/visitor-invitation-accept');

    expect(wide).toEqual([]);
    expect(problems()).toEqual([]);
    expect(invitee.problems()).toEqual([]);
  }, 90_000);
});
