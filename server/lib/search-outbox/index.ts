/**
 * The search outbox for versioned records: MongoDB stays the source of truth and a search index follows
 * it. To give a new record type its own index:
 *   1. declare the index in SEARCH_INDEXES (server/lib/search.ts);
 *   2. make its collection's OutboxSource with `mongoOutbox(model, { listed, listedFields, toIndexable })`
 *      (the record must carry `revision`, `indexedRevision` and `pendingSince`, as VersionedRecord does:
 *      give its schema PENDING_FIELD and PENDING_INDEX);
 *   3. build `createIndexOutbox({ index, source, documents, ... })` and start/stop it with the app.
 * Every write that bumps `revision` is then indexed, an outage only delays it, and reconcile/reindex
 * repair or rebuild the index from MongoDB.
 */
export { createLease } from './lease';
export { markPending, mongoOutbox, PENDING_FIELD, PENDING_INDEX, type IndexRead, type IndexState, type OutboxSource } from './outbox-source';
export { createOutboxSync, type DocumentBuilder, type OutboxSync, type SyncResult, type SyncStatus } from './sync';
export { reconcile, type ReconcileReport } from './reconcile';
export { reindex, type ReindexProgress } from './reindex';
export { createIndexOutbox, type IndexOutbox } from './index-outbox';
