import type { User } from '../../server/features/users/users.service';
import { screenshot, startBrowserHarness, type BrowserHarness, signInThroughForm } from '../support/browser';
import { completePracticeBody, createUser } from '../support/factories';

/**
 * WCAG 2.2 "focus not obscured": tabbing through the long practice form, no focused control may sit under
 * the sticky Save bar, on a desktop or on a phone.
 */

let h: BrowserHarness;
let partner: User;
let draftId = '';

type Box = { left: number; top: number; width: number; height: number };
type Focused = {
  tagName: string;
  id: string;
  getBoundingClientRect(): Box;
  contains(other: unknown): boolean;
  closest(selector: string): unknown;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
};
type Doc = {
  document: {
    activeElement: Focused | null;
    body: unknown;
    elementFromPoint(x: number, y: number): unknown;
  };
};

beforeAll(async () => {
  h = await startBrowserHarness();
  partner = await createUser(h.ctx, { role: 'partner', city: 'daugavpils', name: 'Inese Partner' });
  draftId = (await h.ctx.services.practices.create(partner, completePracticeBody())).id;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe.each([
  ['desktop', { width: 1280, height: 900 }],
  ['phone', { width: 360, height: 740 }],
])('the long practice form on a %s', (device, viewport) => {
  it('when every control is reached with Tab, then none is hidden under the sticky Save bar', async () => {
    const { page, problems } = await h.open({ viewport });
    await signInThroughForm(page, partner);
    await page.goto(`/practices/${draftId}/edit`);

    const hidden: string[] = [];
    let stops = 0;
    // Past the form's last control focus leaves the page's content: stop at the footer or after a full round.
    for (let i = 0; i < 300; i += 1) {
      await page.keyboard.press('Tab');
      const state = await page.evaluate((n) => {
        const win = globalThis as unknown as Doc & { innerHeight: number; innerWidth: number };
        const doc = win.document;
        const el = doc.activeElement;
        if (!el || el === doc.body) return { key: 'body', seen: false, covered: false, inForm: false };
        const seenBefore = el.getAttribute('data-tab-stop') !== null;
        el.setAttribute('data-tab-stop', String(n));
        // The centre of the part inside the viewport: a tall textarea is scrolled to its caret, not whole.
        const box = el.getBoundingClientRect();
        const top = Math.max(box.top, 0);
        const bottom = Math.min(box.top + box.height, win.innerHeight);
        const left = Math.max(box.left, 0);
        const right = Math.min(box.left + box.width, win.innerWidth);
        const hit = bottom > top && right > left ? doc.elementFromPoint((left + right) / 2, (top + bottom) / 2) : null;
        return {
          key: `${el.tagName.toLowerCase()}#${el.id || n}`,
          seen: seenBefore,
          covered: !(hit === el || el.contains(hit)),
          inForm: el.closest('.practice-form') !== null,
        };
      }, i);
      if (state.key === 'body' || state.seen) break;
      if (!state.inForm) continue;
      stops += 1;
      if (state.covered) hidden.push(state.key);
    }

    await screenshot(page, `form-focus-${device}`, { fullPage: false });
    expect(stops).toBeGreaterThan(60);
    expect(hidden).toEqual([]);
    expect(problems()).toEqual([]);
  }, 120_000);
});
