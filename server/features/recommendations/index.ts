/**
 * The recommendations feature's public surface: other features, the app and scripts import from here only.
 *
 * Inside, by layer:
 *   domain/     the field table, the workflow table, input schemas, evidence figures: rules that need no database
 *   persistence/ the Mongoose model with its revision log and consultation thread, and the store (the one write path)
 *   use-cases/  the service: one function per thing a person does, each applying the policy
 *   http/       JSON API and pages: parse, call a use case, present
 */
export { createRecommendationsService, type RecommendationsService } from './use-cases/service';
export type { RecommendationsDeps } from './use-cases/context';
export { EditConflictError } from './persistence/recommendation-store';
export { COMMENT_KINDS, REVISION_KINDS, type RecommendationDoc, type RecommendationSnapshot } from './persistence/recommendation-model';
export type { Caller } from './domain/access';
export {
  COST_BANDS, DIRECTIONS, HORIZONS, POPULATION_BANDS, POPULATION_TRENDS, PRIORITIES, REGIONAL_ROLES, RECOMMENDATION_FIELDS,
  type Citation, type CitationJson, type RecommendationContent,
} from './domain/recommendation-fields'; // prettier-ignore
export { RECOMMENDATION_WORKFLOW, RECOMMENDATION_STEPS, type RecommendationStep } from './domain/workflow';
export { evidenceItems, evidenceSummary, type EvidenceItem, type EvidenceSummary } from './domain/evidence';
export { createRecommendationInput } from './domain/input';
export type { RecommendationJson, RecommendationSummary, ContentJson } from './use-cases/presenters';
export type { RecommendationView, ListedRecommendation, RecommendationEvidenceRow, Page } from './use-cases/queries';
export type { RevisionSummary, Revision, RevisionDiff } from './use-cases/revisions';
export type { RecommendationComment } from './use-cases/comments';
export type { SeedRecommendationInput } from './use-cases/seed';
export type { Evidence } from './use-cases/evidence';
export { recommendationsApiRoutes } from './http/api.routes';
export { recommendationsPagesRoutes, type RecommendationPagesDeps } from './http/pages.routes';
export { recommendationsOpenApi } from './http/openapi';
