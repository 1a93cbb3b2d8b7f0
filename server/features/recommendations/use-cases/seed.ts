import { trusted } from 'mongoose';
import { NotFoundError } from '../../../lib/errors';
import type { User } from '../../users';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import type { RecommendationsContext } from './context';
import type { RecommendationJson } from './presenters';

export type SeedRecommendationInput = {
  /** The same shape as `POST /api/recommendations`. */
  content: unknown;
  /** Practices cited, in order, each with its reason and (optionally) the indicators that show it. */
  citations: readonly { practiceId: string; reason: string; indicators?: string[] }[];
  status: 'draft' | 'consultation' | 'final';
  /** The curator (a user id) who writes it and takes its steps. */
  createdBy: string;
  /** A stable key: seeding the same key again returns the existing recommendation instead of a copy. */
  importKey?: string | undefined;
};

type Steps = {
  create(caller: User, body: unknown): Promise<RecommendationJson>;
  cite(caller: User, id: string, body: unknown): Promise<RecommendationJson>;
  openConsultation(caller: User, id: string): Promise<RecommendationJson>;
  finalise(caller: User, id: string): Promise<RecommendationJson>;
};

/**
 * An import path for demo data and migrations: a recommendation is written through the same use cases a
 * coordinator uses (so every rule holds and every step is a revision), then marked with its import key.
 */
export function seeding(ctx: RecommendationsContext, steps: Steps) {
  const { models, deps } = ctx;
  const { Recommendation } = models;

  return {
    async seedRecommendation(input: SeedRecommendationInput): Promise<{ id: string; created: boolean }> {
      if (input.importKey) {
        const existing = await Recommendation.findOne({ importKey: input.importKey }, { _id: 1 }).lean<Pick<RecommendationDoc, '_id'>>();
        if (existing) return { id: existing._id.toHexString(), created: false };
      }
      const author = await deps.users.findById(input.createdBy);
      if (!author) throw new NotFoundError();
      const { id } = await steps.create(author, input.content);
      for (const citation of input.citations) await steps.cite(author, id, citation);
      if (input.status !== 'draft') await steps.openConsultation(author, id);
      if (input.status === 'final') await steps.finalise(author, id);
      // The key is bookkeeping, not content: no revision of its own, and no search re-index needed.
      if (input.importKey) await Recommendation.updateOne({ _id: id }, { $set: { importKey: input.importKey } }, { timestamps: false });
      return { id, created: true };
    },

    /** Undoes an import: every recommendation whose import key starts with the prefix, with its history and thread. */
    async removeImportedRecommendations(importKeyPrefix: string): Promise<number> {
      if (!/^[\w.:-]{3,}$/.test(importKeyPrefix)) throw new Error('removeImportedRecommendations needs a specific import key prefix');
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
