import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { catalogs, pluralBase } from '../../server/lib/i18n';
import { TEST_PASSWORD } from './factories';
import { createTestContext, type TestContext } from './test-context';

/**
 * Browser end-to-end tests: the app in-process on a loopback port and Debian's Chromium driven through
 * playwright-core. Playwright never downloads a browser here; a machine without Chromium fails loudly.
 */

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.join(__dirname, '..', '..', 'test-results', 'screenshots');

// The background-networking flags keep Chromium from calling home: on a closed network those calls
// would only pile up refused connections.
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** What a page reported that a working page never does: uncaught exceptions, console errors (CSP included). */
export type PageProblems = () => string[];
export type BrowserHarness = {
  ctx: TestContext;
  baseUrl: string;
  browser: Browser;
  /** A fresh browser context (its own cookies) and page, with its problems collected. */
  open(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }>;
  /** The same, signed in as the user through the real sign-in form. */
  openSignedIn(
    user: { email: string },
    options?: BrowserContextOptions,
  ): Promise<{ context: BrowserContext; page: Page; problems: PageProblems }>;
  close(): Promise<void>;
};

function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM_PATH}. Install it with: ` +
        'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium',
    );
  }
}

async function listen(ctx: TestContext): Promise<http.Server> {
  const server = http.createServer(ctx.app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return server;
}

/**
 * Records what the page reports; a test asserts the list is empty at its end. A page answered with an
 * error status (a refused form's 422) is logged by Chromium too: that is the test's to assert, not a fault,
 * while a failed script, style, image or fetch is.
 */
export function watchProblems(page: Page): PageProblems {
  const reported: { text: string; url: string }[] = [];
  const documents = new Set<string>();
  page.on('pageerror', (err) => reported.push({ text: `pageerror: ${err.message}`, url: '' }));
  page.on('console', (msg) => {
    if (msg.type() === 'error') reported.push({ text: `console.error: ${msg.text()}`, url: msg.location().url });
  });
  page.on('response', (res) => {
    if (res.request().resourceType() === 'document') documents.add(res.url());
  });
  return () =>
    reported
      .filter((p) => !(p.text.startsWith('console.error: Failed to load resource') && documents.has(p.url)))
      .map((p) => (p.url ? `${p.text} (${p.url})` : p.text));
}

export async function startBrowserHarness(env: Record<string, string> = {}): Promise<BrowserHarness> {
  assertChromium();
  const ctx = await createTestContext(env);
  const server = await listen(ctx);
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Playwright gives every launch a fresh profile (--user-data-dir) in a temp dir and deletes it on close.
  const browser = await chromium
    .launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 })
    .catch(async (err: unknown) => {
      server.close();
      await ctx.close();
      throw err;
    });
  const contexts: BrowserContext[] = [];
  async function open(options: BrowserContextOptions = {}) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'en-GB', ...options });
    contexts.push(context);
    const page = await context.newPage();
    return { context, page, problems: watchProblems(page) };
  }
  return {
    ctx,
    baseUrl,
    browser,
    open,
    async openSignedIn(user, options = {}) {
      const opened = await open(options);
      await signInThroughForm(opened.page, user);
      return opened;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.close();
    },
  };
}

/**
 * Saves a PNG under test-results/screenshots/ (ignored by git) for people to look at: the whole page, or
 * only the viewport where a sticky bar would otherwise be painted mid-page by the full-page capture.
 */
/** Signs in through the real sign-in form, as a person does; the page ends where the app sends them next. */
export async function signInThroughForm(page: Page, user: { email: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.locator('form.form button[type="submit"]').click()]);
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

// A counted sentence is asked for by its bare key (`search.count`), stored as `search.count_one`, ….
const KNOWN_KEYS = new Set(Object.keys(catalogs.en).map((key) => pluralBase(key)?.base ?? key));

/** Translation keys shown as they are (a `t('…')` with a key no catalogue has shows the key itself). */
export async function rawTranslationKeys(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const candidates = text.match(/\b[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+){1,5}\b/g) ?? [];
  const namespaces = new Set([...KNOWN_KEYS].map((key) => key.split('.')[0]));
  return [...new Set(candidates)].filter(
    (word) => KNOWN_KEYS.has(word) || (namespaces.has(word.split('.')[0]) && word.split('.').length >= 3),
  );
}

/** axe's own script, read once: injected into each page it checks (it never ships with the app). */
let axeSource: string | undefined;

export type AxeFinding = { id: string; impact: string; help: string; targets: string[] };

/**
 * Runs axe-core on the page as it is now and answers the serious and critical violations (what keeps
 * someone from using the page), with the elements concerned. Minor and moderate ones are not reported.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) does not apply.
  await page.evaluate(axeSource);
  type Result = { passes: unknown[]; violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[] }[] }[] };
  const result = await page.evaluate(() =>
    (globalThis as unknown as { axe: { run(options: object): Promise<Result> } }).axe.run({ resultTypes: ['violations'] }),
  );
  // Every real page passes some rules: none at all means axe did not look at the page.
  if (result.passes.length === 0) throw new Error('axe checked nothing on this page');
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
}

/**
 * English interface sentences left on a page shown in another language: every English catalogue text
 * (long enough to be a sentence or a label, without placeholders) that the other language translates
 * differently and that still appears in the page's text.
 */
export async function englishLeftOn(page: Page, locale: Exclude<keyof typeof catalogs, 'en'>): Promise<string[]> {
  const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
  const other = catalogs[locale] as Record<string, string>;
  return Object.entries(catalogs.en as Record<string, string>)
    .filter(([key, en]) => en.length >= 12 && !en.includes('{') && other[key] !== undefined && other[key] !== en)
    .map(([, en]) => en)
    .filter((en) => text.includes(en));
}
