import { Types } from 'mongoose';
import { ConflictError, ForbiddenError, ValidationError } from '../../../lib/errors';
import type { AuditAction } from '../../audit';
import type { User } from '../../users';
import type { CommentKind, PracticeDoc } from '../persistence/practice-model';
import type { Caller } from '../domain/access';
import { missingForSubmission } from '../domain/content';
import { actionInput, reasonInput } from '../domain/input';
import { parseInput } from '../../../lib/validate';
import { PRACTICE_WORKFLOW } from '../domain/workflow';
import { practiceRef, type PracticesContext, type RequestMeta } from './context';
import { signedIn } from './edit-rules';
import type { PracticeJson } from './presenters';

function assertComplete(doc: PracticeDoc): void {
  const missing = missingForSubmission(doc);
  if (Object.keys(missing).length > 0) throw new ValidationError('practices.error.incomplete', missing);
}

/** The workflow's steps (the table in domain/workflow.ts), soft delete and the administrator's purge. */
export function workflowSteps(ctx: PracticesContext) {
  const { models, store, deps } = ctx;
  const steps = PRACTICE_WORKFLOW.steps;

  async function audit(
    user: User,
    action: AuditAction,
    doc: PracticeDoc,
    meta: RequestMeta,
    details?: Record<string, unknown>,
  ) {
    await deps.audit.record({
      action,
      actor: { id: user.id, email: user.email },
      target: { type: 'practice', id: doc._id.toHexString(), label: doc.working.title },
      ip: meta.ip,
      details,
    });
  }

  const by = (user: User) => ({ actorId: user.id, actorName: user.name });

  /** A reviewer's decision that goes back to the authors with its reason, in the thread and in the audit log. */
  async function decide(
    caller: Caller,
    id: string,
    body: unknown,
    step: { key: 'request-changes' | 'reject'; kind: CommentKind; audit: AuditAction },
    meta: RequestMeta,
  ): Promise<PracticeJson> {
    const doc = await store.load(id);
    store.authorizeStep(caller, step.key, doc);
    const user = signedIn(caller);
    const input = parseInput(reasonInput, body);
    const updated = await store.commit(
      doc,
      user,
      {
        kind: 'status',
        changedFields: ['status'],
        // Asking for changes remembers what the reviewer saw; a rejection ends that round of review.
        set: {
          status: steps[step.key].to,
          reviewNote: input.reason,
          ...(step.key === 'request-changes' ? { changesRequestedRevision: doc.revision } : {}),
        },
        ...(step.key === 'reject' ? { unset: ['changesRequestedRevision'] } : {}),
        note: input.reason,
      },
      input.revision ?? doc.revision,
    );
    await models.thread.add(updated._id, user, step.kind, input.reason);
    await audit(user, step.audit, updated, meta, { reason: input.reason });
    await deps.announce.publish(step.key === 'reject' ? 'practice.rejected' : 'practice.changes-requested', {
      ...practiceRef(updated),
      ...by(user),
    });
    return store.json(updated, caller);
  }

  return {
    /** Sends the working copy for review; every mandatory field must be filled in. */
    async submit(caller: Caller, id: string, body: unknown = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorizeStep(caller, 'submit', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      assertComplete(doc);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'status', changedFields: ['status'], set: { status: steps.submit.to, submittedAt: new Date() } },
        input.revision ?? doc.revision,
      );
      await deps.announce.publish('practice.submitted', {
        ...practiceRef(updated),
        ...by(user),
        resubmitted: updated.changesRequestedRevision !== undefined,
      });
      return store.json(updated, caller);
    },

    /**
     * Makes the working copy the published one, or brings an archived practice back. The copy is taken
     * from the very revision that was checked: a change in between is a conflict.
     */
    async publish(caller: Caller, id: string, body: unknown = {}, meta: RequestMeta = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorizeStep(caller, 'publish', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      assertComplete(doc);
      const now = new Date();
      const updated = await store.commit(
        doc,
        user,
        {
          kind: 'status',
          changedFields: ['status'],
          set: {
            status: steps.publish.to,
            published: doc.working,
            publishedAt: now,
            firstPublishedAt: doc.firstPublishedAt ?? now,
          },
          unset: ['reviewNote', 'changesRequestedRevision'],
        },
        input.revision ?? doc.revision,
      );
      await audit(user, 'practice.published', updated, meta, { revision: updated.revision });
      await deps.announce.publish('practice.published', { ...practiceRef(updated), ...by(user) });
      return store.json(updated, caller);
    },

    async requestChanges(caller: Caller, id: string, body: unknown, meta: RequestMeta = {}): Promise<PracticeJson> {
      return decide(
        caller,
        id,
        body,
        { key: 'request-changes', kind: 'changes-requested', audit: 'practice.changes-requested' },
        meta,
      );
    },

    /** Rejecting a new revision of a published practice leaves the published text up. */
    async reject(caller: Caller, id: string, body: unknown, meta: RequestMeta = {}): Promise<PracticeJson> {
      return decide(caller, id, body, { key: 'reject', kind: 'rejected', audit: 'practice.rejected' }, meta);
    },

    /** Hidden from lists and search; members can still open it by its link. Only a practice that was published. */
    async archive(caller: Caller, id: string, body: unknown = {}, meta: RequestMeta = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorizeStep(caller, 'archive', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'status', changedFields: ['status'], set: { status: steps.archive.to } },
        input.revision ?? doc.revision,
      );
      await audit(user, 'practice.archived', updated, meta, { previousStatus: doc.status });
      return store.json(updated, caller);
    },

    /** Soft delete: the practice disappears for everyone but the curators and can be brought back. */
    async remove(caller: Caller, id: string, body: unknown = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.delete', doc);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const updated = await store.commit(
        doc,
        user,
        {
          kind: 'delete',
          changedFields: ['deleted'],
          set: { deleted: true, deletedAt: deps.now(), deletedBy: new Types.ObjectId(user.id) },
        },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },

    /**
     * Brings a deleted practice back: the curators at any time, the partner who deleted it within the undo
     * window (the policy's). Too late, that partner is told so rather than merely refused.
     */
    async undelete(caller: Caller, id: string, body: unknown = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      if (!doc.deleted && store.can(caller, 'practice.read-working', doc)) {
        throw new ConflictError('practices.error.not_deleted', 'not_deleted');
      }
      if (!store.can(caller, 'practice.undelete', doc) && caller && doc.deletedBy?.toHexString() === caller.id) {
        throw new ForbiddenError('practices.error.undo_expired');
      }
      store.authorize(caller, 'practice.undelete', doc);
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

    /**
     * The only way data leaves: an administrator removes a soft-deleted practice with its history,
     * thread and files. Audited with the title, since nothing else of it remains.
     */
    async purge(caller: Caller, id: string, meta: RequestMeta = {}): Promise<void> {
      const doc = await store.load(id);
      store.authorize(caller, 'practice.purge', doc);
      const user = signedIn(caller);
      if (!doc.deleted) throw new ConflictError('practices.error.purge_not_deleted', 'not_deleted');
      const erased = await store.erase(doc);
      if (!erased) return store.conflict(doc._id, caller);
      await audit(user, 'practice.purged', doc, meta, { ...erased, city: doc.city });
    },
  };
}
