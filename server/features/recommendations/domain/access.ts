import type { Actor, RecommendationReach, RecommendationResource, RecommendationStatus } from '../../../lib/policy';
import { toActor, type User } from '../../users';

/** Who is asking: the signed-in user (res.locals.user), or undefined for a visitor. */
export type Caller = User | undefined;

export const actorOf = (caller: Caller): Actor | null => (caller ? toActor(caller) : null);

/** What the policy is told about a recommendation. */
export const resourceOf = (doc: { status: RecommendationStatus; reached: RecommendationReach; deleted: boolean }): RecommendationResource => ({
  status: doc.status,
  reached: doc.reached,
  deleted: doc.deleted,
});

const ORDER: readonly RecommendationReach[] = ['draft', 'consultation', 'final'];

/** The furthest stage after moving to `status` (withdrawing or reopening never lowers it). */
export function reachAfter(current: RecommendationReach, status: RecommendationStatus): RecommendationReach {
  if (status === 'withdrawn') return current;
  return ORDER.indexOf(status) > ORDER.indexOf(current) ? status : current;
}
