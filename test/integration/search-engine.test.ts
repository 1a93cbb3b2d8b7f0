import { SEARCH_INDEXES, SearchEngine } from '../../server/lib/search';
import { testEngines, uniqueName } from '../support/test-context';

let engine: SearchEngine;

beforeAll(() => {
  const { meiliHost, meiliKey } = testEngines();
  engine = new SearchEngine(meiliHost, meiliKey, `${uniqueName()}_`);
});

afterAll(async () => {
  await engine.dropOwnIndexes();
});

describe('SearchEngine.ensureIndexes', () => {
  it('when the indexes do not exist, then each is created with its declared settings', async () => {
    const changed = await engine.ensureIndexes();

    expect(changed).toEqual(['practices', 'recommendations']);
    const recommendations = await engine.index('recommendations').getSettings();
    expect(recommendations.searchableAttributes).toEqual(SEARCH_INDEXES.recommendations.settings.searchableAttributes);
    const settings = await engine.index('practices').getSettings();
    expect(settings.searchableAttributes).toEqual(SEARCH_INDEXES.practices.settings.searchableAttributes);
    expect([...(settings.filterableAttributes ?? [])].sort()).toEqual(
      [...SEARCH_INDEXES.practices.settings.filterableAttributes].sort(),
    );
    expect((await engine.index('practices').getRawInfo()).primaryKey).toBe('id');
  });

  it('when settings already match, then nothing is sent and no task is enqueued', async () => {
    const before = await engine.client.tasks.getTasks({ indexUids: [engine.indexUid('practices')], limit: 1000 });

    const changed = await engine.ensureIndexes();

    const after = await engine.client.tasks.getTasks({ indexUids: [engine.indexUid('practices')], limit: 1000 });
    expect(changed).toEqual([]);
    expect(after.results.length).toBe(before.results.length);
  });

  it('when a live setting has drifted, then only that setting is applied again', async () => {
    await engine.index('practices').updateSortableAttributes(['somethingElse']).waitTask({ timeout: 120_000 });

    const changed = await engine.ensureIndexes();

    expect(changed).toEqual(['practices']);
    expect([...(await engine.index('practices').getSortableAttributes())].sort()).toEqual(
      [...SEARCH_INDEXES.practices.settings.sortableAttributes].sort(),
    );
    const [last] = (await engine.client.tasks.getTasks({ indexUids: [engine.indexUid('practices')], limit: 1 }))
      .results;
    expect(Object.keys((last?.details ?? {}) as object)).toEqual(['sortableAttributes']);
  });
});
