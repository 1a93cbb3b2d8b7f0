import type { Services } from '../../server/app';
import { createAuthors, type Authors } from '../support/search-fixtures';
import { completePracticeBody } from '../support/factories';
import { startOwnMeilisearch, waitFor, type OwnMeilisearch } from '../support/own-meilisearch';
import { createTestContext, type TestContext } from '../support/test-context';

// This file runs its own Meilisearch, so stopping it affects no other test file.
let ctx: TestContext;
let who: Authors;
let meili: OwnMeilisearch;
let services: Services;

beforeAll(async () => {
  ctx = await createTestContext();
  who = await createAuthors(ctx);
  meili = await startOwnMeilisearch(ctx);
  services = meili.services;
});

afterAll(async () => {
  await meili.close();
  await ctx.close();
});

async function publish(title: string) {
  const created = await services.practices.create(who.partner, completePracticeBody({ title }));
  await services.practices.submit(who.partner, created.id);
  return services.practices.publish(who.coordinator, created.id);
}

describe('search outage and recovery', () => {
  it('when Meilisearch is down, then saves succeed and stay pending, and are all indexed once it returns', async () => {
    const before = await publish('Published before the outage');
    await services.searchIndexing.sync.drain();

    await meili.stop();
    const during = [await publish('Saved during the outage one'), await publish('Saved during the outage two')];
    const updated = await services.practices.update(who.coordinator, before.id, {
      title: 'Edited during the outage',
      revision: (await services.practices.get(who.coordinator, before.id)).revision,
    });

    await expect(services.searchIndexing.sync.runOnce()).rejects.toThrow();
    const waiting = await services.searchIndexing.sync.status();
    expect(waiting.pending).toBe(3);
    expect(waiting.oldestPendingSeconds).not.toBeNull();
    expect(updated.published?.title).toBe('Edited during the outage');

    await meili.restart();
    await services.searchIndexing.sync.drain();

    expect((await services.searchIndexing.sync.status()).pending).toBe(0);
    const index = meili.engine.index('practices');
    const docs = await Promise.all([before.id, ...during.map((d) => d.id)].map((id) => index.getDocument<{ title: string; revision: number }>(id)));
    expect(docs.map((d) => d.title).sort()).toEqual(['Edited during the outage', 'Saved during the outage one', 'Saved during the outage two']);
    for (const id of [before.id, ...during.map((d) => d.id)]) {
      const [state] = (await services.practices.indexStates(undefined, 1000)).filter((s) => s.id === id);
      expect(state?.indexedRevision).toBe(state?.revision);
    }
  }, 120_000);

  it('when the sync runs on its timer through an outage, then it backs off and reports the error, and catches up after', async () => {
    const pendingBefore = (await services.searchIndexing.sync.status()).pending;
    await meili.stop();
    await publish('Queued while the timer runs');
    services.searchIndexing.sync.start(50);

    await waitFor(async () => (await services.searchIndexing.sync.status()).lastError !== undefined);
    const failing = await services.searchIndexing.sync.status();
    expect(failing.retryInMs).toBeGreaterThan(50);
    expect(failing.pending).toBe(pendingBefore + 1);

    await meili.restart();
    await waitFor(async () => (await services.searchIndexing.sync.status()).pending === 0, 90_000);
    await services.searchIndexing.sync.stop();

    expect((await services.searchIndexing.sync.status()).lastError).toBeUndefined();
  }, 150_000);
});
