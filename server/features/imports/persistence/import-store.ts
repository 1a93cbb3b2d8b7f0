import { trusted, type Connection, type Types } from 'mongoose';
import { isObjectIdText } from '../../../lib/versioned';
import {
  ACTIVE_STATUSES,
  importModels,
  ROW_STATES,
  type ImportCounts,
  type ImportJobDoc,
  type ImportRowDoc,
  type RowError,
  type RowState,
} from './import-model';

const LEASE_MS = 60_000;
const INSERT_BATCH = 1000;

export type NewRow = { number: number; input: unknown; problems: RowError[] };
export type RowPatch = Partial<Pick<ImportRowDoc, 'state' | 'problems' | 'title' | 'city' | 'cityName' | 'practiceId'>>;

/** The only code that touches the imports' collections. */
export function createImportStore(connection: Connection) {
  const { ImportJob, ImportRow } = importModels(connection);

  return {
    async createJob(fields: Omit<ImportJobDoc, '_id' | 'createdAt' | 'updatedAt' | 'counts' | 'status'>, total: number): Promise<ImportJobDoc> {
      const counts: ImportCounts = { total, accepted: 0, refused: 0, written: 0, failed: 0, undone: 0, processed: 0 };
      // Written as not yet runnable: the worker must not pick the job before all its rows are stored.
      const created = await ImportJob.create({ ...fields, counts, status: 'validating', leaseUntil: new Date(8.64e15) });
      return created.toObject();
    },

    async insertRows(jobId: Types.ObjectId, rows: readonly NewRow[]): Promise<void> {
      for (let i = 0; i < rows.length; i += INSERT_BATCH) {
        const batch = rows.slice(i, i + INSERT_BATCH).map((row) => ({
          jobId,
          number: row.number,
          input: JSON.stringify(row.input),
          state: 'pending' as const,
          problems: row.problems,
        }));
        await ImportRow.insertMany(batch, { ordered: true, lean: true });
      }
    },

    async releaseJob(jobId: Types.ObjectId): Promise<void> {
      await ImportJob.updateOne({ _id: jobId }, { $unset: { leaseUntil: 1 } });
    },

    async removeJob(jobId: Types.ObjectId): Promise<void> {
      await ImportRow.deleteMany({ jobId });
      await ImportJob.deleteOne({ _id: jobId });
    },

    async findJob(id: string): Promise<ImportJobDoc | undefined> {
      if (!isObjectIdText(id)) return undefined;
      return (await ImportJob.findById(id).lean<ImportJobDoc>()) ?? undefined;
    },

    async recentJobs(limit: number): Promise<ImportJobDoc[]> {
      return ImportJob.find({}).sort({ createdAt: -1, _id: -1 }).limit(limit).lean<ImportJobDoc[]>();
    },

    /** Takes the oldest job with work to do whose lease is free (none, or run out: its process died). */
    async claimJob(): Promise<ImportJobDoc | undefined> {
      const now = new Date();
      const job = await ImportJob.findOneAndUpdate(
        // sanitizeFilter is on: each of our own operators is marked as trusted.
        {
          status: trusted({ $in: [...ACTIVE_STATUSES] }),
          $or: [{ leaseUntil: trusted({ $exists: false }) }, { leaseUntil: null }, { leaseUntil: trusted({ $lt: now }) }],
        },
        { $set: { leaseUntil: new Date(now.getTime() + LEASE_MS) } },
        { sort: { createdAt: 1, _id: 1 }, returnDocument: 'after' },
      ).lean<ImportJobDoc>();
      return job ?? undefined;
    },

    /** Moves a job on and renews its lease; `from` guards against a change made meanwhile (e.g. by a second click). */
    async updateJob(jobId: Types.ObjectId, set: Record<string, unknown>, options: { from?: readonly string[]; release?: boolean } = {}): Promise<ImportJobDoc | undefined> {
      const filter: Record<string, unknown> = options.from ? { _id: jobId, status: trusted({ $in: [...options.from] }) } : { _id: jobId };
      const lease = options.release ? { $unset: { leaseUntil: 1 } } : {};
      const leaseSet = options.release ? {} : { leaseUntil: new Date(Date.now() + LEASE_MS) };
      const job = await ImportJob.findOneAndUpdate(filter, { $set: { ...set, ...leaseSet }, ...lease }, { returnDocument: 'after' }).lean<ImportJobDoc>();
      return job ?? undefined;
    },

    async rowsIn(jobId: Types.ObjectId, state: RowState, afterNumber: number, limit: number): Promise<ImportRowDoc[]> {
      return ImportRow.find({ jobId, state, number: trusted({ $gt: afterNumber }) })
        .sort({ number: 1 })
        .limit(limit)
        .lean<ImportRowDoc[]>();
    },

    async updateRow(rowId: Types.ObjectId, patch: RowPatch): Promise<void> {
      await ImportRow.updateOne({ _id: rowId }, { $set: patch });
    },

    async setRowsState(jobId: Types.ObjectId, from: RowState, to: RowState): Promise<number> {
      const result = await ImportRow.updateMany({ jobId, state: from }, { $set: { state: to } });
      return result.modifiedCount;
    },

    /** How many rows are in each state (counted, so a resumed job's counts are true). */
    async countRows(jobId: Types.ObjectId): Promise<Record<RowState, number>> {
      const entries = await Promise.all(ROW_STATES.map(async (state) => [state, await ImportRow.countDocuments({ jobId, state })] as const));
      return Object.fromEntries(entries) as Record<RowState, number>;
    },

    async rowsPage(jobId: Types.ObjectId, states: readonly RowState[] | undefined, page: number, perPage: number): Promise<{ rows: ImportRowDoc[]; total: number }> {
      const filter: Record<string, unknown> = states ? { jobId, state: trusted({ $in: [...states] }) } : { jobId };
      const [rows, total] = await Promise.all([
        ImportRow.find(filter)
          .sort({ number: 1 })
          .skip((page - 1) * perPage)
          .limit(perPage)
          .lean<ImportRowDoc[]>(),
        ImportRow.countDocuments(filter),
      ]);
      return { rows, total };
    },
  };
}

export type ImportStore = ReturnType<typeof createImportStore>;
