import type { Connection } from 'mongoose';
import type { Logger } from '../logger';
import type { SearchEngine, SearchIndexName } from '../search';
import { createLease } from './lease';
import type { IndexedEntry, OutboxSource, PendingEntry } from './outbox-source';
import { forEachYielding } from './yielding';

/** `skipped`: records marked indexed without a task (removals of records the index never held). */
export type SyncResult = { leased: boolean; upserted: number; removed: number; skipped: number };
const settled = (r: SyncResult) => r.upserted + r.removed + r.skipped;

export type SyncStatus = {
  pending: number;
  oldestPendingSeconds: number | null;
  lastRunAt: Date | undefined;
  lastError: string | undefined;
  retryInMs: number;
  /** Records the last pass could not turn into a search document (logged with the reason). */
  unindexable: string[];
};

/** Turns a record into its search document; made once per pass (e.g. with the vocabulary labels of that moment). */
export type DocumentBuilder<R> = () => Promise<(record: R) => { id: string }>;

const MAX_BACKOFF_MS = 60_000;
/**
 * Records per task, for the sync and reindex alike. Small batches, enqueued without waiting: Meilisearch
 * gets its first task after half a second of building instead of several, and takes every task that
 * queued up while it was busy as one batch (autobatching), so with many records waiting its batches still
 * grow to thousands of documents.
 */
export const BATCH_SIZE = 500;
/**
 * Batches in one pass (10,000 records at the default size): enough to keep Meilisearch busy while the
 * next is built, few enough for a pass to stay short.
 */
const BATCHES_PER_PASS = 20;
// A batch of thousands of documents can take Meilisearch minutes on a busy machine; giving up sooner
// would only send the same batch again behind it.
const TASK_TIMEOUT_MS = 10 * 60_000;

export type OutboxSync = ReturnType<typeof createOutboxSync>;

/**
 * Keeps one index true to MongoDB. Each pass takes the lease, re-reads every pending record at send
 * time (so an older version can never overwrite a newer one), upserts or removes it, waits for
 * Meilisearch to apply the task, and only then marks that revision indexed. A failure leaves the
 * records pending and retries with exponential backoff: an outage delays indexing, never drops it.
 */
