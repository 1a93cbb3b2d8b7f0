import { Types, trusted, type Model } from 'mongoose';

/** A record's state as reconciliation compares it with the index. */
export type IndexState = { id: string; revision: number; indexedRevision: number; listed: boolean };

/** A place in the queue: a record and when it started waiting. */
export type PendingEntry = { id: string; since: Date };

/**
 * A record as the index sees it: `record` when it belongs in the index, else undefined (remove it).
 * `inIndex` is what the sync last did with it: false once removed or never sent (nothing to remove),
 * undefined when not known (records written before the field existed), which is treated as present.
 */
export type IndexRead<R> = { id: string; revision: number; record: R | undefined; inIndex?: boolean | undefined };

/** A revision the sync has applied, and whether the index now holds the record. */
export type IndexedEntry = { id: string; revision: number; inIndex: boolean };

/**
 * The MongoDB side of a search outbox. Every change bumps `revision` in the same write; the sync marks
 * `indexedRevision` once the search engine has applied that revision. Nothing here changes `revision`.
 */
export type OutboxSource<R> = {
  /**
   * Records whose latest revision is not in the index yet, longest-waiting first (ties by id); after a
   * given one, to read the queue on while earlier batches are still being indexed.
   */
  pendingForIndex(limit: number, after?: PendingEntry): Promise<PendingEntry[]>;
  /** Re-read at send time, so what is sent is always the newest revision; one query per batch. */
  readForIndexing(ids: string[]): Promise<IndexRead<R>[]>;
  /** Records that these revisions are in the index; never moves backwards, never touches `revision`. */
  markIndexed(entries: IndexedEntry[]): Promise<void>;
  indexBacklog(): Promise<{ pending: number; oldestChangeAt: Date | undefined }>;
  /** One batch of index states in id order, for streaming comparisons; pass the last id to continue. */
  indexStates(afterId: string | undefined, limit: number): Promise<IndexState[]>;
  /** Marks records as not indexed, so the sync sends them again (repairs found by reconciliation). */
  requeueForIndex(ids: string[]): Promise<void>;
  /** Marks every record pending, so the sync sends them all again (the index documents' make-up changed). */
  requeueAll(): Promise<void>;
  recordCount(): Promise<number>;
  /** Ids of records that exist, out of the given ones (for removing index entries of erased records). */
  existingIds(ids: string[]): Promise<Set<string>>;
};

/**
 * The outbox's clock and its queue in one field, set in the same write that bumps `revision`: when the
 * record started to wait for the index. `$min` keeps the first unindexed change's time through later
 * edits, and markIndexed clears it once the newest revision is in. A record's own dates say nothing
 * here: imported records carry dates years back. An index on it serves the queue, oldest first.
 */
export const markPending = (now: Date = new Date()) => ({ $min: { pendingSince: now } });

/**
 * The outbox fields of a record that has just been written for the first time: it waits for the index,
 * and the index does not hold it, so a draft that never becomes listed costs the search engine nothing.
 */
export const newlyPending = (now: Date = new Date()) => ({ indexedRevision: 0, pendingSince: now, inIndex: false });

/** Give an outboxed schema these fields and the index (see markPending and IndexRead's `inIndex`). */
export const PENDING_FIELD = { pendingSince: { type: Date }, inIndex: { type: Boolean } } as const;
export const PENDING_INDEX = [{ pendingSince: 1 }, { sparse: true }] as const;

const PENDING = { pendingSince: trusted({ $exists: true }) };

type Outboxed = {
  _id: Types.ObjectId;
  revision: number;
  indexedRevision: number;
  pendingSince?: Date | undefined;
  inIndex?: boolean | undefined;
};

const objectIds = (ids: string[]) => ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));

/**
 * The outbox of one collection of versioned records. `listed` says whether a record belongs in the index
 * (reading only `listedFields`), and `toIndexable` what of it the index document is built from.
 * `unread` names top-level fields neither of them reads, left in the database when records are read for
 * indexing (a second copy of the content, say): the sync reads thousands of records a second.
 */
