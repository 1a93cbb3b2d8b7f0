import { NotFoundError } from '../../../lib/errors';
import type { User } from '../../users';
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
  const { reads, deps } = ctx;

  return {
    async seedRecommendation(input: SeedRecommendationInput): Promise<{ id: string; created: boolean }> {
      if (input.importKey) {
        const existing = await reads.idByImportKey(input.importKey);
        if (existing) return { id: existing, created: false };
      }
      const author = await deps.users.findById(input.createdBy);
      if (!author) throw new NotFoundError();
      const { id } = await steps.create(author, input.content);
      for (const citation of input.citations) await steps.cite(author, id, citation);
      if (input.status !== 'draft') await steps.openConsultation(author, id);
      if (input.status === 'final') await steps.finalise(author, id);
      if (input.importKey) await reads.setImportKey(id, input.importKey);
      return { id, created: true };
    },

    /** Undoes an import: every recommendation whose import key starts with the prefix, with its history and thread. */
    async removeImportedRecommendations(importKeyPrefix: string): Promise<number> {
      if (!/^[\w.:-]{3,}$/.test(importKeyPrefix)) throw new Error('removeImportedRecommendations needs a specific import key prefix');
      return await reads.eraseImported(importKeyPrefix);
    },
  };
}
