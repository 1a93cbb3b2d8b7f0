import { Types, trusted } from 'mongoose';
import type { IndexablePractice } from '../search/search.document';
import type { PracticesContext } from './practices.context';
import type { PracticeDoc } from './practices.model';
import { isListed } from './practices.queries';

export type IndexState = { id: string; revision: number; indexedRevision: number; listed: boolean };

/** A practice as the search index sees it: its published copy when listed, otherwise nothing to show. */
export type IndexRead = { id: string; revision: number; practice: IndexablePractice | undefined };

// Set with every revision bump, cleared by the sync once that revision is indexed; an index serves it.
const PENDING = { searchPending: true };

function toIndexable(doc: PracticeDoc): IndexablePractice | undefined {
  if (!isListed(doc) || !doc.published) return undefined;
  return {
    id: doc._id.toHexString(),
    revision: doc.revision,
    city: doc.city,
    cityName: doc.cityName,
    country: doc.country,
    publishedAt: doc.publishedAt,
    content: doc.published,
  };
}

/**
 * The search outbox, read side. Every change bumps `revision` in the same write; the sync marks
 * `indexedRevision` once Meilisearch has applied that revision. Nothing here changes `revision`.
 */
export function indexSource(ctx: PracticesContext) {
  const { Practice } = ctx.models;

  return {
    /** Practices whose latest revision is not in the index yet, longest-waiting first. */
    async pendingForIndex(limit: number): Promise<string[]> {
      const docs = await Practice.find(PENDING, { _id: 1 })
        .sort({ updatedAt: 1 })
        .limit(limit)
        .lean<{ _id: Types.ObjectId }[]>();
      return docs.map((d) => d._id.toHexString());
    },

    /** Re-read at send time, so what is sent is always the newest revision; one query per batch. */
    async readForIndexing(ids: string[]): Promise<IndexRead[]> {
      const docs = await Practice.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).lean<
        PracticeDoc[]
      >();
      return docs.map((doc) => ({ id: doc._id.toHexString(), revision: doc.revision, practice: toIndexable(doc) }));
    },

    /**
     * Records that these revisions are in the index; never moves backwards, never touches `revision`.
     * The pending flag is cleared only where `revision` is still the one indexed: a change made since
     * keeps the practice pending.
     */
    async markIndexed(entries: { id: string; revision: number }[]): Promise<void> {
      if (entries.length === 0) return;
      await Practice.bulkWrite(
        entries.flatMap(({ id, revision }) => [
          {
            updateOne: {
              filter: { _id: new Types.ObjectId(id), revision },
              update: { $set: { indexedRevision: revision, searchPending: false } },
              timestamps: false,
            },
          },
          {
            updateOne: {
              filter: { _id: new Types.ObjectId(id), indexedRevision: trusted({ $lt: revision }) },
              update: { $set: { indexedRevision: revision } },
              timestamps: false,
            },
          },
        ]),
        { ordered: true },
      );
    },

    /** Marks every practice pending, so the sync sends them all again (the index's make-up changed). */
    async requeueAll(): Promise<void> {
      await Practice.updateMany({}, { $set: { searchPending: true } }, { timestamps: false });
    },

    async indexBacklog(): Promise<{ pending: number; oldestChangeAt: Date | undefined }> {
      const [pending, oldest] = await Promise.all([
        Practice.countDocuments(PENDING),
        Practice.findOne(PENDING, { updatedAt: 1 }).sort({ updatedAt: 1 }).lean<{ updatedAt: Date }>(),
      ]);
      return { pending, oldestChangeAt: oldest?.updatedAt };
    },

    /** One batch of index states in id order, for streaming comparisons; pass the last id to continue. */
    async indexStates(afterId: string | undefined, limit: number): Promise<IndexState[]> {
      const filter = afterId ? { _id: trusted({ $gt: new Types.ObjectId(afterId) }) } : {};
      const docs = await Practice.find(filter, {
        revision: 1,
        indexedRevision: 1,
        'published.title': 1,
        status: 1,
        deleted: 1,
      })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<Pick<PracticeDoc, '_id' | 'revision' | 'indexedRevision' | 'published' | 'status' | 'deleted'>[]>();
      return docs.map((d) => ({
        id: d._id.toHexString(),
        revision: d.revision,
        indexedRevision: d.indexedRevision,
        listed: isListed(d),
      }));
    },

    /** Marks practices as not indexed, so the sync sends them again (repairs found by reconciliation). */
    async requeueForIndex(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await Practice.updateMany(
        { _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) },
        { $set: { indexedRevision: 0, searchPending: true } },
        { timestamps: false },
      );
    },

    async practiceCount(): Promise<number> {
      return Practice.countDocuments();
    },

    /** Ids of practices that exist, out of the given ones (for removing index entries of purged records). */
    async existingIds(ids: string[]): Promise<Set<string>> {
      const valid = ids.filter((id) => Types.ObjectId.isValid(id));
      const docs = await Practice.find(
        { _id: trusted({ $in: valid.map((id) => new Types.ObjectId(id)) }) },
        { _id: 1 },
      ).lean<{ _id: Types.ObjectId }[]>();
      return new Set(docs.map((d) => d._id.toHexString()));
    },
  };
}
