/** The vocabularies feature's public surface: other features, the app and scripts import only from here. */
export { vocabulariesApiRoutes } from './vocabularies.api.routes';
export { INITIAL_TARGET_GROUPS, INITIAL_THEMES } from './vocabularies.data';
export { vocabulariesOpenApi } from './vocabularies.openapi';
export { vocabulariesRoutes } from './vocabularies.routes';
export { createVocabulariesService, termLabel, type VocabulariesService } from './vocabularies.service';
