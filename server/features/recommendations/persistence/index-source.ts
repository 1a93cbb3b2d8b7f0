import { mongoOutbox } from '../../../lib/search-outbox';
import type { IndexableRecommendation } from '../../search';
import type { RecommendationDoc, RecommendationsModels } from './recommendation-model';

/** Findable by search: in consultation (members) or final (everyone allowed to read), not deleted. */
export const isSearchable = (doc: Pick<RecommendationDoc, 'status' | 'deleted'>): boolean =>
  !doc.deleted && (doc.status === 'consultation' || doc.status === 'final');

function toIndexable(doc: RecommendationDoc): IndexableRecommendation {
  const c = doc.content;
  return {
    id: doc._id.toHexString(),
    revision: doc.revision,
    status: doc.status as IndexableRecommendation['status'],
    updatedAt: doc.updatedAt,
    finalisedAt: doc.finalisedAt,
    content: {
      title: c.title,
      summary: c.summary,
      problem: c.problem,
      measureGroup: c.measureGroup,
      themes: c.themes,
      targetGroups: c.targetGroups,
      actions: c.actions,
      preconditions: c.preconditions,
      risks: c.risks,
      suits: c.suits,
      priority: c.priority,
      evidence: (c.evidence ?? []).map((e) => ({ reason: e.reason, cited: { title: e.cited.title, cityName: e.cited.cityName } })),
    },
  };
}

/** The recommendations' search outbox: searchable ones go to the index, anything else is removed from it. */
export const recommendationsOutbox = (models: RecommendationsModels) =>
  mongoOutbox<RecommendationDoc, IndexableRecommendation>(models.Recommendation, {
    listed: isSearchable,
    listedFields: ['status', 'deleted'],
    toIndexable,
  });
