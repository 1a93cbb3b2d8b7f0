/**
 * The practices feature's public surface: other features, the app and scripts import from here only.
 *
 * Inside, by layer:
 *   domain/     the field table, the workflow table, input schemas and rules that need no database
 *   persistence/ Mongoose models, the practice store (the one write path) and the search outbox source
 *   use-cases/  the service: one function per thing a person does, each applying the policy
 *   http/       JSON API and pages: parse, call a use case, present
 */
export { createPracticesService, type PracticesService } from './use-cases/service';
export type { PracticesDeps } from './use-cases/context';
export { attachmentFiles, type AttachmentFiles } from './persistence/attachment-files';
export { EditConflictError } from './persistence/practice-store';
export type { PracticeDoc, PracticeSnapshot } from './persistence/practice-model';
export type { Caller } from './domain/access';
export { PRACTICE_FIELDS, PLACE_FIELDS, type PracticeContent } from './domain/practice-fields';
export { PRACTICE_LANGUAGES, EUROPEAN_COUNTRIES, isEuropeanCountry, type PracticeLanguage } from './domain/reference-lists';
export { missingForSubmission } from './domain/content';
export { createPracticeInput } from './domain/input';
export type { PracticeJson, PracticeSummary, ContentJson } from './use-cases/presenters';
export type { PracticeView, Page, ReviewItem } from './use-cases/queries';
export type { RevisionSummary, Revision, RevisionDiff } from './use-cases/revisions';
export type { PracticeComment } from './use-cases/comments';
export type { SeedPracticeInput } from './use-cases/seed';
export type { ImportCheck, ImportOptions } from './use-cases/importing';
export type { EditForm } from './use-cases/editing';
export type { PublishedFacetRow, PublishedNarrowing } from './use-cases/browse';
export type { EvidenceState, PracticeFacts } from './use-cases/evidence-facts';
export { practicesApiRoutes } from './http/api.routes';
export { PRACTICE_MULTIPART_ROUTES } from './http/multipart-routes';
export { practicesPagesRoutes, type PracticePagesDeps } from './http/pages.routes';
export { practicesOpenApi } from './http/openapi';
export { formattersFor, type Formatters } from './http/format';
export { actorOf } from './domain/access';
