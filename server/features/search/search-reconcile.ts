import type { Index } from 'meilisearch';
import type { SearchEngine } from '../../lib/search';
import type { IndexSource } from './search-sync.service';

/** What reconciliation reads from the practices feature, on top of the sync's needs. */
export type ReconcileSource = Pick<IndexSource, 'indexBacklog'> & {
  indexStates(
    afterId: string | undefined,
    limit: number,
  ): Promise<{ id: string; revision: number; indexedRevision: number; listed: boolean }[]>;
  requeueForIndex(ids: string[]): Promise<void>;
  existingIds(ids: string[]): Promise<Set<string>>;
  practiceCount(): Promise<number>;
};

export type ReconcileReport = { checked: number; requeued: string[]; removed: string[] };

type Entry = { id: string; revision: number };

async function indexEntries(index: Index, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const filter = `id IN [${ids.map((id) => `"${id}"`).join(', ')}]`;
  const { results } = await index.getDocuments<Entry>({ filter, fields: ['id', 'revision'], limit: ids.length });
  return new Map(results.map((d) => [d.id, d.revision]));
}

/**
 * Compares MongoDB and the index in batches (never everything in memory) and repairs drift both ways:
 * a listed practice missing from the index or at another revision is sent again; an entry for a
 * practice that is no longer listed, or no longer exists, is removed. Pending practices are left to the sync.
 */
export async function reconcile(
  search: SearchEngine,
  source: ReconcileSource,
  options: { batchSize?: number; uid?: string } = {},
): Promise<ReconcileReport> {
  const batchSize = options.batchSize ?? 500;
  const index = search.client.index(options.uid ?? search.indexUid('practices'));
  const report: ReconcileReport = { checked: 0, requeued: [], removed: [] };

  let after: string | undefined;
  for (;;) {
    const states = await source.indexStates(after, batchSize);
    if (states.length === 0) break;
    after = states[states.length - 1]!.id;
    report.checked += states.length;
    const inIndex = await indexEntries(
      index,
      states.map((s) => s.id),
    );
    const requeue: string[] = [];
    const remove: string[] = [];
    for (const state of states) {
      const indexed = inIndex.get(state.id);
      if (!state.listed) {
        if (indexed !== undefined) remove.push(state.id);
      } else if (state.indexedRevision === state.revision && indexed !== state.revision) {
        requeue.push(state.id);
      }
    }
    await source.requeueForIndex(requeue);
    if (remove.length > 0) await index.deleteDocuments(remove).waitTask({ timeout: 60_000 });
    report.requeued.push(...requeue);
    report.removed.push(...remove);
  }

  // Entries whose practice is gone altogether (purged) are only seen from the index's side.
  const orphans: string[] = [];
  for (let offset = 0; ; offset += batchSize) {
    const { results } = await index.getDocuments<Entry>({ fields: ['id'], limit: batchSize, offset });
    if (results.length === 0) break;
    const existing = await source.existingIds(results.map((d) => d.id));
    orphans.push(...results.map((d) => d.id).filter((id) => !existing.has(id)));
  }
  if (orphans.length > 0) await index.deleteDocuments(orphans).waitTask({ timeout: 60_000 });
  report.removed.push(...orphans);
  return report;
}
