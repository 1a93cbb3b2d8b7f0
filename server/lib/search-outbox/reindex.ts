import type { EnqueuedTask, Settings } from 'meilisearch';
import type { SearchEngine, SearchIndexName } from '../search';
import type { OutboxSource } from './outbox-source';
import { reconcile } from './reconcile';
import { BATCH_SIZE } from './sync';
import { forEachYielding } from './yielding';

export type ReindexProgress = { done: number; total: number };

/**
 * Builds a fresh index beside the live one, swaps them atomically (searches see the old index until
 * the instant of the swap, never an empty one), then repairs whatever changed during the build and
 * deletes the old index.
 */
export async function reindex<R>(deps: {
  search: SearchEngine;
  index: SearchIndexName;
  source: OutboxSource<R>;
  toDocument: (record: R) => { id: string };
  settings: Settings;
  batchSize?: number;
  onProgress?: (progress: ReindexProgress) => void;
}): Promise<{ indexed: number; replay: Awaited<ReturnType<typeof reconcile>> }> {
  const { search, source } = deps;
  const batchSize = deps.batchSize ?? BATCH_SIZE;
  const live = search.indexUid(deps.index);
  const building = `${live}__build_${Date.now()}`;
  await search.ensureIndex(building, deps.index, deps.settings);
  const target = search.client.index(building);

  const total = await source.recordCount();
  let done = 0;
  let indexed = 0;
  let after: string | undefined;
  const tasks: EnqueuedTask[] = [];
  for (;;) {
    const states = await source.indexStates(after, batchSize);
    if (states.length === 0) break;
    after = states[states.length - 1]!.id;
    const listed = states.filter((s) => s.listed).map((s) => s.id);
    const reads = listed.length > 0 ? await source.readForIndexing(listed) : [];
    const docs: { id: string }[] = [];
    await forEachYielding(reads, (read) => {
      if (read.record) docs.push(deps.toDocument(read.record));
    });
    // Enqueued without waiting for each: Meilisearch batches consecutive additions, and building the
    // next batch overlaps indexing this one. Every task is checked at the end.
    if (docs.length > 0) tasks.push(await target.addDocuments(docs));
    indexed += docs.length;
    done += states.length;
    deps.onProgress?.({ done, total });
  }
  for (const settled of await search.client.tasks.waitForTasks(tasks, { timeout: 600_000 })) {
    if (settled.status !== 'succeeded')
      throw new Error(`Meilisearch task ${settled.status}: ${settled.error?.message ?? 'no detail'}`);
  }

  // The live index must exist to be swapped; on a first install it may not.
  await search.ensureIndex(live, deps.index, deps.settings);
  const builtAt = (await search.client.getRawIndex(building)).createdAt;
  await search.client.swapIndexes([{ indexes: [live, building], rename: false }]);
  // A swap task concerns two indexes, and a key restricted to this installation's prefix cannot
  // read such tasks; the swap is visible instead as the live uid now carrying the new index.
  await waitUntil(async () => String((await search.client.getRawIndex(live)).createdAt) === String(builtAt), 120_000);
  // Saves made during the build went to the old index: compare the new one with MongoDB and resend those.
  const replay = await reconcile(search, deps.index, source, { batchSize });
  await search.client.deleteIndex(building).waitTask({ timeout: 120_000 });
  return { indexed, replay };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('Meilisearch did not finish swapping the indexes in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
