import { Types, trusted } from 'mongoose';
import type { RecommendationReach, RecommendationStatus } from '../../../lib/policy';
import type { RecommendationDoc, RecommendationsModels } from './recommendation-model';

/** What a reader may see, in the use cases' words: the stages they read, and the reaches of withdrawn ones they read. */
export type Visibility = { stages: readonly RecommendationReach[]; withdrawnReaches: readonly RecommendationReach[] };

/** Which recommendations a list shows (this file turns it into a MongoDB query). */
export type ListFilter = {
  /** One status only; without it, the current ones (not withdrawn). */
  status?: RecommendationStatus | undefined;
  measureGroup?: string | undefined;
  theme?: string | undefined;
  targetGroup?: string | undefined;
  priority?: string | undefined;
  /** Only those citing this practice. */
  cites?: string | undefined;
};

// Lists need the short fields only, never the long texts. (An inclusion projection: the wire-protocol test
// server's exclusion projections alter stored documents.)
const LIST_PROJECTION = Object.fromEntries(
  [
    'status', 'reached', 'revision', 'deleted', 'finalisedAt', 'updatedAt', 'createdAt', 'importKey',
    ...['title', 'summary', 'measureGroup', 'themes', 'targetGroups', 'priority', 'actions', 'evidence'].map((f) => `content.${f}`),
  ].map((field) => [field, 1]),
); // prettier-ignore
const NEWEST: Record<string, 1 | -1> = { finalisedAt: -1, updatedAt: -1, _id: -1 };

/** The statuses a reader may see as a query, or null when they may see none of them. */
function visible(visibility: Visibility, status?: RecommendationStatus): Record<string, unknown> | null {
  if (status === 'withdrawn') {
    return visibility.withdrawnReaches.length ? { deleted: false, status, reached: trusted({ $in: [...visibility.withdrawnReaches] }) } : null;
  }
  if (status) return visibility.stages.includes(status) ? { deleted: false, status } : null;
  return visibility.stages.length ? { deleted: false, status: trusted({ $in: [...visibility.stages] }) } : null;
}

export type RecommendationQueries = ReturnType<typeof recommendationQueries>;

/** The recommendation reads that lists, back-links and imports need; the only place their MongoDB queries are written. */
export function recommendationQueries(models: RecommendationsModels) {
  const { Recommendation } = models;

  return {
    /** One page of list entries and the total, newest final first; null when the reader may see none of that status. */
    async page(visibility: Visibility, filter: ListFilter, pageNo: number, size: number) {
      const query = visible(visibility, filter.status);
      if (!query) return null;
      if (filter.measureGroup) query['content.measureGroup'] = filter.measureGroup;
      if (filter.theme) query['content.themes'] = filter.theme;
      if (filter.targetGroup) query['content.targetGroups'] = filter.targetGroup;
      if (filter.priority) query['content.priority'] = filter.priority;
      if (filter.cites) query['content.evidence.practiceId'] = filter.cites;
      const [docs, total] = await Promise.all([
        Recommendation.find(query, LIST_PROJECTION).sort(NEWEST).skip((pageNo - 1) * size).limit(size).lean<RecommendationDoc[]>(),
        Recommendation.countDocuments(query),
      ]);
      return { docs, total };
    },

    /** Those citing a practice that the reader may see, withdrawn ones included. */
    async citing(visibility: Visibility, practiceId: string): Promise<RecommendationDoc[]> {
      const branches = [visible(visibility), visible(visibility, 'withdrawn')].filter((q): q is Record<string, unknown> => q !== null);
      if (branches.length === 0) return [];
      // $or is allowed by the filter sanitiser; its branches carry their own trusted operators.
      return Recommendation.find({ 'content.evidence.practiceId': practiceId, $or: branches }, LIST_PROJECTION).sort(NEWEST).limit(100).lean<RecommendationDoc[]>();
    },

    /** The current ones (not withdrawn) the reader may see that cite any of these practices, newest final first. */
    async citingAny(visibility: Visibility, practiceIds: readonly string[]): Promise<RecommendationDoc[]> {
      const query = visible(visibility);
      if (!query || practiceIds.length === 0) return [];
      query['content.evidence.practiceId'] = trusted({ $in: [...practiceIds] });
      return Recommendation.find(query, LIST_PROJECTION).sort(NEWEST).limit(100).lean<RecommendationDoc[]>();
    },

    /** Not deleted and in one of these statuses, latest change first (what a curator may still cite practices in). */
    async inStatuses(statuses: readonly RecommendationStatus[]): Promise<RecommendationDoc[]> {
      if (statuses.length === 0) return [];
      return Recommendation.find({ deleted: false, status: trusted({ $in: [...statuses] }) }, LIST_PROJECTION)
        .sort({ updatedAt: -1 })
        .limit(500)
        .lean<RecommendationDoc[]>();
    },

    /**
     * Members' consultation comments on recommendations that are not deleted, neither answered by a curator
     * nor marked: what waits for the coordinator. Threads are short, so the answers are matched here.
     */
    async openCommentCount(): Promise<number> {
      const Thread = models.thread.Model;
      const [comments, answers] = await Promise.all([
        Thread.find({ kind: 'comment', mark: null }, { _id: 1, recommendationId: 1 }).lean<{ _id: Types.ObjectId; recommendationId: Types.ObjectId }[]>(),
        Thread.find({ kind: 'answer' }, { replyTo: 1 }).lean<{ replyTo?: Types.ObjectId }[]>(),
      ]);
      const answered = new Set(answers.flatMap((a) => (a.replyTo ? [a.replyTo.toHexString()] : [])));
      const open = comments.filter((c) => !answered.has(c._id.toHexString()));
      if (open.length === 0) return 0;
      const ids = [...new Set(open.map((c) => c.recommendationId.toHexString()))].map((id) => new Types.ObjectId(id));
      const live = await Recommendation.find({ _id: trusted({ $in: ids }), deleted: false }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
      const liveIds = new Set(live.map((r) => r._id.toHexString()));
      return open.filter((c) => liveIds.has(c.recommendationId.toHexString())).length;
    },

    async exists(id: string): Promise<boolean> {
      return Types.ObjectId.isValid(id) && (await Recommendation.exists({ _id: new Types.ObjectId(id) })) !== null;
    },

    async idByImportKey(importKey: string): Promise<string | undefined> {
      const doc = await Recommendation.findOne({ importKey }, { _id: 1 }).lean<Pick<RecommendationDoc, '_id'>>();
      return doc?._id.toHexString();
    },

    /** The key is bookkeeping, not content: no revision of its own, and no search re-index needed. */
    async setImportKey(id: string, importKey: string): Promise<void> {
      await Recommendation.updateOne({ _id: new Types.ObjectId(id) }, { $set: { importKey } }, { timestamps: false });
    },

    /** Erases every recommendation whose import key starts with the prefix, with its history and thread. */
    async eraseImported(importKeyPrefix: string): Promise<number> {
      const docs = await Recommendation.find({ importKey: trusted({ $regex: `^${importKeyPrefix.replace(/[.]/g, '\\.')}` }) }, { _id: 1 }).lean<
        Pick<RecommendationDoc, '_id'>[]
      >();
      for (const doc of docs) {
        await Recommendation.deleteOne({ _id: doc._id });
        await models.revisions.removeAll(doc._id);
        await models.thread.removeAll(doc._id);
      }
      return docs.length;
    },
  };
}
