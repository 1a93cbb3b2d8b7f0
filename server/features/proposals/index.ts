/**
 * The proposals feature's public surface: the network's proposals document, published in frozen editions.
 *
 * Inside, by layer:
 *   domain/     the edition's field table and input schemas, and the document model (pure)
 *   persistence/ the Mongoose model, its revision log and versioned store
 *   use-cases/  the service: drafting, publishing (audited), reading
 *   exports/    one presentation of the document and its Markdown, PDF and JSON renderings
 *   http/       pages, downloads, JSON API, OpenAPI section
 */
export { createProposalsService, type ProposalsService } from './use-cases/service';
export type {
  ProposalRecommendations,
  ChoosableRecommendation,
  CurrentRecommendation,
  ProposalsDeps,
} from './use-cases/context';
export type { EditionSummary } from './use-cases/reading';
export {
  monthYear,
  type RecommendationText,
  type Reference,
  type GroupLabels,
  type Citation,
} from './domain/edition-document';
export { proposalsPagesRoutes } from './http/pages.routes';
export { proposalsApiRoutes } from './http/api.routes';
export { proposalsOpenApi } from './http/openapi';
export { proposalRecommendations, finalRecommendations } from './recommendations-port';
