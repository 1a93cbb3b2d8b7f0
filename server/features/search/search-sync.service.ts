import type { Connection } from 'mongoose';
import type { Logger } from '../../lib/logger';
import type { SearchEngine } from '../../lib/search';
import type { VocabulariesService } from '../vocabularies/vocabularies.service';
import { toSearchDocument, type IndexablePractice, type PracticeSearchDocument, type TermLabels } from './search.document';
import { createLease } from './search-lease';
import type { SynonymsService } from './search-synonyms.service';

/** What the sync needs from the practices feature (its service implements it). */
export type IndexSource = {
  pendingForIndex(limit: number): Promise<string[]>;
  readForIndexing(ids: string[]): Promise<{ id: string; revision: number; practice: IndexablePractice | undefined }[]>;
  markIndexed(entries: { id: string; revision: number }[]): Promise<void>;
  indexBacklog(): Promise<{ pending: number; oldestChangeAt: Date | undefined }>;
};

export type SyncResult = { leased: boolean; upserted: number; removed: number };

export type SyncStatus = {
  pending: number;
  oldestPendingSeconds: number | null;
  lastRunAt: Date | undefined;
  lastError: string | undefined;
  retryInMs: number;
  /** Practices the last pass could not turn into a search document (logged with the reason). */
  unindexable: string[];
};

const MAX_BACKOFF_MS = 60_000;

export async function termLabels(vocabularies: VocabulariesService): Promise<TermLabels> {
  const all = await vocabularies.all({ includeRetired: true });
  const toMap = (terms: { slug: string; labels: Record<string, string | undefined> }[]) =>
    new Map(terms.map((t) => [t.slug, [...new Set(Object.values(t.labels).filter((l): l is string => Boolean(l)))]]));
  return { themes: toMap(all.theme), targetGroups: toMap(all['target-group']) };
}

export type SearchSync = ReturnType<typeof createSearchSync>;

/**
 * Keeps the index true to MongoDB. Each pass takes the lease, re-reads every pending practice at
 * send time (so an older version can never overwrite a newer one), upserts or removes it, waits for
 * Meilisearch to apply the task, and only then marks that revision indexed. A failure leaves the
 * practices pending and retries with exponential backoff: an outage delays indexing, never drops it.
 */
export function createSearchSync(deps: {
  connection: Connection;
  search: SearchEngine;
  source: IndexSource;
  vocabularies: VocabulariesService;
  synonyms: SynonymsService;
  logger: Logger;
  batchSize?: number;
  leaseMs?: number;
}) {
  const lease = createLease(deps.connection, 'practices-sync', deps.leaseMs ?? 30_000);
  const batchSize = deps.batchSize ?? 200;
  let lastRunAt: Date | undefined;
  let lastError: string | undefined;
  let failures = 0;
  let settingsApplied = false;
  let lastBroken: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;

  async function runOnce(): Promise<SyncResult> {
    if (!(await lease.acquire())) return { leased: false, upserted: 0, removed: 0 };
    // Settings (synonyms included) may have changed while the engine was away.
    if (!settingsApplied) {
      await deps.synonyms.apply();
      settingsApplied = true;
    }
    const ids = await deps.source.pendingForIndex(batchSize);
    if (ids.length === 0) {
      lastBroken = [];
      return { leased: true, upserted: 0, removed: 0 };
    }
    const labels = await termLabels(deps.vocabularies);
    const upserts: PracticeSearchDocument[] = [];
    const removals: string[] = [];
    const sent: { id: string; revision: number }[] = [];
    const broken: string[] = [];
    for (const read of await deps.source.readForIndexing(ids)) {
      const { id } = read;
      try {
        if (read.practice) upserts.push(toSearchDocument(read.practice, labels));
        else removals.push(id);
        sent.push({ id, revision: read.revision });
      } catch (err) {
        // One record that cannot be turned into a document must not hold up all the others.
        broken.push(id);
        deps.logger.error({ err, practiceId: id }, 'practice could not be indexed; it stays pending');
      }
    }
    const index = deps.search.index('practices');
    // Tasks apply in the order they are enqueued, and a later pass re-reads anything changed since.
    if (upserts.length > 0) await index.addDocuments(upserts).waitTask({ timeout: 60_000 }).then(assertSucceeded);
    if (removals.length > 0) await index.deleteDocuments(removals).waitTask({ timeout: 60_000 }).then(assertSucceeded);
    await deps.source.markIndexed(sent);
    lastBroken = broken;
    return { leased: true, upserted: upserts.length, removed: removals.length };
  }

  function assertSucceeded(task: { status: string; error?: { message?: string } | null }) {
    if (task.status !== 'succeeded') throw new Error(`Meilisearch task ${task.status}: ${task.error?.message ?? 'no detail'}`);
  }

  async function tick(intervalMs: number): Promise<void> {
    let delay = intervalMs;
    try {
      const result = await runOnce();
      lastRunAt = new Date();
      if (failures > 0) deps.logger.info('search sync recovered');
      failures = 0;
      lastError = undefined;
      // A full batch means more is waiting: go on at once.
      if (result.upserted + result.removed >= batchSize) delay = 0;
    } catch (err) {
      failures += 1;
      settingsApplied = false;
      lastError = err instanceof Error ? err.message : String(err);
      delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures);
      deps.logger.warn({ err: lastError, retryInMs: delay }, 'search sync failed; practices stay pending');
    }
    if (!stopped) timer = setTimeout(() => void (running = tick(intervalMs)), delay);
  }

  return {
    runOnce,

    /** Runs passes until none is left pending (tests and scripts); throws what a pass throws. */
    async drain(): Promise<void> {
      for (;;) {
        const result = await runOnce();
        if (!result.leased || result.upserted + result.removed === 0) return;
      }
    },

    start(intervalMs = 1000): void {
      if (!stopped) return;
      stopped = false;
      running = tick(intervalMs);
    },

    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await lease.release().catch(() => undefined);
    },

    async status(): Promise<SyncStatus> {
      const backlog = await deps.source.indexBacklog();
      return {
        pending: backlog.pending,
        oldestPendingSeconds: backlog.oldestChangeAt ? Math.round((Date.now() - backlog.oldestChangeAt.getTime()) / 1000) : null,
        lastRunAt,
        lastError,
        retryInMs: failures > 0 ? Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures) : 0,
        unindexable: lastBroken,
      };
    },
  };
}
