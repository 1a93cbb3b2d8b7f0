import { Types, trusted } from 'mongoose';
import type { IndexablePractice } from '../search/search.document';
import type { PracticesContext } from './practices.context';
import type { PracticeDoc } from './practices.model';
import { isListed } from './practices.queries';

export type IndexState = { id: string; revision: number; indexedRevision: number; listed: boolean };

/** A practice as the search index sees it: its published copy when listed, otherwise nothing to show. */
export type IndexRead = { id: string; revision: number; practice: IndexablePractice | undefined };

// `revision > indexedRevision` compares two fields of one document: only $expr can say that.
const PENDING = { $expr: trusted({ $gt: ['$revision', '$indexedRevision'] }) };

/**
 * The outbox's clock, part of the same write that bumps `revision`: when the practice started to wait
 * for the index. `$min` keeps the first unindexed change's time through later edits; markIndexed clears
 * it. (A record's own dates say nothing here: imported practices carry dates years back.)
 */
export const markPending = (now: Date = new Date()) => ({ $min: { pendingSince: now } });

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
      const docs = await Practice.find(PENDING, { _id: 1 }).sort({ updatedAt: 1 }).limit(limit).lean<{ _id: Types.ObjectId }[]>();
      return docs.map((d) => d._id.toHexString());
    },

    /** Re-read at send time, so what is sent is always the newest revision; one query per batch. */
    async readForIndexing(ids: string[]): Promise<IndexRead[]> {
      const docs = await Practice.find({ _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) }).lean<PracticeDoc[]>();
      return docs.map((doc) => ({ id: doc._id.toHexString(), revision: doc.revision, practice: toIndexable(doc) }));
    },

    /**
     * Records that these revisions are in the index; never moves backwards, never touches `revision`.
     * The wait is over only if no newer revision was written meanwhile: each filter decides atomically.
     */
    async markIndexed(entries: { id: string; revision: number }[]): Promise<void> {
      if (entries.length === 0) return;
      await Practice.bulkWrite(
        entries.flatMap(({ id, revision }) => {
          const _id = new Types.ObjectId(id);
          const behind = trusted({ $lt: revision });
          const caughtUp = { $set: { indexedRevision: revision }, $unset: { pendingSince: 1 } };
          const stillBehind = { $set: { indexedRevision: revision } };
          return [
            { updateOne: { filter: { _id, indexedRevision: behind, revision }, update: caughtUp, timestamps: false } },
            {
              updateOne: {
                filter: { _id, indexedRevision: behind, revision: trusted({ $gt: revision }) },
                update: stillBehind,
                timestamps: false,
              },
            },
          ];
        }),
      );
    },

    async indexBacklog(): Promise<{ pending: number; oldestChangeAt: Date | undefined }> {
      const [pending, oldest] = await Promise.all([
        Practice.countDocuments(PENDING),
        Practice.findOne({ ...PENDING, pendingSince: trusted({ $exists: true }) }, { pendingSince: 1 })
          .sort({ pendingSince: 1 })
          .lean<{ pendingSince: Date }>(),
      ]);
      return { pending, oldestChangeAt: oldest?.pendingSince };
    },

    /** One batch of index states in id order, for streaming comparisons; pass the last id to continue. */
    async indexStates(afterId: string | undefined, limit: number): Promise<IndexState[]> {
      const filter = afterId ? { _id: trusted({ $gt: new Types.ObjectId(afterId) }) } : {};
      const docs = await Practice.find(filter, { revision: 1, indexedRevision: 1, 'published.title': 1, status: 1, deleted: 1 })
        .sort({ _id: 1 })
        .limit(limit)
        .lean<Pick<PracticeDoc, '_id' | 'revision' | 'indexedRevision' | 'published' | 'status' | 'deleted'>[]>();
      return docs.map((d) => ({ id: d._id.toHexString(), revision: d.revision, indexedRevision: d.indexedRevision, listed: isListed(d) }));
    },

    /** Marks practices as not indexed, so the sync sends them again (repairs found by reconciliation). */
    async requeueForIndex(ids: string[]): Promise<void> {
      if (ids.length === 0) return;
      await Practice.updateMany(
        { _id: trusted({ $in: ids.map((id) => new Types.ObjectId(id)) }) },
        { $set: { indexedRevision: 0 }, ...markPending() },
        { timestamps: false },
      );
    },

    async practiceCount(): Promise<number> {
      return Practice.countDocuments();
    },

    /** Ids of practices that exist, out of the given ones (for removing index entries of purged records). */
    async existingIds(ids: string[]): Promise<Set<string>> {
      const valid = ids.filter((id) => Types.ObjectId.isValid(id));
      const docs = await Practice.find({ _id: trusted({ $in: valid.map((id) => new Types.ObjectId(id)) }) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      return new Set(docs.map((d) => d._id.toHexString()));
    },
  };
}
