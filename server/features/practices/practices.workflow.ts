import { Types } from 'mongoose';
import { ConflictError, ValidationError } from '../../lib/errors';
import type { PracticeStatus } from '../../lib/policy';
import type { AuditAction } from '../audit/audit.model';
import type { User } from '../users/users.service';
import { missingForSubmission } from './practices.content';
import type { PracticesContext, RequestMeta } from './practices.context';
import { signedIn } from './practices.editing';
import type { CommentKind, PracticeDoc } from './practices.model';
import { actionInput, parseInput, reasonInput } from './practices.schema';
import type { Caller, PracticeJson } from './practices.view';

const EDITABLE_BY_AUTHORS: readonly PracticeStatus[] = ['draft', 'changes_requested'];
const NOT_ARCHIVED: readonly PracticeStatus[] = ['draft', 'submitted', 'changes_requested', 'published', 'rejected'];

function assertComplete(doc: PracticeDoc): void {
  const missing = missingForSubmission(doc);
  if (Object.keys(missing).length > 0) throw new ValidationError('practices.error.incomplete', missing);
}

export function workflow(ctx: PracticesContext) {
  const { models, store, deps } = ctx;

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

  /** A review comment in the practice's thread; the practice itself does not change. */
  async function addThreadEntry(doc: PracticeDoc, user: User, kind: CommentKind, body: string): Promise<void> {
    await models.PracticeComment.create({
      practiceId: doc._id,
      at: new Date(),
      by: new Types.ObjectId(user.id),
      authorName: user.name,
      role: user.role,
      kind,
      body,
    });
  }

  /** A reviewer's decision that goes back to the authors with its reason, in the thread and in the audit log. */
  async function decide(
    caller: Caller,
    id: string,
    body: unknown,
    step: { status: PracticeStatus; kind: CommentKind; audit: AuditAction; from: readonly PracticeStatus[] },
    meta: RequestMeta,
  ): Promise<PracticeJson> {
    const doc = await store.load(id);
    store.authorizeStep(caller, 'practice.review', doc, step.from);
    const user = signedIn(caller);
    const input = parseInput(reasonInput, body);
    const updated = await store.commit(
      doc,
      user,
      {
        kind: 'status',
        changedFields: ['status'],
        set: { status: step.status, reviewNote: input.reason },
        note: input.reason,
      },
      input.revision ?? doc.revision,
    );
    await addThreadEntry(updated, user, step.kind, input.reason);
    await audit(user, step.audit, updated, meta, { reason: input.reason });
    return store.json(updated, caller);
  }

  return {
    addThreadEntry,

    /** Sends the working copy for review; every mandatory field must be filled in. */
    async submit(caller: Caller, id: string, body: unknown = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorizeStep(caller, 'practice.submit', doc, EDITABLE_BY_AUTHORS);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      assertComplete(doc);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'status', changedFields: ['status'], set: { status: 'submitted', submittedAt: new Date() } },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },

    /**
     * Makes the working copy the published one. From `submitted`, or `archived` to bring a practice back.
     * The copy is taken from the very revision that was checked: a change in between is a conflict.
     */
    async publish(caller: Caller, id: string, body: unknown = {}, meta: RequestMeta = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorizeStep(caller, 'practice.review', doc, ['submitted', 'archived']);
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
            status: 'published',
            published: doc.working,
            publishedAt: now,
            firstPublishedAt: doc.firstPublishedAt ?? now,
          },
          unset: ['reviewNote'],
        },
        input.revision ?? doc.revision,
      );
      await audit(user, 'practice.published', updated, meta, { revision: updated.revision });
      return store.json(updated, caller);
    },

    async requestChanges(caller: Caller, id: string, body: unknown, meta: RequestMeta = {}): Promise<PracticeJson> {
      return decide(
        caller,
        id,
        body,
        {
          status: 'changes_requested',
          kind: 'changes-requested',
          audit: 'practice.changes-requested',
          from: ['submitted'],
        },
        meta,
      );
    },

    /** Rejecting a new revision of a published practice leaves the published text up. */
    async reject(caller: Caller, id: string, body: unknown, meta: RequestMeta = {}): Promise<PracticeJson> {
      return decide(
        caller,
        id,
        body,
        { status: 'rejected', kind: 'rejected', audit: 'practice.rejected', from: ['submitted', 'changes_requested'] },
        meta,
      );
    },

    /** Hidden from lists and search; members can still open a published one by its link. */
    async archive(caller: Caller, id: string, body: unknown = {}, meta: RequestMeta = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
      store.authorizeStep(caller, 'practice.archive', doc, NOT_ARCHIVED);
      const user = signedIn(caller);
      const input = parseInput(actionInput, body);
      const updated = await store.commit(
        doc,
        user,
        { kind: 'status', changedFields: ['status'], set: { status: 'archived' } },
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
          set: { deleted: true, deletedAt: new Date(), deletedBy: new Types.ObjectId(user.id) },
        },
        input.revision ?? doc.revision,
      );
      return store.json(updated, caller);
    },

    async undelete(caller: Caller, id: string, body: unknown = {}): Promise<PracticeJson> {
      const doc = await store.load(id);
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
