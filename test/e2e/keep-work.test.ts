import { ObjectId } from 'mongodb';
import type { User } from '../../server/features/users/users.service';
import { screenshot, startBrowserHarness, type BrowserHarness } from '../support/browser';
import { completePracticeBody, createUser } from '../support/factories';

/**
 * Nothing typed is lost by a click: the long form keeps a draft in the browser and offers it back, a
 * changed form asks before the page is left, deleting asks first, and a refused action lands at its message.
 */

let h: BrowserHarness;
let partner: User;
let coordinator: User;

type Doc = { document: { activeElement: { id: string } | null } };

beforeAll(async () => {
  h = await startBrowserHarness();
  partner = await createUser(h.ctx, { role: 'partner', city: 'daugavpils', name: 'Inese Partner' });
  coordinator = await createUser(h.ctx, { role: 'coordinator', name: 'Dace Coordinator' });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe('the long practice form', () => {
  it('when the page is left with text typed and opened again, then the browser offers the text back, and restoring puts it in place', async () => {
    const { page, problems } = await h.openSignedIn(partner, { viewport: { width: 1280, height: 900 } });
    const draft = await h.ctx.services.practices.create(partner, completePracticeBody({ title: 'Evening classes for returning families' }));
    await page.goto(`/practices/${draft.id}/edit`);
    expect(await page.locator('[data-draft-offer]').isVisible()).toBe(false);

    await page.locator('#title').fill('Evening classes for returning families and their children');
    // The draft is written a moment after typing stops.
    await page.waitForFunction(() => (globalThis as unknown as { localStorage: { length: number } }).localStorage.length > 0);
    // Leaving by a link asks first (the browser's own dialog); dismissed, the page stays.
    const asked = page.waitForEvent('dialog');
    const click = page.locator('.site-header nav a[href="/network"]').click();
    const dialog = await asked;
    expect(dialog.type()).toBe('beforeunload');
    await dialog.dismiss();
    await click;
    expect(new URL(page.url()).pathname).toBe(`/practices/${draft.id}/edit`);

    // Leaving anyway, and coming back: the typed title is offered back.
    page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([page.waitForURL('**/network'), page.locator('.site-header nav a[href="/network"]').click()]);
    await page.goto(`/practices/${draft.id}/edit`);
    const offer = page.locator('[data-draft-offer]');
    await offer.waitFor({ state: 'visible' });
    expect(await page.locator('#title').inputValue()).toBe('Evening classes for returning families');
    expect(await offer.innerText()).toContain('This browser kept text you typed in this form on');
    await screenshot(page, '1280/partner-draft-offer', { fullPage: false });

    await offer.locator('[data-draft-restore]').click();
    expect(await page.locator('#title').inputValue()).toBe('Evening classes for returning families and their children');
    expect(await offer.isVisible()).toBe(false);

    // Saving sends it and forgets the kept copy: the next visit offers nothing.
    await Promise.all([page.waitForURL((url) => url.pathname === `/practices/${draft.id}`), page.locator('.practice-form button[type="submit"]').first().click()]);
    await page.goto(`/practices/${draft.id}/edit`);
    expect(await page.locator('#title').inputValue()).toBe('Evening classes for returning families and their children');
    expect(await page.locator('[data-draft-offer]').isVisible()).toBe(false);
    expect(problems()).toEqual([]);
  }, 90_000);
});

describe('the practice page', () => {
  it('when a partner deletes a draft, then a first click only asks, the second deletes, and Undo on their city page brings it back', async () => {
    const { page, problems } = await h.openSignedIn(partner, { viewport: { width: 1280, height: 900 } });
    const draft = await h.ctx.services.practices.create(partner, completePracticeBody({ title: 'A draft to delete' }));
    await page.goto(`/practices/${draft.id}?version=working`);
    const yes = page.locator('[data-step="delete"]');

    expect(await yes.isVisible()).toBe(false);
    await page.locator('.confirm-step > summary', { hasText: 'Delete' }).click();
    expect(await page.locator('.confirm-panel').first().innerText()).toContain('Delete this practice?');
    await screenshot(page, '1280/partner-delete-confirm', { fullPage: false });
    await Promise.all([page.waitForURL((url) => url.searchParams.get('notice') === 'deleted'), yes.click()]);

    expect((await h.ctx.db.collection('practices').findOne({ _id: new ObjectId(draft.id) }))?.deleted).toBe(true);
    const offer = page.locator(`[data-undo="${draft.id}"]`);
    expect(await offer.innerText()).toMatch(/You deleted “A draft to delete”\. You can undo this until .+ \(30 minutes after the change\)\./);
    await screenshot(page, '1280/partner-undo-offer', { fullPage: false });
    await Promise.all([page.waitForURL((url) => url.searchParams.get('notice') === 'undeleted'), offer.getByRole('button', { name: 'Undo' }).click()]);
    expect((await h.ctx.db.collection('practices').findOne({ _id: new ObjectId(draft.id) }))?.deleted).toBe(false);
    expect(problems()).toEqual([]);
  }, 60_000);

  it('when the coordinator sends a rejection without a reason, then the page opens at the reason with focus, and the top links to it', async () => {
    const { page } = await h.openSignedIn(coordinator, { viewport: { width: 1280, height: 900 } });
    const practice = await h.ctx.services.practices.create(partner, completePracticeBody({ title: 'A practice to reject' }));
    await h.ctx.services.practices.submit(partner, practice.id);
    await page.goto(`/practices/${practice.id}?version=working`);

    await Promise.all([page.waitForLoadState('load'), page.locator('form[action$="/reject#reject-reason"] button[type="submit"]').click()]);
    await page.waitForFunction(() => (globalThis as unknown as Doc).document.activeElement?.id === 'reject-reason');

    expect(new URL(page.url()).hash).toBe('#reject-reason');
    expect(await page.locator('[data-problem-summary] a').getAttribute('href')).toBe('#reject-reason');
    const reason = await page.locator('#reject-reason').boundingBox();
    expect(reason && reason.y >= 0 && reason.y < 900).toBe(true);
    await screenshot(page, '1280/coordinator-reject-refused', { fullPage: false });
  }, 60_000);
});
