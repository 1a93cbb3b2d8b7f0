/**
 * Setup hooks build fixtures (databases, users, dozens of practices, a Meilisearch of their own). On a
 * busy two-core CI machine that takes several times longer than on an idle one, and a hook that runs
 * out of time fails every test of its file at once. So a hook without its own limit gets two minutes;
 * tests keep the stricter limit from jest.config.js.
 */
export const HOOK_TIMEOUT_MS = 120_000;

type Hook = (fn: jest.ProvidesHookCallback, timeout?: number) => void;
const hooks = globalThis as unknown as Record<'beforeAll' | 'afterAll' | 'beforeEach' | 'afterEach', Hook>;

for (const name of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach'] as const) {
  const original = hooks[name];
  hooks[name] = (fn, timeout) => original(fn, timeout ?? HOOK_TIMEOUT_MS);
}
