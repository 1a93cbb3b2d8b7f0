import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../server/app';
import { startEmbeddedMeilisearch, type EmbeddedMeilisearch } from '../../server/lib/embedded/meilisearch';
import { findFreePort } from '../../server/lib/embedded/free-port';
import { silentLogger } from '../../server/lib/logger';
import { SearchEngine } from '../../server/lib/search';
import { createAuthors, type Authors } from '../support/search-fixtures';
import { completePracticeBody } from '../support/factories';
import { createTestContext, type TestContext } from '../support/test-context';

// This file runs its own Meilisearch, so stopping it affects no other test file.
let ctx: TestContext;
let who: Authors;
let dataDir: string;
let port: number;
let meili: EmbeddedMeilisearch;
let engine: SearchEngine;
let services: Services;

beforeAll(async () => {
  ctx = await createTestContext();
  who = await createAuthors(ctx);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'decode-kb-outage-'));
  port = await findFreePort();
  meili = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger, port });
  engine = await SearchEngine.connect(meili.host, meili.masterKey);
  await engine.ensureIndexes();
  services = createServices({ ...ctx.deps, search: engine });
  // A context, two users and a Meilisearch of its own: on a loaded CI machine that takes well over 30 s.
}, 120_000);

afterAll(async () => {
  await services.searchIndexing.stop();
  await meili.stop();
  await ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
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

    meili = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger, port });
    await services.searchIndexing.sync.drain();

    expect((await services.searchIndexing.sync.status()).pending).toBe(0);
    const index = engine.index('practices');
    const docs = await Promise.all(
      [before.id, ...during.map((d) => d.id)].map((id) => index.getDocument<{ title: string; revision: number }>(id)),
    );
    expect(docs.map((d) => d.title).sort()).toEqual([
      'Edited during the outage',
      'Saved during the outage one',
      'Saved during the outage two',
    ]);
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

    meili = await startEmbeddedMeilisearch({ dataDir, logger: silentLogger, port });
    // Backoff from the failures above: the next attempt may be a few seconds away.
    await waitFor(async () => (await services.searchIndexing.sync.status()).pending === 0, 90_000);
    await services.searchIndexing.sync.stop();

    expect((await services.searchIndexing.sync.status()).lastError).toBeUndefined();
  }, 150_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
