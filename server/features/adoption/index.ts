/**
 * The adoption tracker's public surface: whether and where each partner city took each final
 * recommendation into its plans (cells with their history), its pages, API and OpenAPI section.
 */
export {
  createAdoptionService,
  type AdoptionService,
  type AdoptionRecommendations,
  type AdoptionCell,
  type AdoptionRow,
  type AdoptionMatrix,
} from './adoption.service';
export { ADOPTION_STATUSES, IN_PLANS, type AdoptionStatus } from './adoption.fields';
export { adoptionRoutes, adoptionRowLocals } from './adoption.routes';
export { adoptionApiRoutes } from './adoption.api.routes';
export { adoptionOpenApi } from './adoption.openapi';
export { adoptionRecommendations } from './recommendations-port';
