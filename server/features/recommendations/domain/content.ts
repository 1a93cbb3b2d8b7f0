import { ValidationError, type FieldErrors } from '../../../lib/errors';
import { applyChanges as applyTableChanges, changedFields as tableChangedFields, emptyOf, missingFields } from '../../../lib/versioned';
import type { RecommendationChanges } from './input';
import { RECOMMENDATION_FIELDS, type RecommendationContent } from './recommendation-fields';

export const emptyContent = (title: string): RecommendationContent => ({ ...emptyOf(RECOMMENDATION_FIELDS), title });

/** The content after a partial update: a given field replaces the old value whole, a missing one stays. */
export const applyChanges = (current: RecommendationContent, changes: RecommendationChanges): RecommendationContent =>
  applyTableChanges(RECOMMENDATION_FIELDS, current, changes);

/** Which fields differ, in the order the table lists them. */
export const changedFields = (before: object, after: object): string[] => tableChangedFields(RECOMMENDATION_FIELDS, before, after);

/** What putting it to the members (or making it final) needs and this content lacks, by field. */
export const missingForConsultation = (content: Partial<RecommendationContent>): FieldErrors =>
  missingFields(RECOMMENDATION_FIELDS, content, 'recommendations.error.required_for_consultation');

export function assertComplete(content: RecommendationContent): void {
  const missing = missingForConsultation(content);
  if (Object.keys(missing).length > 0) throw new ValidationError('recommendations.error.incomplete', missing);
}
