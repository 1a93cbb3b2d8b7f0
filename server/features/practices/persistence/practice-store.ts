import { Types } from 'mongoose';
import { ConflictError, NotFoundError, refusal } from '../../../lib/errors';
import type { Logger } from '../../../lib/logger';
import type { Action, Can, PracticeStatus } from '../../../lib/policy';
import { createVersionedStore, EditConflictError, type Change } from '../../../lib/versioned';
import type { PracticeContent } from '../domain/practice-fields';
import { PRACTICE_WORKFLOW, type PracticeStep } from '../domain/workflow';
import { actorOf, resourceOf, type Caller } from '../domain/access';
import { snapshotOf, type PracticeDoc, type PracticeSnapshot, type PracticesModels, type RevisionKind } from './practice-model';

export { EditConflictError };
export type PracticeChange = Change<RevisionKind>;
/** One step of an imported practice's history. */
export type ImportedStep = { kind: RevisionKind; status: PracticeStatus; by: Types.ObjectId; at: Date; changedFields: string[]; note?: string | undefined; snapshot: PracticeSnapshot };

type User = NonNullable<Caller>;

/** The file side of attachments that the store needs when a practice is erased. */
export type FileRemover = { removeAll(storedNames: readonly string[]): Promise<string[]> };

const READS = new Set<Action>(['practice.read', 'practice.read-working', 'practice.history']);



/** Loading, authorising and the one way every change is written (the versioned store underneath). */
export function createPracticeStore<Json extends { revision: number }>(
  models: PracticesModels,
  deps: {
    can: Can;
    logger: Logger;
    files: FileRemover;
    /** The practice as this caller may see it: what an edit conflict carries. */
    present: (doc: PracticeDoc, caller: Caller) => Json;
  },
) {
  const { Practice, revisions, thread } = models;
  const versioned = createVersionedStore<PracticeDoc, PracticeStatus, RevisionKind, ReturnType<typeof snapshotOf>>(Practice, {
    log: revisions,
    snapshotOf,
    createKind: 'create',
  });

  const deny = (caller: Caller): never => {
    throw refusal(Boolean(caller));
  };

  function can(caller: Caller, action: Action, doc: PracticeDoc): boolean {
    return deps.can(actorOf(caller), action as 'practice.read', resourceOf(doc));
  }

  function authorize(caller: Caller, action: Action, doc: PracticeDoc): void {
    if (can(caller, action, doc)) return;
    // To readers, a deleted practice is gone (an old link says "not found", not "sign in"); anything
    // that would act on it is refused like any other action.
    if (doc.deleted && READS.has(action) && !can(caller, 'practice.read-working', doc)) throw new NotFoundError();
    deny(caller);
  }

  /**
   * A workflow step from a state it does not start from is a conflict (409) for those who can see the
   * working copy, and the usual refusal for everyone else.
   */
  function authorizeStep(caller: Caller, step: PracticeStep, doc: PracticeDoc): void {
    if (!doc.deleted && !PRACTICE_WORKFLOW.startsFrom(step, doc) && can(caller, 'practice.read-working', doc)) {
      throw new ConflictError('practices.error.invalid_transition', 'invalid_transition');
    }
    authorize(caller, PRACTICE_WORKFLOW.steps[step].who, doc);
  }

  const json = (doc: PracticeDoc, caller: Caller): Json => deps.present(doc, caller);
  const conflictFor = (caller: Caller) => (current: PracticeDoc) => new EditConflictError(json(current, caller), 'practices.error.edited_meanwhile');

  return {
    load: versioned.load,
    can,
    authorize,
    authorizeStep,
    deny,
    json,

    conflict: (id: Types.ObjectId, caller: Caller): Promise<never> => versioned.conflict(id, conflictFor(caller)),

    /**
     * Applies one change as a single-document write guarded by the revision it was based on, bumping
     * `revision` in the same write (the search outbox). Anything that moved the practice in between
     * makes this a conflict instead of overwriting it.
     */
    commit: (doc: PracticeDoc, caller: User, change: PracticeChange, expectedRevision = doc.revision): Promise<PracticeDoc> =>
      versioned.commit(doc, new Types.ObjectId(caller.id), change, expectedRevision, conflictFor(caller)),

    /**
     * Writes a new practice at revision 1 with its first history record. An import may publish it in the
     * same write (its working copy is then the published one) and tags it with its import key.
     */
    insert(
      fields: {
        working: PracticeContent;
        status: PracticeStatus;
        location: { city: string; cityName: string; country: string };
        by: Types.ObjectId;
        importKey?: string | undefined;
      },
      change: Pick<PracticeChange, 'changedFields' | 'note'>,
    ): Promise<PracticeDoc> {
      const now = new Date();
      const publication = fields.status === 'published' ? { published: fields.working, publishedAt: now, firstPublishedAt: now } : {};
      const tag = fields.importKey ? { importKey: fields.importKey } : {};
      return versioned.insert({ working: fields.working, status: fields.status, ...fields.location, deleted: false, ...publication, ...tag }, fields.by, change);
    },

    /**
     * Writes an imported practice with the history it went through (the demo seed, migrations): the same
     * store, validation and history as every other write, only without the request-by-request workflow.
     */
    importPractice(values: Omit<Partial<PracticeDoc>, '_id' | 'revision' | 'indexedRevision'>, history: ImportedStep[]): Promise<PracticeDoc> {
      return versioned.importRecord(values, history);
    },

    /**
     * Removes a practice for good with its history, thread and every file any revision named. The delete
     * is guarded by the revision that was checked; false when the practice changed (or went) meanwhile.
     */
    async erase(doc: PracticeDoc): Promise<{ revisions: number; files: number } | false> {
      const snapshots = await revisions.snapshotParts<{ snapshot?: { attachments?: { storedName: string }[] } }>(doc._id, {
        'snapshot.attachments.storedName': 1,
      });
      const storedNames = new Set([
        ...doc.working.attachments.map((a) => a.storedName),
        ...(doc.published?.attachments ?? []).map((a) => a.storedName),
        ...(doc.removedAttachments ?? []).map((a) => a.storedName),
        ...snapshots.flatMap((r) => (r.snapshot?.attachments ?? []).map((a) => a.storedName)),
      ]);
      if (!(await versioned.erase(doc))) return false;
      await thread.removeAll(doc._id);
      const kept = await deps.files.removeAll([...storedNames]);
      if (kept.length > 0) deps.logger.warn({ practiceId: doc._id.toHexString(), files: kept }, 'attachment files of an erased practice not removed');
      return { revisions: snapshots.length, files: storedNames.size };
    },
  };
}
