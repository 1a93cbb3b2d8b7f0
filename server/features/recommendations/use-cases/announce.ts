import type { User } from '../../users';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import type { RecommendationsContext } from './context';

/**
 * Tells the authors of cited practices that a recommendation stands on their work, once they may read
 * it (from the consultation on: drafts are the curators' own). Only listed practices have authors to tell.
 */
export async function announceCitations(
  ctx: RecommendationsContext,
  doc: RecommendationDoc,
  user: User,
  practiceIds: readonly string[],
): Promise<void> {
  if (doc.reached === 'draft' || doc.deleted || practiceIds.length === 0) return;
  const facts = await ctx.deps.practices.evidenceFacts(practiceIds);
  for (const fact of facts) {
    if (fact.state !== 'listed') continue;
    await ctx.deps.announce.publish('recommendation.cited', {
      recommendationId: doc._id.toHexString(),
      title: doc.content.title,
      actorId: user.id,
      actorName: user.name,
      practice: { practiceId: fact.id, title: fact.title, city: fact.city },
    });
  }
}
