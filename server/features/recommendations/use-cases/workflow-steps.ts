import { Types } from 'mongoose';
import { ValidationError } from '../../../lib/errors';
import type { AuditAction } from '../../audit';
import type { User } from '../../users';
import type { RecommendationDoc } from '../persistence/recommendation-model';
import { reachAfter, type Caller } from '../domain/access';
import { assertComplete } from '../domain/content';
import { evidenceItems } from '../domain/evidence';
import { actionInput, parseInput, reasonInput } from '../domain/input';
import { RECOMMENDATION_WORKFLOW, type RecommendationStep } from '../domain/workflow';
import type { RecommendationsContext, RequestMeta } from './context';
import type { RecommendationJson } from './presenters';
import { signedIn } from './rules';
import { announceCitations } from './announce';

/** The workflow's steps (the table in domain/workflow.ts), and the soft delete of drafts. */
export function workflowSteps(ctx: RecommendationsContext) {
  const { models, store, deps } = ctx;
  const steps = RECOMMENDATION_WORKFLOW.steps;

  async function audit(user: User, action: AuditAction, doc: RecommendationDoc, meta: RequestMeta, details?: Record<string, unknown>) {
    await deps.audit.record({
      action,
      actor: { id: user.id, email: user.email },
      target: { type: 'recommendation', id: doc._id.toHexString(), label: doc.content.title },
      ip: meta.ip,
      details,
    });
  }

  /** A recommendation is final only on evidence that still stands: at least one cited practice still listed. */
  async function assertEvidence(doc: RecommendationDoc): Promise<void> {
    const citations = doc.content.evidence ?? [];
    const standing = evidenceItems(citations, await deps.practices.evidenceFacts(citations.map((c) => c.practiceId))).filter((i) => i.standing);
    if (standing.length === 0) {
      const message = citations.length > 0 ? 'recommendations.error.evidence_withdrawn' : 'recommendations.error.evidence_required';
      throw new ValidationError('recommendations.error.no_evidence', { evidence: [message] });
    }
  }

  /** Moves a recommendation one step; `check` runs on the very revision that is written. */
  async function move(
    caller: Caller,
    id: string,
    step: RecommendationStep,
    body: unknown,
    options: { check?: (doc: RecommendationDoc) => Promise<void> | void; set?: (doc: RecommendationDoc, now: Date, reason: string | undefined) => Record<string, unknown>; unset?: string[] } = {},
  ) {
    const doc = await store.load(id);
    store.authorizeStep(caller, step, doc);
    const user = signedIn(caller);
    const input = parseInput(steps[step].reason ? reasonInput : actionInput, body) as { revision?: number; reason?: string };
    await options.check?.(doc);
    const to = steps[step].to;
    const now = new Date();
    const updated = await store.commit(
      doc,
      user,
      {
        kind: 'status',
        changedFields: ['status'],
        set: { status: to, reached: reachAfter(doc.reached, to), ...options.set?.(doc, now, input.reason) },
        unset: options.unset,
        note: input.reason,
      },
      input.revision ?? doc.revision,
    );
    // The first time members may read it, the authors of the practices it cites hear of it.
    if (doc.reached === 'draft' && updated.reached !== 'draft') {
      await announceCitations(ctx, updated, user, (updated.content.evidence ?? []).map((c) => c.practiceId));
    }
    return { doc: updated, user, reason: input.reason };
  }

  return {
    /** Puts the recommendation to the members: every required field must be filled in. */
    async openConsultation(caller: Caller, id: string, body: unknown = {}, meta: RequestMeta = {}): Promise<RecommendationJson> {
      const { doc, user } = await move(caller, id, 'open-consultation', body, {
        check: (d) => assertComplete(d.content),
        set: (_d, now) => ({ consultationOpenedAt: now }),
      });
      await audit(user, 'recommendation.consultation-opened', doc, meta, { revision: doc.revision });
      return store.json(doc, caller);
    },

    async backToDraft(caller: Caller, id: string, body: unknown = {}): Promise<RecommendationJson> {
      return store.json((await move(caller, id, 'back-to-draft', body)).doc, caller);
    },

    /** Makes it final (public): complete, and backed by at least one cited practice that still stands. */
    async finalise(caller: Caller, id: string, body: unknown = {}, meta: RequestMeta = {}): Promise<RecommendationJson> {
      const { doc, user } = await move(caller, id, 'finalise', body, {
        check: async (d) => {
          assertComplete(d.content);
          await assertEvidence(d);
        },
        set: (d, now) => ({ finalisedAt: now, firstFinalisedAt: d.firstFinalisedAt ?? now }),
        unset: ['withdrawnReason'],
      });
      await audit(user, 'recommendation.finalised', doc, meta, { revision: doc.revision });
      return store.json(doc, caller);
    },

    /** Takes it out of use with a reason, which goes to the thread; readers still find it, marked withdrawn. */
    async withdraw(caller: Caller, id: string, body: unknown, meta: RequestMeta = {}): Promise<RecommendationJson> {
      const { doc, user, reason = '' } = await move(caller, id, 'withdraw', body, {
        set: (_d, now, why) => ({ withdrawnAt: now, withdrawnReason: why }),
      });
      await models.thread.add(doc._id, user, 'withdrawn', reason);
      await audit(user, 'recommendation.withdrawn', doc, meta, { reason });
      return store.json(doc, caller);
    },

    async reopen(caller: Caller, id: string, body: unknown = {}): Promise<RecommendationJson> {
      return store.json((await move(caller, id, 'reopen', body, { unset: ['withdrawnAt', 'withdrawnReason'] })).doc, caller);
    },

    /** Soft delete of a draft nobody outside the curators has seen; it can be brought back. */
    async remove(caller: Caller, id: string, body: unknown = {}): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.delete', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'delete', changedFields: ['deleted'], set: { deleted: true, deletedAt: new Date(), deletedBy: new Types.ObjectId(user.id) } },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },

    async undelete(caller: Caller, id: string, body: unknown = {}): Promise<RecommendationJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'recommendation.undelete', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'undelete', changedFields: ['deleted'], set: { deleted: false }, unset: ['deletedAt', 'deletedBy'] },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },
  };
}
