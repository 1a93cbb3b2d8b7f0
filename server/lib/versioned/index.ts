/**
 * The versioned-record kit: what a record with content, revisions, a review workflow and a thread needs,
 * written once. Practices are built on it; a new record type plugs in like this:
 *
 *   1. Describe its content as a field table: `defineFields({ title: { kind: 'text', max: 200 }, ... })`.
 *      `ContentOf<typeof TABLE>` is its type; `mongooseDefinition`, `inputShape`, `formValuesFromBody`/
 *      `formToInput`, `missingFields`, `changedFields`/`diffVersions`, `presentContent`/`renderTexts`
 *      and `inputLimits` derive the schema, validation, form mapping, submission check, diff, presenter
 *      and template limits from it.
 *   2. Give its Mongoose schema the VersionedRecord fields (status, revision, indexedRevision, createdBy,
 *      updatedBy, timestamps), and create a `createRevisionLog` and a `createCommentThread` beside it.
 *   3. Write through `createVersionedStore`: `commit` is the only update (guarded by the revision the
 *      editor started from, so a concurrent change is an EditConflictError, never an overwrite), and
 *      each write records its revision; restore = commit of an old snapshot with kind 'restore'.
 *   4. Declare its workflow with `defineWorkflow({ step: { from, to, who } })`; the service checks
 *      `startsFrom`, the policy answers `who`, pages get `allowed(record, may)`.
 *   5. Parse input with lib/validate's `parseInput`, describe answers with `contentOutputShape`, and give the long form's
 *      templates `formHelpers(table, …)` (ids, names, labels, limits, messages mapped onto inputs).
 *   6. For search, see server/lib/search-outbox.
 */
export * from './field-table';
export { fieldSchema, inputShape, mongooseDefinition, objectError, optionalInput, blankToUndefined, slugInput, stripControls, textInput, SLUG_PATTERN, type MessageKey } from './fields-schema';
export { canonical, changedFields, diffKindOf, diffVersions, type DiffKind, type FieldDiff, type ListItem, type TextPart } from './fields-diff';
export { applyChanges, markdownKeys, missingFields, presentContent, renderTexts, renderedKeys, requiredPaths, snapshotContent, writableKeys } from './fields-content';
export { emptyFormValues, firstRowLeaf, formBodyShape, formKeyMatcher, formToInput, formValuesFromBody, formValuesFromContent, typedNumber, type FormValueOf, type FormValuesOf } from './fields-form';
export { defineWorkflow, type Workflow, type WorkflowStep } from './workflow';
export { createRevisionLog, type NewRevision, type Revision, type RevisionDiff, type RevisionEntry, type RevisionLog, type RevisionSummary } from './revision-log';
export { createCommentThread, COMMENT_MAX_LENGTH, type CommentThread, type ThreadAuthor, type ThreadComment, type ThreadMark } from './comment-thread';
export { contentOutputShape, renderedOutput } from './fields-output';
export { formHelpers, mergeErrors, type FormHelpers } from './form-helpers';
export { createVersionedStore, EditConflictError, isObjectIdText, type Change, type VersionedRecord, type VersionedStore } from './versioned-store';
