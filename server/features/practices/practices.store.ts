import { Types } from 'mongoose';
import { ConflictError, NotFoundError, refusal } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Action, Can, PracticeStatus } from '../../lib/policy';
import type { AttachmentFiles } from './practices.attachments';
import type { PracticeContent, PracticeDoc, PracticeSnapshot, PracticesModels, RevisionKind } from './practices.model';
import { actorOf, practiceJson, resourceOf, type Caller, type PracticeJson } from './practices.view';

/**
 * The editor's revision is older than the stored one. The caller keeps what the person typed and can
 * show it next to `current` (the stored practice as this caller may see it).
 */
export class EditConflictError extends ConflictError {
  constructor(readonly current: PracticeJson) {
    super('practices.error.edited_meanwhile', 'edit_conflict');
  }
}

export type Change = {
  kind: RevisionKind;
  changedFields: string[];
  set?: Record<string, unknown>;
  unset?: readonly string[];
  note?: string | undefined;
  restoredFrom?: number | undefined;
};

export const snapshotOf = (doc: Pick<PracticeDoc, 'working' | 'city' | 'cityName' | 'country'>): PracticeSnapshot => {
  const { attachments, ...content } = doc.working;
  return {
    ...content,
    attachments: (attachments ?? []).map(({ text: _text, ...meta }) => meta),
    city: doc.city,
    cityName: doc.cityName,
    country: doc.country,
  };
};

type User = NonNullable<Caller>;

const READS = new Set<Action>(['practice.read', 'practice.read-working', 'practice.history']);

export type PracticeStore = ReturnType<typeof createPracticeStore>;

