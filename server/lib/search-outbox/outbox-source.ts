import { Types, trusted, type Model } from 'mongoose';

/** A record's state as reconciliation compares it with the index. */
export type IndexState = { id: string; revision: number; indexedRevision: number; listed: boolean };

/** A record as the index sees it: `record` when it belongs in the index, else undefined (remove it). */
export type IndexRead<R> = { id: string; revision: number; record: R | undefined };

/**
 * The MongoDB side of a search outbox. Every change bumps `revision` in the same write; the sync marks
 * `indexedRevision` once the search engine has applied that revision. Nothing here changes `revision`.
 */
export type OutboxSource<R> = {
  /** Records whose latest revision is not in the index yet, longest-waiting first. */
  pendingForIndex(limit: number): Promise<string[]>;
  /** Re-read at send time, so what is sent is always the newest revision; one query per batch. */
  readForIndexing(ids: string[]): Promise<IndexRead<R>[]>;
  /** Records that these revisions are in the index; never moves backwards, never touches `revision`. */
  markIndexed(entries: { id: string; revision: number }[]): Promise<void>;
  indexBacklog(): Promise<{ pending: number; oldestChangeAt: Date | undefined }>;
  /** One batch of index states in id order, for streaming comparisons; pass the last id to continue. */
  indexStates(afterId: string | undefined, limit: number): Promise<IndexState[]>;
  /** Marks records as not indexed, so the sync sends them again (repairs found by reconciliation). */
  requeueForIndex(ids: string[]): Promise<void>;
  recordCount(): Promise<number>;
  /** Ids of records that exist, out of the given ones (for removing index entries of erased records). */
  existingIds(ids: string[]): Promise<Set<string>>;
};

// `revision > indexedRevision` compares two fields of one document: only $expr can say that.
const PENDING = { $expr: trusted({ $gt: ['$revision', '$indexedRevision'] }) };

type Outboxed = { _id: Types.ObjectId; revision: number; indexedRevision: number; updatedAt: Date };

const objectIds = (ids: string[]) => ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));

/**
 * The outbox of one collection of versioned records. `listed` says whether a record belongs in the index
 * (reading only `listedFields`), and `toIndexable` what of it the index document is built from.
 */
export function mongoOutbox<Doc extends Outboxed, R>(
  model: Model<Doc>,
  options: { listed: (doc: Doc) => boolean; listedFields: readonly string[]; toIndexable: (doc: Doc) => R },
): OutboxSource<R> {
  const M = model as unknown as Model<Outboxed>;
  const stateProjection = Object.fromEntries(['revision', 'indexedRevision', ...options.listedFields].map((f) => [f, 1]));
  return {
    async pendingForIndex(limit) {
      const docs = await M.find(PENDING, { _id: 1 }).sort({ updatedAt: 1 }).limit(limit).lean<{ _id: Types.ObjectId }[]>();
      return docs.map((d) => d._id.toHexString());
    },

    async readForIndexing(ids) {
      const docs = await M.find({ _id: trusted({ $in: objectIds(ids) }) }).lean<Doc[]>();
      return docs.map((doc) => ({
        id: doc._id.toHexString(),
        revision: doc.revision,
        record: options.listed(doc) ? options.toIndexable(doc) : undefined,
      }));
    },

    async markIndexed(entries) {
      if (entries.length === 0) return;
      await M.bulkWrite(
        entries.map(({ id, revision }) => ({
          updateOne: {
            filter: { _id: new Types.ObjectId(id), indexedRevision: trusted({ $lt: revision }) },
            update: { $set: { indexedRevision: revision } },
            timestamps: false,
          },
        })),
      );
    },

    async indexBacklog() {
      const [pending, oldest] = await Promise.all([
        M.countDocuments(PENDING),
        M.findOne(PENDING, { updatedAt: 1 }).sort({ updatedAt: 1 }).lean<{ updatedAt: Date }>(),
      ]);
      return { pending, oldestChangeAt: oldest?.updatedAt };
    },

    async indexStates(afterId, limit) {
      const filter = afterId ? { _id: trusted({ $gt: new Types.ObjectId(afterId) }) } : {};
      const docs = await M.find(filter, stateProjection).sort({ _id: 1 }).limit(limit).lean<Doc[]>();
      return docs.map((d) => ({ id: d._id.toHexString(), revision: d.revision, indexedRevision: d.indexedRevision, listed: options.listed(d) }));
    },

    async requeueForIndex(ids) {
      if (ids.length === 0) return;
      await M.updateMany({ _id: trusted({ $in: objectIds(ids) }) }, { $set: { indexedRevision: 0 } }, { timestamps: false });
    },

    async recordCount() {
      return M.countDocuments();
    },

    async existingIds(ids) {
      const docs = await M.find({ _id: trusted({ $in: objectIds(ids) }) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      return new Set(docs.map((d) => d._id.toHexString()));
    },
  };
}
