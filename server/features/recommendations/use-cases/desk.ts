import { actorOf, type Caller } from '../domain/access';
import type { RecommendationsContext } from './context';

/** Recommendations that still stand (not withdrawn): their evidence is what planners read. */
const STANDING = ['draft', 'consultation', 'final'] as const;

/** What waits for the curators on the recommendations' side (the coordinator's home page). */
export function desk(ctx: RecommendationsContext) {
  const { store, reads, deps } = ctx;

  function assertCurator(caller: Caller): void {
    if (!deps.can(actorOf(caller), 'recommendation.create')) store.deny(caller);
  }

  return {
    /** Consultation comments neither answered nor marked as taken into account. */
    async openCommentCount(caller: Caller): Promise<number> {
      assertCurator(caller);
      return reads.openCommentCount();
    },

    /** Citations in standing recommendations of practices that are no longer listed (archived, unpublished, deleted). */
    async withdrawnCitationCount(caller: Caller): Promise<number> {
      assertCurator(caller);
      const docs = await reads.inStatuses(STANDING);
      const cited = docs.flatMap((doc) => (doc.content.evidence ?? []).map((c) => c.practiceId));
      if (cited.length === 0) return 0;
      const facts = await deps.practices.evidenceFacts([...new Set(cited)]);
      const gone = new Set(facts.filter((f) => f.state !== 'listed').map((f) => f.id));
      return cited.filter((id) => gone.has(id)).length;
    },
  };
}