/** Loading, authorising and the one way every change is written. */
export function createPracticeStore(
  models: PracticesModels,
  deps: { can: Can; logger: Logger; files: Pick<AttachmentFiles, 'removeAll'> },
) {
  const { Practice, PracticeRevision } = models;

  const deny = (caller: Caller): never => {
    throw refusal(Boolean(caller));
  };

  /**
   * The practice named by an id from a URL. An id that cannot be an ObjectId names nothing: 404, not a
   * cast error.
   */
  async function load(id: string): Promise<PracticeDoc> {
    if (!/^[0-9a-fA-F]{24}$/.test(id)) throw new NotFoundError();
    const doc = await Practice.findById(id).lean<PracticeDoc>();
    if (!doc) throw new NotFoundError();
    return doc;
  }

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
   * A workflow step from a status it does not start from is a conflict (409) for those who can see the
   * working copy, and the usual refusal for everyone else.
   */
  function authorizeStep(caller: Caller, action: Action, doc: PracticeDoc, from: readonly PracticeStatus[]): void {
    if (!doc.deleted && !from.includes(doc.status) && can(caller, 'practice.read-working', doc)) {
      throw new ConflictError('practices.error.invalid_transition', 'invalid_transition');
    }
    authorize(caller, action, doc);
  }

  const json = (doc: PracticeDoc, caller: Caller) => practiceJson(doc, actorOf(caller), deps.can);

  async function conflict(id: Types.ObjectId, caller: Caller): Promise<never> {
    const current = await Practice.findById(id).lean<PracticeDoc>();
    if (!current) throw new NotFoundError();
    throw new EditConflictError(json(current, caller));
  }

  async function recordRevision(
    doc: PracticeDoc,
    by: Types.ObjectId,
    change: Pick<Change, 'kind' | 'changedFields' | 'note' | 'restoredFrom'>,
  ) {
    // The practice write above is the source of truth and has already happened: a failure here must not
    // turn a saved change into an error for the person. MongoDB offers no cross-document atomicity
    // without a replica set (the embedded server is standalone), so the history record follows the
    // write; if it fails it is logged, and the gap shows as a missing number in the history.
    try {
      await PracticeRevision.create({
        practiceId: doc._id,
        number: doc.revision,
        at: doc.updatedAt ?? new Date(),
        by,
        kind: change.kind,
        changedFields: change.changedFields,
        snapshot: snapshotOf(doc),
        status: doc.status,
        note: change.note,
        restoredFrom: change.restoredFrom,
      });
    } catch (err) {
      deps.logger.error(
        { err, practiceId: doc._id.toHexString(), revision: doc.revision },
        'practice revision record not written',
      );
    }
  }

  /**
   * Applies one change as a single-document write guarded by the revision it was based on, bumping
   * `revision` in the same write (the search outbox). Anything that moved the practice in between
   * makes this a conflict instead of overwriting it.
   */
  async function commit(
    doc: PracticeDoc,
    caller: User,
    change: Change,
    expectedRevision = doc.revision,
  ): Promise<PracticeDoc> {
    const by = new Types.ObjectId(caller.id);
    const unset = Object.fromEntries((change.unset ?? []).map((path) => [path, 1]));
    const updated = await Practice.findOneAndUpdate(
      { _id: doc._id, revision: expectedRevision },
      {
        $set: { ...change.set, updatedBy: by, searchPending: true },
        $inc: { revision: 1 },
        ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
      },
      { returnDocument: 'after', runValidators: true },
    ).lean<PracticeDoc>();
    if (!updated) return conflict(doc._id, caller);
    await recordRevision(updated, by, change);
    return updated;
  }

  /** Writes a new practice at revision 1 with its first history record. */
  async function insert(
    fields: {
      working: PracticeContent;
      published?: PracticeContent | undefined;
      status: PracticeStatus;
      location: { city: string; cityName: string; country: string };
      by: Types.ObjectId;
      dates?: Partial<
        Pick<PracticeDoc, 'submittedAt' | 'publishedAt' | 'firstPublishedAt' | 'reviewNote' | 'createdAt'>
      >;
      importKey?: string | undefined;
    },
    change: Pick<Change, 'changedFields' | 'note'>,
  ): Promise<PracticeDoc> {
    const created = await Practice.create({
      working: fields.working,
      published: fields.published,
      status: fields.status,
      ...fields.location,
      revision: 1,
      indexedRevision: 0,
      searchPending: true,
      deleted: false,
      createdBy: fields.by,
      updatedBy: fields.by,
      importKey: fields.importKey,
      ...fields.dates,
    });
    const doc = created.toObject() as PracticeDoc;
    await recordRevision(doc, fields.by, { kind: 'create', ...change });
    return doc;
  }

  /**
   * Removes a practice for good with its history, thread and every file any revision named. The delete
   * is guarded by the revision that was checked; false when the practice changed (or went) meanwhile.
   */
  async function erase(doc: PracticeDoc): Promise<{ revisions: number; files: number } | false> {
    const revisions = await PracticeRevision.find(
      { practiceId: doc._id },
      { 'snapshot.attachments.storedName': 1 },
    ).lean<{ snapshot?: { attachments?: { storedName: string }[] } }[]>();
    const storedNames = new Set([
      ...doc.working.attachments.map((a) => a.storedName),
      ...(doc.published?.attachments ?? []).map((a) => a.storedName),
      ...revisions.flatMap((r) => (r.snapshot?.attachments ?? []).map((a) => a.storedName)),
    ]);
    const removed = await Practice.deleteOne({ _id: doc._id, revision: doc.revision });
    if (removed.deletedCount !== 1) return false;
    await Promise.all([
      PracticeRevision.deleteMany({ practiceId: doc._id }),
      models.PracticeComment.deleteMany({ practiceId: doc._id }),
    ]);
    const kept = await deps.files.removeAll([...storedNames]);
    if (kept.length > 0)
      deps.logger.warn(
        { practiceId: doc._id.toHexString(), files: kept },
        'attachment files of an erased practice not removed',
      );
    return { revisions: revisions.length, files: storedNames.size };
  }

  return { load, can, authorize, authorizeStep, deny, json, commit, insert, conflict, recordRevision, erase };
}
