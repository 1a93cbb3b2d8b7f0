import type { Settings } from 'meilisearch';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger';
import type { SearchEngine, SearchIndexName } from '../search';
import { createLease } from './lease';
import type { OutboxSource } from './outbox-source';
import { reconcile } from './reconcile';
import { reindex, type ReindexProgress } from './reindex';
import { createOutboxSync, type DocumentBuilder } from './sync';

export type IndexOutbox = ReturnType<typeof createIndexOutbox>;

/**
 * Everything that keeps one search index true to one collection of versioned records: the sync worker,
 * reconciliation (on a timer, under its own lease) and zero-downtime rebuilds.
 */
export function createIndexOutbox<R>(deps: {
  connection: Connection;
  search: SearchEngine;
  index: SearchIndexName;
  source: OutboxSource<R>;
  documents: DocumentBuilder<R>;
  /** Settings kept outside the index declaration (e.g. synonyms), applied to rebuilt indexes too. */
  settings?: () => Promise<Settings>;
  /** Runs before the sync's first pass and after a failure. */
  prepare?: () => Promise<unknown>;
  logger: Logger;
}) {
  const sync = createOutboxSync(deps);
  const reconcileLease = createLease(deps.connection, `${deps.index}-reconcile`, 10 * 60_000);
  let reconcileTimer: NodeJS.Timeout | undefined;

  const runReconcile = () => reconcile(deps.search, deps.index, deps.source);

  return {
    sync,
    reconcile: runReconcile,

    async reindex(options: { onProgress?: (p: ReindexProgress) => void } = {}) {
      return reindex({
        search: deps.search,
        index: deps.index,
        source: deps.source,
        toDocument: await deps.documents(),
        settings: (await deps.settings?.()) ?? {},
        ...options,
      });
    },

    /**
     * The sync every quarter second (an idle pass is one indexed query: a save is searchable well within
     * a second) and reconciliation every `reconcileEveryMs`, each under its own lease.
     */
    start(options: { syncEveryMs?: number; reconcileEveryMs?: number } = {}) {
      sync.start(options.syncEveryMs ?? 250);
      const every = options.reconcileEveryMs ?? 60 * 60_000;
      const loop = () => {
        reconcileTimer = setTimeout(() => {
          void (async () => {
            try {
              if (await reconcileLease.acquire()) {
                const report = await runReconcile();
                if (report.requeued.length + report.removed.length > 0) {
                  deps.logger.warn({ index: deps.index, requeued: report.requeued.length, removed: report.removed.length }, 'search index drift repaired');
                }
              }
            } catch (err) {
              deps.logger.warn({ index: deps.index, err }, 'search reconciliation failed; will try again');
            }
            loop();
          })();
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
