import { createAuthors, indexedDoc, publishedPractice, revisionsOf, type Authors } from '../support/search-fixtures';
import { createTestContext, type TestContext } from '../support/test-context';

let ctx: TestContext;
let who: Authors;

beforeAll(async () => {
  ctx = await createTestContext();
  who = await createAuthors(ctx);
});

afterAll(async () => {
  await ctx.close();
});

const indexing = () => ctx.services.searchIndexing;
const index = () => ctx.search.index('practices');

describe('reconciliation', () => {
  it('when the index has drifted both ways, then reconcile repairs it and the sync restores every practice', async () => {
    const [missing, stale, kept] = [
      await publishedPractice(ctx, who, { title: 'Deleted behind our back' }),
      await publishedPractice(ctx, who, { title: 'Left at an old revision' }),
      await publishedPractice(ctx, who, { title: 'Untouched' }),
    ];
    const archived = await publishedPractice(ctx, who, { title: 'Archived but still indexed' });
    await indexing().sync.drain();
    await ctx.services.practices.archive(who.coordinator, archived.id);
    await indexing().sync.drain();
    // Break the index in every way: a lost document, a stale one, a stray one and a resurrected archived one.
    await index().deleteDocument(missing.id).waitTask({ timeout: 60_000 });
    await index()
      .updateDocuments([{ id: stale.id, revision: 1, title: 'Old title' }])
      .waitTask({ timeout: 60_000 });
    await index()
      .addDocuments([{ id: '000000000000000000000000', revision: 1, title: 'Orphan', status: 'published' }])
      .waitTask({ timeout: 60_000 });
    await index()
      .addDocuments([{ id: archived.id, revision: 1, title: 'Archived but still indexed', status: 'published' }])
      .waitTask({ timeout: 60_000 });

    const report = await indexing().reconcile();
    await indexing().sync.drain();

    expect(report.requeued.sort()).toEqual([missing.id, stale.id].sort());
    expect(report.removed.sort()).toEqual(['000000000000000000000000', archived.id].sort());
    expect(await indexedDoc(ctx, missing.id)).toMatchObject({
      title: 'Deleted behind our back',
      revision: (await revisionsOf(ctx, missing.id)).revision,
    });
    expect(await indexedDoc(ctx, stale.id)).toMatchObject({
      title: 'Left at an old revision',
      revision: (await revisionsOf(ctx, stale.id)).revision,
    });
    expect(await indexedDoc(ctx, kept.id)).toMatchObject({ title: 'Untouched' });
    expect(await indexedDoc(ctx, archived.id)).toBeUndefined();
    expect(await indexedDoc(ctx, '000000000000000000000000')).toBeUndefined();
  });

  it('when index and database agree, then reconcile changes nothing', async () => {
    await indexing().sync.drain();

    const report = await indexing().reconcile();

    expect(report.requeued).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.checked).toBeGreaterThanOrEqual(4);
  });
});

describe('zero-downtime reindex', () => {
  it('when the index is rebuilt while planners search, then no search ever sees an empty index', async () => {
    for (let i = 0; i < 25; i += 1) await publishedPractice(ctx, who, { title: `Housing practice number ${i}` });
    await indexing().sync.drain();
    // As planners do: through the search-only key.
    const countHits = async () =>
      (await ctx.search.searchClient.index(ctx.search.indexUid('practices')).search('', { limit: 0 }))
        .estimatedTotalHits ?? 0;
    const expected = await countHits();
    const seen: number[] = [];
    let building = true;
    const searching = (async () => {
      while (building) seen.push(await countHits());
    })();

    const result = await indexing().reindex();
    building = false;
    await searching;

    expect(seen.length).toBeGreaterThan(3);
    expect(Math.min(...seen)).toBe(expected);
    expect(result.indexed).toBe(expected);
    const uids = (await ctx.search.client.getRawIndexes({ limit: 100 })).results.map((i) => i.uid);
    expect(uids.filter((uid) => uid.startsWith(ctx.search.indexUid('practices')))).toEqual([
      ctx.search.indexUid('practices'),
    ]);
  });

  it('when a practice is saved during the build, then the swapped index has it after the replay', async () => {
    const practice = await publishedPractice(ctx, who, { title: 'Before the rebuild' });
    await indexing().sync.drain();

    const rebuilding = indexing().reindex({
      onProgress: () => undefined,
    });
    const current = await ctx.services.practices.get(who.coordinator, practice.id);
    await ctx.services.practices.update(who.coordinator, practice.id, {
      title: 'Changed during the rebuild',
      revision: current.revision,
    });
    await indexing().sync.drain();
    await rebuilding;
    await indexing().sync.drain();

    expect(await indexedDoc(ctx, practice.id)).toMatchObject({
      title: 'Changed during the rebuild',
      revision: (await revisionsOf(ctx, practice.id)).revision,
    });
  });
});