export function createOutboxSync<R>(deps: {
  connection: Connection;
  search: SearchEngine;
  index: SearchIndexName;
  source: OutboxSource<R>;
  documents: DocumentBuilder<R>;
  /** Runs before the first pass and again after a failure (settings may have changed while the engine was away). */
  prepare?: () => Promise<unknown>;
  logger: Logger;
  batchSize?: number;
  leaseMs?: number;
}) {
  const lease = createLease(deps.connection, `${deps.index}-sync`, deps.leaseMs ?? 30_000);
  const batchSize = deps.batchSize ?? BATCH_SIZE;
  let lastRunAt: Date | undefined;
  let lastError: string | undefined;
  let failures = 0;
  let prepared = false;
  let lastBroken: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let interval = 250;

  async function runOnce(): Promise<SyncResult> {
    if (!(await lease.acquire())) return { leased: false, upserted: 0, removed: 0, skipped: 0 };
    if (!prepared) {
      await deps.prepare?.();
      prepared = true;
    }
    let toDocument: ((record: R) => { id: string }) | undefined;
    const index = deps.search.index(deps.index);
    const broken: string[] = [];
    let upserted = 0;
    let removed = 0;
    let skipped = 0;
    // A pipeline: while Meilisearch indexes one batch, the next is read and built, and a batch whose
    // tasks succeeded is marked indexed meanwhile. Tasks are enqueued in the batches' order and batches
    // are marked in that order; the first failure stops the pass (its records stay pending) and is thrown.
    let failure: { error: unknown } | undefined;
    const fail = (error: unknown) => {
      failure ??= { error };
    };
    let enqueuedBefore: Promise<unknown> = Promise.resolve();
    let settled: Promise<void> = Promise.resolve();
    let after: PendingEntry | undefined;
    for (let round = 0; round < BATCHES_PER_PASS && !failure; round++) {
      // A long pass renews the lease (a write only once half of it has run out); lost, the pass ends.
      if (round > 0 && !(await lease.acquire())) break;
      const pending = await deps.source.pendingForIndex(batchSize, after);
      if (pending.length === 0) break;
      after = pending[pending.length - 1];
      toDocument ??= await deps.documents();
      const build = toDocument;
      const upserts: { id: string }[] = [];
      const removals: string[] = [];
      const records: IndexedEntry[] = [];
      await forEachYielding(await deps.source.readForIndexing(pending.map((p) => p.id)), (read) => {
        const { id } = read;
        try {
          if (read.record) upserts.push(build(read.record));
          // A record the index does not hold (a draft never listed) needs no removal task: each task
          // costs Meilisearch a commit, and a save waiting behind them waits longer to be searchable.
          else if (read.inIndex !== false) removals.push(id);
          records.push({ id, revision: read.revision, inIndex: Boolean(read.record) });
        } catch (err) {
          // One record that cannot be turned into a document must not hold up all the others.
          broken.push(id);
          deps.logger.error({ err, index: deps.index, recordId: id }, 'record could not be indexed; it stays pending');
        }
      });
      // Tasks apply in the order they are enqueued, and a later pass re-reads anything changed since.
      const enqueued = enqueuedBefore.then(async () => {
        if (failure) throw failure.error;
        const tasks: { taskUid: number }[] = [];
        if (upserts.length > 0) tasks.push(await index.addDocuments(upserts));
        if (removals.length > 0) tasks.push(await index.deleteDocuments(removals));
        return tasks;
      });
      enqueuedBefore = enqueued.catch(fail);
      settled = settled
        .then(async () => {
          if (failure) return;
          for (const task of await enqueued) {
            assertSucceeded(await deps.search.client.tasks.waitForTask(task.taskUid, { timeout: TASK_TIMEOUT_MS }));
          }
          await deps.source.markIndexed(records);
        })
        .catch(fail);
      upserted += upserts.length;
      removed += removals.length;
      skipped += records.length - upserts.length - removals.length;
      if (pending.length < batchSize) break;
    }
    await settled;
    if (failure) throw failure.error;
    lastBroken = broken;
    return { leased: true, upserted, removed, skipped };
  }

  function assertSucceeded(task: { status: string; error?: { message?: string } | null }) {
    if (task.status !== 'succeeded')
      throw new Error(`Meilisearch task ${task.status}: ${task.error?.message ?? 'no detail'}`);
  }

  async function tick(intervalMs: number): Promise<void> {
    let delay = intervalMs;
    try {
      const result = await runOnce();
      lastRunAt = new Date();
      if (failures > 0) deps.logger.info({ index: deps.index }, 'search sync recovered');
      failures = 0;
      lastError = undefined;
      // A full batch means more is waiting: go on at once.
      if (settled(result) >= batchSize) delay = 0;
    } catch (err) {
      failures += 1;
      prepared = false;
      lastError = err instanceof Error ? err.message : String(err);
      delay = Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** failures);
      deps.logger.warn(
        { index: deps.index, err: lastError, retryInMs: delay },
        'search sync failed; records stay pending',
      );
    }
    if (!stopped) timer = setTimeout(() => void (running = tick(intervalMs)), delay);
  }

  return {
    runOnce,

    /** Runs passes until none is left pending (tests and scripts); throws what a pass throws. */
    async drain(): Promise<void> {
      for (;;) {
        const result = await runOnce();
        if (!result.leased || settled(result) === 0) return;
      }
    },

    start(intervalMs = 250): void {
      if (!stopped) return;
      stopped = false;
      interval = intervalMs;
      running = tick(intervalMs);
    },

    async stop(): Promise<void> {
      stopped = true;
      // Started again, the sync prepares the index again first (settings may have changed meanwhile).
      prepared = false;
      if (timer) clearTimeout(timer);
      await running;
      await lease.release().catch(() => undefined);
    },

    async status(): Promise<SyncStatus> {
      const backlog = await deps.source.indexBacklog();
      return {
        pending: backlog.pending,
        oldestPendingSeconds: backlog.oldestChangeAt
          ? Math.round((Date.now() - backlog.oldestChangeAt.getTime()) / 1000)
          : null,
        lastRunAt,
        lastError,
        retryInMs: failures > 0 ? Math.min(MAX_BACKOFF_MS, interval * 2 ** failures) : 0,
        unindexable: lastBroken,
      };
    },
  };
}