export function mongoOutbox<Doc extends Outboxed, R>(
  model: Model<Doc>,
  options: {
    listed: (doc: Doc) => boolean;
    listedFields: readonly string[];
    toIndexable: (doc: Doc) => R;
    unread?: readonly string[];
  },
): OutboxSource<R> {
  const M = model as unknown as Model<Outboxed>;
  const readProjection = Object.fromEntries((options.unread ?? []).map((f) => [f, 0]));
  const stateProjection = Object.fromEntries(
    ['revision', 'indexedRevision', ...options.listedFields].map((f) => [f, 1]),
  );
  return {
    async pendingForIndex(limit, after) {
      const filter = after
        ? {
            $or: [
              { pendingSince: trusted({ $gt: after.since }) },
              { pendingSince: after.since, _id: trusted({ $gt: new Types.ObjectId(after.id) }) },
            ],
          }
        : PENDING;
      const docs = await M.find(filter, { _id: 1, pendingSince: 1 })
        .sort({ pendingSince: 1, _id: 1 })
        .limit(limit)
        .lean<{ _id: Types.ObjectId; pendingSince: Date }[]>();
      return docs.map((d) => ({ id: d._id.toHexString(), since: d.pendingSince }));
    },

    async readForIndexing(ids) {
      const docs = await M.find({ _id: trusted({ $in: objectIds(ids) }) }, readProjection).lean<Doc[]>();
      return docs.map((doc) => ({
        id: doc._id.toHexString(),
        revision: doc.revision,
        record: options.listed(doc) ? options.toIndexable(doc) : undefined,
        inIndex: doc.inIndex,
      }));
    },

    async markIndexed(entries) {
      if (entries.length === 0) return;
      // Records sent at the same revision are marked together: a batch of thousands holds few distinct
      // revisions, and two updates per record made thousands of writes a batch.
      const groups = new Map<string, { revision: number; inIndex: boolean; ids: Types.ObjectId[] }>();
      for (const { id, revision, inIndex } of entries) {
        const key = `${revision}:${inIndex}`;
        const group = groups.get(key) ?? { revision, inIndex, ids: [] };
        group.ids.push(new Types.ObjectId(id));
        groups.set(key, group);
      }
      // The wait is over only if no newer revision was written meanwhile: each filter decides atomically.
      await M.bulkWrite(
        [...groups.values()].flatMap(({ revision, inIndex, ids }) => {
          const _id = trusted({ $in: ids });
          return [
            {
              // Still at the revision sent: caught up. (indexedRevision may already equal it when the
              // record was requeued without a change, e.g. requeueAll after the documents' make-up changed.)
              updateMany: {
                filter: { _id, revision },
                update: { $set: { indexedRevision: revision, inIndex }, $unset: { pendingSince: 1 } },
                timestamps: false,
              },
            },
            {
              updateMany: {
                filter: { _id, indexedRevision: trusted({ $lt: revision }), revision: trusted({ $gt: revision }) },
                update: { $set: { indexedRevision: revision, inIndex } },
                timestamps: false,
              },
            },
          ];
        }),
      );
    },

    async indexBacklog() {
      const [pending, oldest] = await Promise.all([
        M.countDocuments(PENDING),
        M.findOne(PENDING, { pendingSince: 1 }).sort({ pendingSince: 1 }).lean<{ pendingSince: Date }>(),
      ]);
      return { pending, oldestChangeAt: oldest?.pendingSince };
    },

    async indexStates(afterId, limit) {
      const filter = afterId ? { _id: trusted({ $gt: new Types.ObjectId(afterId) }) } : {};
      const docs = await M.find(filter, stateProjection).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map((d) => ({
        id: d._id.toHexString(),
        revision: d.revision,
        indexedRevision: d.indexedRevision,
        listed: options.listed(d),
      }));
    },

    async requeueForIndex(ids) {
      if (ids.length === 0) return;
      await M.updateMany(
        { _id: trusted({ $in: objectIds(ids) }) },
        // What the index holds is in doubt: the next pass sends an upsert or a removal either way.
        { $set: { indexedRevision: 0 }, $unset: { inIndex: 1 }, ...markPending() },
        { timestamps: false },
      );
    },

    async requeueAll() {
      // A record already waiting keeps its place in the queue ($min would keep it too): only the others
      // are written, which on a first start beside a store full of unindexed records is none of them.
      await M.updateMany({ pendingSince: trusted({ $exists: false }) }, markPending(), { timestamps: false });
    },

    async recordCount() {
      return M.countDocuments();
    },

    async existingIds(ids) {
      const docs = await M.find({ _id: trusted({ $in: objectIds(ids) }) }, { _id: 1 }).lean<
        { _id: Types.ObjectId }[]
      >();
      return new Set(docs.map((d) => d._id.toHexString()));
    },
  };
}
