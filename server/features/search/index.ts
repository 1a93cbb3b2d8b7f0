/** The search feature's public surface: other features, the app and scripts import only from here. */
export { createSearchIndexing, type SearchIndexing } from './search-indexing.service';
export { createSearchService, SearchUnavailableError, type SearchService } from './search.service';
export { searchRoutes } from './search.routes';
export { searchApiRoutes } from './search.api.routes';
export { searchAdminRoutes } from './search.admin.routes';
export { searchOpenApi } from './search.openapi';
export { termLabels, toSearchDocument, type IndexablePractice, type PracticeSearchDocument, type TermLabels } from './search.document';
export {
  toRecommendationDocument,
  type IndexableRecommendation,
  type RecommendationSearchDocument,
} from './recommendation.document';
export { createRecommendationSearch, type RecommendationSearch } from './recommendation-search.service';
export { parseSearch } from './search.schema';
export type { SearchState } from './search.filters';
export { createSearchOverview, type Counts, type ExportHit, type SearchOverview } from './search.overview';
