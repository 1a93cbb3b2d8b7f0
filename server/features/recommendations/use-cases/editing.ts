import { Types } from 'mongoose';
import type { FieldErrors } from '../../../lib/errors';
import type { RecommendationStatus } from '../../../lib/policy';
import { actorOf, type Caller } from '../domain/access';
import { applyChanges, changedFields, emptyContent, missingForConsultation } from '../domain/content';
import { createRecommendationInput, parseInput, updateRecommendationInput } from '../domain/input';
import type { RecommendationsContext } from './context';
import { contentJson, type ContentJson, type RecommendationJson } from './presenters';
import { checkReferences, signedIn } from './rules';

export type EditForm = {
  id: string;
  revision: number;
  status: RecommendationStatus;
  content: ContentJson;
  /** What consultation and finalising still need, by field, so the form can mark it. */
  missing: FieldErrors;
};

export function editing(ctx: RecommendationsContext) {
  const { store, deps } = ctx;

  return {
    /** A new draft; only the title is required. */
    async create(caller: Caller, body: unknown): Promise<RecommendationJson> {
      if (!deps.can(actorOf(caller), 'recommendation.create')) store.deny(caller);
      const user = signedIn(caller);
      const input = parseInput(createRecommendationInput, body);
      await checkReferences(deps, input);
      const content = applyChanges(emptyContent(input.title), input);
      const doc = await store.insert(content, new Types.ObjectId(user.id), changedFields({}, content));
      return store.json(doc, caller);
    },

    /**
     * A partial update from the revision the editor started from. If someone saved in between, nothing is
     * written and an EditConflictError carries the stored version; the caller still has its own text.
     */
    async update(caller: Caller, id: string, body: unknown): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.edit', doc);
      const user = signedIn(caller);
      const input = parseInput(updateRecommendationInput, body);
      if (input.revision !== doc.revision) return store.conflict(doc._id, caller);
      const { revision: _revision, ...changes } = input;
      await checkReferences(deps, changes, doc.content);
      const content = applyChanges(doc.content, changes);
      const fields = changedFields(doc.content, content);
      if (fields.length === 0) return store.json(doc, caller);
      const updated = await store.commit(doc, user, { kind: 'edit', changedFields: fields, set: { content } }, input.revision);
      return store.json(updated, caller);
    },

    /** Refuses early (before a form is read) when the caller may not edit this recommendation. */
    async assertEditable(caller: Caller, id: string): Promise<void> {
      store.authorize(caller, 'recommendation.edit', await store.load(id));
    },

    /** The content for an edit form, with the revision to send back and what consultation still needs. */
    async forEdit(caller: Caller, id: string): Promise<EditForm> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.edit', doc);
      return {
        id: doc._id.toHexString(),
        revision: doc.revision,
        status: doc.status,
        content: contentJson(doc._id.toHexString(), doc.content),
        missing: missingForConsultation(doc.content),
      };
    },
  };
}
