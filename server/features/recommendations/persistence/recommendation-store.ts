import { Types } from 'mongoose';
import { ConflictError, NotFoundError, refusal } from '../../../lib/errors';
import type { Action, Can, RecommendationStatus } from '../../../lib/policy';
import { createVersionedStore, EditConflictError, type Change } from '../../../lib/versioned';
import { actorOf, resourceOf, type Caller } from '../domain/access';
import type { RecommendationContent } from '../domain/recommendation-fields';
import { RECOMMENDATION_WORKFLOW, type RecommendationStep } from '../domain/workflow';
import { snapshotOf, type RecommendationDoc, type RecommendationsModels, type RevisionKind, type RecommendationSnapshot } from './recommendation-model';

export { EditConflictError };
export type RecommendationChange = Change<RevisionKind>;

type User = NonNullable<Caller>;

/** Loading, authorising and the one way every change is written (the kit's versioned store underneath). */
export function createRecommendationStore<Json extends { revision: number }>(
  models: RecommendationsModels,
  deps: {
    can: Can;
    /** The recommendation as this caller may see it: what an edit conflict carries. */
    present: (doc: RecommendationDoc, caller: Caller) => Json;
  },
) {
  const versioned = createVersionedStore<RecommendationDoc, RecommendationStatus, RevisionKind, RecommendationSnapshot>(models.Recommendation, {
    log: models.revisions,
    snapshotOf,
    createKind: 'create',
  });

  const deny = (caller: Caller): never => {
    throw refusal(Boolean(caller));
  };

  const can = (caller: Caller, action: Action, doc: RecommendationDoc): boolean =>
    deps.can(actorOf(caller), action as 'recommendation.read', resourceOf(doc));

  /** A deleted recommendation does not exist for those who may not bring it back: 404, not "sign in". */
  function authorize(caller: Caller, action: Action, doc: RecommendationDoc): void {
    if (can(caller, action, doc)) return;
    if (doc.deleted && !can(caller, 'recommendation.undelete', doc)) throw new NotFoundError();
    deny(caller);
  }

  /** A step from a status it does not start from is a conflict (409) for curators, the usual refusal for others. */
  function authorizeStep(caller: Caller, step: RecommendationStep, doc: RecommendationDoc): void {
    const who = RECOMMENDATION_WORKFLOW.steps[step].who;
    authorize(caller, who, doc);
    if (!RECOMMENDATION_WORKFLOW.startsFrom(step, doc)) throw new ConflictError('recommendations.error.invalid_transition', 'invalid_transition');
  }

  const json = (doc: RecommendationDoc, caller: Caller): Json => deps.present(doc, caller);
  const conflictFor = (caller: Caller) => (current: RecommendationDoc) =>
    new EditConflictError(json(current, caller), 'recommendations.error.edited_meanwhile');

  return {
    load: versioned.load,
    can,
    authorize,
    authorizeStep,
    deny,
    json,

    conflict: (id: Types.ObjectId, caller: Caller): Promise<never> => versioned.conflict(id, conflictFor(caller)),

    /** One change, written only if the recommendation is still at `expectedRevision` (else an EditConflictError). */
    commit: (doc: RecommendationDoc, caller: User, change: RecommendationChange, expectedRevision = doc.revision): Promise<RecommendationDoc> =>
      versioned.commit(doc, new Types.ObjectId(caller.id), change, expectedRevision, conflictFor(caller)),

    /** Writes a new draft at revision 1 with its first history entry. */
    insert: (content: RecommendationContent, by: Types.ObjectId, changedFields: string[], extra: Record<string, unknown> = {}) =>
      versioned.insert({ content, status: 'draft', reached: 'draft', deleted: false, ...extra }, by, { changedFields }),
  };
}
