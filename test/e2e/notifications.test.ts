import type { Page } from 'playwright-core';
import type { User } from '../../server/features/users/users.service';
import { englishLeftOn, rawTranslationKeys, screenshot, seriousAxeViolations, startBrowserHarness, type BrowserHarness, type PageProblems } from '../support/browser';
import { createUser } from '../support/factories';
import { draftPractice } from '../support/practice-pages';

/**
 * Notifications and the reviewer's desk in a browser: a partner hears that changes were requested and
 * follows the notification by keyboard; the coordinator finds the resubmission marked in the queue, sees
 * what changed, and the counts on the home page. Every page is checked with axe.
 */
jest.setTimeout(180_000);

let h: BrowserHarness;
let partner: User;
let coordinator: User;
let practiceId = '';

beforeAll(async () => {
  h = await startBrowserHarness();
  partner = await createUser(h.ctx, { role: 'partner', city: 'daugavpils', name: 'Anna Author' });
  coordinator = await createUser(h.ctx, { role: 'coordinator', name: 'Cora Coordinator' });
  const practices = h.ctx.services.practices;
  const draft = await draftPractice(h.ctx, partner, { title: 'Youth centre in an empty school' });
  practiceId = draft.id;
  await practices.submit(partner, practiceId);
  await practices.requestChanges(coordinator, practiceId, { reason: 'Please give the 2019 figures.' });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

async function checkPage(page: Page, problems: PageProblems, name: string) {
  await screenshot(page, name);
  expect({ page: name, axe: await seriousAxeViolations(page) }).toEqual({ page: name, axe: [] });
  expect({ page: name, keys: await rawTranslationKeys(page) }).toEqual({ page: name, keys: [] });
  expect({ page: name, problems: problems() }).toEqual({ page: name, problems: [] });
}

describe('notifications and the reviewer’s desk in a browser', () => {
  it('when changes were requested, then the partner sees the count in the header and follows the notification by keyboard to the practice', async () => {
    const { page, problems } = await h.openSignedIn(partner);
    await page.goto('/');
    expect(await page.locator('.notifications-link').getAttribute('data-unread-count')).toBe('1');

    await page.goto('/notifications');
    await checkPage(page, problems, 'notifications-01-list');
    const link = page.locator('[data-notification] a').first();
    await link.focus();
    await Promise.all([page.waitForURL(`**/practices/${practiceId}?version=working*`), page.keyboard.press('Enter')]);
    expect(await page.locator('.notifications-link').getAttribute('data-unread-count')).toBe('0');

    await page.goto('/account/notifications');
    await checkPage(page, problems, 'notifications-02-preferences');
    await page.locator('#email-published').focus();
    await page.keyboard.press('Space');
    await Promise.all([page.waitForURL('**/account/notifications?notice=saved'), page.getByRole('button', { name: 'Save' }).press('Enter')]);
    expect(await page.locator('#email-published').isChecked()).toBe(false);

    await page.goto('/lang/lv?next=/notifications');
    await checkPage(page, problems, 'notifications-03-list-lv');
    expect(await englishLeftOn(page, 'lv')).toEqual([]);
  });

  it('when the partner resubmits, then the coordinator finds it marked in the queue, sees what changed, and the home page counts it', async () => {
    await h.ctx.services.practices.update(partner, practiceId, { revision: 3, summary: 'Young people ran the empty school as a youth centre: 240 visitors a week in 2019.' });
    await h.ctx.services.practices.submit(partner, practiceId);
    const { page, problems } = await h.openSignedIn(coordinator);

    await page.goto('/review');
    await checkPage(page, problems, 'desk-01-review-queue');
    expect(await page.locator(`tr[data-practice="${practiceId}"] [data-resubmitted]`).count()).toBe(1);

    await page.goto(`/practices/${practiceId}?version=working`);
    await checkPage(page, problems, 'desk-02-what-changed');
    expect(await page.locator('[data-since-changes] [data-diff-field="summary"]').count()).toBe(1);

    await page.goto('/');
    await checkPage(page, problems, 'desk-03-home-counts');
    expect(await page.locator('[data-desk-count="reviews"]').innerText()).toBe('1');
  });
});
