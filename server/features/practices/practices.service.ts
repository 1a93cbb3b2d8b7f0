import type { Connection } from 'mongoose';
import { attachments } from './practices.attachments';
import { browsing } from './practices.browse';
import { comments } from './practices.comments';
import type { PracticesDeps } from './practices.context';
import { editing } from './practices.editing';
import { indexSource } from './practices.index-source';
import { practicesModels } from './practices.model';
import { queries } from './practices.queries';
import { revisions } from './practices.revisions';
import { seeding } from './practices.seed';
import { createPracticeStore } from './practices.store';
import { workflow } from './practices.workflow';

export type { PracticesDeps } from './practices.context';
export { EditConflictError } from './practices.store';
export type { Caller, PracticeJson, PracticeSummary, ContentJson, AttachmentInfo } from './practices.view';
export type { PracticeView, Page, ReviewItem } from './practices.queries';
export type { RevisionSummary, Revision, RevisionDiff } from './practices.revisions';
export type { PracticeComment } from './practices.comments';
export type { SeedPracticeInput } from './practices.seed';
export type { EditForm } from './practices.editing';
export type { BrowseCity, BrowseFacets } from './practices.browse';

export type PracticesService = ReturnType<typeof createPracticesService>;

/**
 * Practices: the record, its workflow, history, review thread and attachments. Every method takes the
 * caller (res.locals.user, undefined for a visitor) and applies the policy itself, so the JSON API and
 * the pages cannot disagree about who may do what. Input is `unknown` and parsed here with the same
 * zod schemas the OpenAPI document is built from.
 */
export function createPracticesService(connection: Connection, deps: PracticesDeps) {
  const models = practicesModels(connection);
  const store = createPracticeStore(models, { can: deps.can, logger: deps.logger, files: deps.files });
  const ctx = { models, store, deps };
  const edits = editing(ctx);
  const steps = workflow(ctx);
  const { editEffects: _editEffects, checkReferences: _checkReferences, ...publicEdits } = edits;
  const { addThreadEntry: _addThreadEntry, ...publicSteps } = steps;
  return {
    ...publicEdits,
    ...queries(ctx),
    ...publicSteps,
    ...comments(ctx, steps),
    ...revisions(ctx, edits),
    ...attachments(ctx, edits),
    ...seeding(ctx, edits),
    ...browsing(ctx),
    ...indexSource(ctx),
  };
}
