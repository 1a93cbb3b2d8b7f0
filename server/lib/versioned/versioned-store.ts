import { Types, type Model } from 'mongoose';
import { ConflictError, NotFoundError } from '../errors';
import { markPending, newlyPending } from '../search-outbox/outbox-source';
import type { NewRevision, RevisionLog } from './revision-log';

/** What every versioned record stores beside its content. */
export type VersionedRecord<S extends string> = {
  _id: Types.ObjectId;
  status: S;
  /** Bumped in the same single-document write as every change: the optimistic lock and the search outbox. */
  revision: number;
  /** Set by the search sync only. */
  indexedRevision: number;
  /** While the newest revision waits for the search index (see markPending). */
  pendingSince?: Date | undefined;
  createdBy: Types.ObjectId;
  updatedBy: Types.ObjectId;
  createdAt: Date;
  updatedAt: Date;
};

export type Change<K extends string> = {
  kind: K;
  changedFields: string[];
  set?: Record<string, unknown>;
  unset?: readonly string[];
  note?: string | undefined;
  restoredFrom?: number | undefined;
};

/**
 * The editor's revision is older than the stored one. The caller keeps what the person typed and can
 * show it next to `current` (the stored record as this caller may see it).
 */
export class EditConflictError<T = unknown> extends ConflictError {
  constructor(
    readonly current: T,
    message: string,
  ) {
    super(message, 'edit_conflict');
  }
}

/** An id from a URL that cannot be an ObjectId names nothing: 404, not a cast error. */
export const isObjectIdText = (id: string) => /^[0-9a-fA-F]{24}$/.test(id);

export type VersionedStore<Doc extends VersionedRecord<S>, S extends string, K extends string> = ReturnType<
  typeof createVersionedStore<Doc, S, K, unknown>
>;

/**
 * Loading and the one way every change to a versioned record is written: a single-document write
 * guarded by the revision it was based on (optimistic concurrency), bumping `revision` in the same write,
 * followed by its history entry. Anything that moved the record in between is a conflict, never an overwrite.
 */
export function createVersionedStore<Doc extends VersionedRecord<S>, S extends string, K extends string, Snap>(
  model: Model<Doc>,
  options: {
    log: RevisionLog<Snap, S, K>;
    /** The snapshot the history keeps of a record. */
    snapshotOf: (doc: Doc) => Snap;
    /** The revision kind of a record's first version. */
    createKind: K;
  },
) {
  const { log } = options;
  // Mongoose's typings cannot follow a generic document type through queries; the shape is VersionedRecord.
  const records = model as unknown as Model<VersionedRecord<string>>;

  async function load(id: string): Promise<Doc> {
    if (!isObjectIdText(id)) throw new NotFoundError();
    const doc = await model.findById(id).lean<Doc>();
    if (!doc) throw new NotFoundError();
    return doc;
  }

  /** The stored record after a lost race: 404 if it went, else what `conflict` makes of it. */
  async function conflict(id: Types.ObjectId, toError: (current: Doc) => Error): Promise<never> {
    const current = await model.findById(id).lean<Doc>();
    if (!current) throw new NotFoundError();
    throw toError(current);
  }

  const entry = (doc: Doc, by: Types.ObjectId, change: Pick<Change<K>, 'kind' | 'changedFields' | 'note' | 'restoredFrom'>) => ({
    recordId: doc._id,
    number: doc.revision,
    at: doc.updatedAt ?? new Date(),
    by,
    kind: change.kind,
    changedFields: change.changedFields,
    snapshot: options.snapshotOf(doc),
    status: doc.status,
    note: change.note,
    restoredFrom: change.restoredFrom,
  });

  return {
    load,
    conflict,

    /** Applies one change if the record is still at `expectedRevision`; otherwise throws what `toError` makes of the stored one. */
    async commit(doc: Doc, by: Types.ObjectId, change: Change<K>, expectedRevision: number, toError: (current: Doc) => Error): Promise<Doc> {
      const unset = Object.fromEntries((change.unset ?? []).map((path) => [path, 1]));
      const updated = await records
        .findOneAndUpdate(
          { _id: doc._id, revision: expectedRevision },
          {
            $set: { ...change.set, updatedBy: by },
            $inc: { revision: 1 },
            ...markPending(),
            ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
          },
          { returnDocument: 'after', runValidators: true },
        )
        .lean<Doc>();
      if (!updated) return conflict(doc._id, toError);
      await log.record(entry(updated, by, change));
      return updated;
    },

    /** Writes a new record at revision 1 with its first history entry. */
    async insert(values: Record<string, unknown>, by: Types.ObjectId, change: Pick<Change<K>, 'changedFields' | 'note'>): Promise<Doc> {
      const created = await records.create({ ...values, revision: 1, ...newlyPending(), createdBy: by, updatedBy: by });
      const doc = created.toObject() as unknown as Doc;
      await log.record(entry(doc, by, { kind: options.createKind, ...change }));
      return doc;
    },

    /**
     * Writes a record that comes with its history (an import): at revision `history.length`, one entry
     * per step, each with the snapshot it had then. Validated like any write; never over an existing record.
     */
    async importRecord(values: Record<string, unknown>, history: Omit<NewRevision<Snap, S, K>, 'recordId' | 'number'>[]): Promise<Doc> {
      const last = history[history.length - 1];
      if (!last) throw new Error('an imported record needs at least its first revision');
      const created = await records.create({ ...values, revision: history.length,
        // Waiting for the index from now: the history's dates are the record's past, not this write's.
        ...newlyPending(),
        createdBy: history[0]!.by, updatedBy: last.by });
      const doc = created.toObject() as unknown as Doc;
      await log.insertMany(history.map((entry, i) => ({ ...entry, recordId: doc._id, number: i + 1 })));
      return doc;
    },

    /**
     * Removes a record for good, guarded by the revision that was checked, with its history; false when
     * it changed (or went) meanwhile. The caller removes what else hangs on it (thread, files).
     */
    async erase(doc: Doc): Promise<boolean> {
      const removed = await records.deleteOne({ _id: doc._id, revision: doc.revision });
      if (removed.deletedCount !== 1) return false;
      await log.removeAll(doc._id);
      return true;
    },
  };
}
