import { Schema, Types, type Connection } from 'mongoose';
import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import { modelOn } from '../models';
import type { FieldTable } from './field-table';
import { diffVersions, type FieldDiff } from './fields-diff';

/**
 * A record's history: one document per revision with a snapshot of the content, who made it and why.
 * History is never rewritten: a restore brings an old snapshot back as a new revision.
 */
export type RevisionEntry<Snap, S extends string, K extends string> = {
  _id: Types.ObjectId;
  recordId: Types.ObjectId;
  /** The record's `revision` after this change. */
  number: number;
  at: Date;
  by: Types.ObjectId;
  kind: K;
  changedFields: string[];
  snapshot: Snap;
  status: S;
  note?: string | undefined;
  /** For a restore: the revision whose content was brought back. */
  restoredFrom?: number | undefined;
};

export type RevisionSummary<S extends string, K extends string> = {
  number: number;
  at: Date;
  by: string;
  byName: string | undefined;
  kind: K;
  changedFields: string[];
  status: S;
  note: string | undefined;
  restoredFrom: number | undefined;
};
export type Revision<Snap, S extends string, K extends string> = RevisionSummary<S, K> & { snapshot: Snap };
export type RevisionDiff<S extends string, K extends string> = { from: RevisionSummary<S, K>; to: RevisionSummary<S, K>; fields: FieldDiff[] };

export type NewRevision<Snap, S extends string, K extends string> = Omit<RevisionEntry<Snap, S, K>, '_id'>;

type UserNames = { findById(id: string): Promise<{ id: string; name: string } | null | undefined> };

export type RevisionLogOptions<S extends string, K extends string> = {
  /** Model name and collection of the history (e.g. PracticeRevision, practice_revisions). */
  model: string;
  collection: string;
  /** The field naming the record in stored entries (e.g. practiceId). */
  recordKey: string;
  kinds: readonly K[];
  statuses: readonly S[];
  /** Snapshot fields and how they compare (content and any record facts kept with it). */
  diffTable: FieldTable;
  users: UserNames;
  logger: Logger;
};

export type RevisionLog<Snap, S extends string, K extends string> = ReturnType<typeof createRevisionLog<Snap, S, K>>;

export function createRevisionLog<Snap, S extends string, K extends string>(connection: Connection, options: RevisionLogOptions<S, K>) {
  const key = options.recordKey;
  const schema = new Schema(
    {
      [key]: { type: Schema.Types.ObjectId, required: true },
      number: { type: Number, required: true },
      at: { type: Date, required: true },
      by: { type: Schema.Types.ObjectId, required: true },
      kind: { type: String, required: true, enum: options.kinds },
      changedFields: { type: [String], default: [] },
      snapshot: { type: Schema.Types.Mixed, required: true },
      status: { type: String, required: true, enum: options.statuses },
      note: { type: String, maxlength: 5000 },
      restoredFrom: { type: Number },
    },
    { collection: options.collection },
  );
  schema.index({ [key]: 1, number: 1 }, { unique: true });
  const Model = modelOn(connection, options.model, schema);

  type Entry = RevisionEntry<Snap, S, K>;
  type Stored = Omit<Entry, 'recordId'> & Record<string, unknown>;
  const toStored = (entry: NewRevision<Snap, S, K>) => {
    const { recordId, ...rest } = entry;
    return { ...rest, [key]: recordId };
  };
  const fromStored = (doc: Stored): Entry => ({ ...doc, recordId: doc[key] as Types.ObjectId });

  async function names(entries: Entry[]): Promise<Map<string, string>> {
    const ids = [...new Set(entries.map((d) => d.by.toHexString()))];
    const users = await Promise.all(ids.map((id) => options.users.findById(id)));
    return new Map(users.flatMap((u) => (u ? [[u.id, u.name] as const] : [])));
  }

  const summary = (doc: Entry, byName: Map<string, string>): RevisionSummary<S, K> => ({
    number: doc.number,
    at: doc.at,
    by: doc.by.toHexString(),
    byName: byName.get(doc.by.toHexString()),
    kind: doc.kind,
    changedFields: doc.changedFields,
    status: doc.status,
    note: doc.note,
    restoredFrom: doc.restoredFrom,
  });

  async function find(recordId: Types.ObjectId, number: number): Promise<Entry> {
    const doc = await Model.findOne({ [key]: recordId, number }).lean<Stored>();
    if (!doc) throw new NotFoundError();
    return fromStored(doc);
  }

  return {
    Model,

    /**
     * Records a change that has already been written. The record is the source of truth: a failure here
     * must not turn a saved change into an error for the person. MongoDB offers no cross-document
     * atomicity without a replica set, so the history record follows the write; if it fails it is
     * logged, and the gap shows as a missing number in the history.
     */
    async record(entry: NewRevision<Snap, S, K>): Promise<void> {
      try {
        await Model.create(toStored(entry));
      } catch (err) {
        options.logger.error({ err, recordId: entry.recordId.toHexString(), revision: entry.number }, 'revision record not written');
      }
    },

    /** Writes a whole history at once (imports), after the record itself: a failure is logged like record()'s. */
    async insertMany(entries: NewRevision<Snap, S, K>[]): Promise<void> {
      try {
        await Model.insertMany(entries.map(toStored));
      } catch (err) {
        options.logger.error({ err, recordId: entries[0]?.recordId.toHexString() }, 'imported history not written');
      }
    },

    find,

    /** The history, newest first, without the snapshots. */
    async list(recordId: Types.ObjectId): Promise<RevisionSummary<S, K>[]> {
      const docs = (await Model.find({ [key]: recordId }, { snapshot: 0 }).sort({ number: -1 }).lean<Stored[]>()).map(fromStored);
      const byName = await names(docs);
      return docs.map((d) => summary(d, byName));
    },

    async get(recordId: Types.ObjectId, number: number): Promise<Revision<Snap, S, K>> {
      const revision = await find(recordId, number);
      return { ...summary(revision, await names([revision])), snapshot: revision.snapshot };
    },

    /** What changed from revision `a` to revision `b` (either order), field by field. */
    async diff(recordId: Types.ObjectId, a: number, b: number): Promise<RevisionDiff<S, K>> {
      const [from, to] = await Promise.all([find(recordId, a), find(recordId, b)]);
      const byName = await names([from, to]);
      return {
        from: summary(from, byName),
        to: summary(to, byName),
        fields: diffVersions(options.diffTable, from.snapshot as object, to.snapshot as object),
      };
    },

    /** Parts of every snapshot (e.g. the files they name), for erasing a record for good. */
    async snapshotParts<P>(recordId: Types.ObjectId, projection: Record<string, 1>): Promise<P[]> {
      return Model.find({ [key]: recordId }, projection).lean<P[]>();
    },

    async removeAll(recordId: Types.ObjectId): Promise<void> {
      await Model.deleteMany({ [key]: recordId });
    },
  };
}
