import type { Connection } from 'mongoose';
import type { Logger } from '../../lib/logger';
import type { Can } from '../../lib/policy';
import type { SearchEngine } from '../../lib/search';
import type { VocabulariesService } from '../vocabularies/vocabularies.service';
import { reconcile, type ReconcileSource } from './search-reconcile';
import { reindex, type ReindexProgress } from './search-reindex';
import { createLease } from './search-lease';
import { createSearchSync, termLabels, type IndexSource } from './search-sync.service';
import { createSynonymsService } from './search-synonyms.service';

export type SearchIndexing = ReturnType<typeof createSearchIndexing>;

const SYNC_EVERY_MS = 250;

/** The indexing side of search: synonyms, the sync worker, reconciliation and rebuilds. */
export function createSearchIndexing(deps: {
  connection: Connection;
  search: SearchEngine;
  source: IndexSource & ReconcileSource;
  vocabularies: VocabulariesService;
  can: Can;
  logger: Logger;
}) {
  const synonyms = createSynonymsService(deps.connection, { search: deps.search, can: deps.can });
  const sync = createSearchSync({ ...deps, synonyms });
  const reconcileLease = createLease(deps.connection, 'practices-reconcile', 10 * 60_000);
  let reconcileTimer: NodeJS.Timeout | undefined;

  async function runReconcile() {
    return reconcile(deps.search, deps.source);
  }

  return {
    synonyms,
    sync,
    reconcile: runReconcile,

    async reindex(options: { onProgress?: (p: ReindexProgress) => void } = {}) {
      return reindex({
        search: deps.search,
        source: deps.source,
        labels: await termLabels(deps.vocabularies),
        settings: await synonyms.settings(),
        ...options,
      });
    },

    /**
     * The sync every quarter second (an idle pass is one indexed query: a save is searchable well
     * within a second) and reconciliation every `reconcileEveryMs`, each under its own lease.
     */
    start(options: { syncEveryMs?: number; reconcileEveryMs?: number } = {}) {
      sync.start(options.syncEveryMs ?? SYNC_EVERY_MS);
      const every = options.reconcileEveryMs ?? 60 * 60_000;
      const loop = () => {
        reconcileTimer = setTimeout(async () => {
          try {
            if (await reconcileLease.acquire()) {
              const report = await runReconcile();
              if (report.requeued.length + report.removed.length > 0)
                deps.logger.warn(
                  { requeued: report.requeued.length, removed: report.removed.length },
                  'search index drift repaired',
                );
            }
          } catch (err) {
            deps.logger.warn({ err }, 'search reconciliation failed; will try again');
          }
          loop();
        }, every);
        reconcileTimer.unref();
      };
      loop();
    },

    async stop() {
      if (reconcileTimer) clearTimeout(reconcileTimer);
      await sync.stop();
    },
  };
}
