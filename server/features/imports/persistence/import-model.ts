import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../../lib/models';

/**
 * An import is a job: the uploaded file's rows are stored, checked (the dry run) and written in the
 * background by the server process, so a request never waits for 10,000 practices. The job records its
 * status and counts; the page polls it.
 */
export const IMPORT_STATUSES = ['validating', 'validated', 'importing', 'rolling_back', 'imported', 'rolled_back', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];
/** Whose turn it is: the background worker's (a lease keeps two server processes off the same job). */
export const ACTIVE_STATUSES: readonly ImportStatus[] = ['validating', 'importing', 'rolling_back'];

export const IMPORT_MODES = ['all-or-nothing', 'accepted-only'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** pending → accepted | refused (dry run) → written | failed (import) → undone (all-or-nothing taken back). */
export const ROW_STATES = ['pending', 'accepted', 'refused', 'written', 'failed', 'undone'] as const;
export type RowState = (typeof ROW_STATES)[number];

export type ImportCounts = {
  total: number;
  accepted: number;
  refused: number;
  written: number;
  failed: number;
  undone: number;
  /** Rows the current phase has dealt with: the progress bar. */
  processed: number;
};

export type ImportJobDoc = {
  _id: Types.ObjectId;
  fileName: string;
  format: 'csv' | 'json';
  fileBytes: number;
  publish: boolean;
  status: ImportStatus;
  mode?: ImportMode | undefined;
  counts: ImportCounts;
  createdBy: Types.ObjectId;
  createdByName: string;
  createdByEmail: string;
  startedAt?: Date | undefined;
  finishedAt?: Date | undefined;
  /** Why a job failed as a whole (a translation key). */
  problem?: string | undefined;
  leaseUntil?: Date | undefined;
  createdAt: Date;
  updatedAt: Date;
};

/** Field messages as a list: field paths contain dots, which cannot be MongoDB keys. */
export type RowError = { field: string; messages: string[] };

export type ImportRowDoc = {
  _id: Types.ObjectId;
  jobId: Types.ObjectId;
  number: number;
  /** The row as an API body, as JSON text: keys come from the file and must never be read as operators. */
  input: string;
  state: RowState;
  problems: RowError[];
  title?: string | undefined;
  city?: string | undefined;
  cityName?: string | undefined;
  practiceId?: string | undefined;
};

const countsSchema = new Schema<ImportCounts>(
  {
    total: { type: Number, default: 0 },
    accepted: { type: Number, default: 0 },
    refused: { type: Number, default: 0 },
    written: { type: Number, default: 0 },
    failed: { type: Number, default: 0 },
    undone: { type: Number, default: 0 },
    processed: { type: Number, default: 0 },
  },
  { _id: false },
);

const jobSchema = new Schema<ImportJobDoc>(
  {
    fileName: { type: String, required: true, maxlength: 255 },
    format: { type: String, required: true, enum: ['csv', 'json'] },
    fileBytes: { type: Number, required: true, min: 0 },
    publish: { type: Boolean, required: true },
    status: { type: String, required: true, enum: IMPORT_STATUSES },
    mode: { type: String, enum: IMPORT_MODES },
    counts: { type: countsSchema, required: true },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    createdByName: { type: String, required: true },
    createdByEmail: { type: String, required: true },
    startedAt: { type: Date },
    finishedAt: { type: Date },
    problem: { type: String },
    leaseUntil: { type: Date },
  },
  { timestamps: true, collection: 'imports' },
);
jobSchema.index({ createdAt: -1 });
jobSchema.index({ status: 1, createdAt: 1 });

const rowSchema = new Schema<ImportRowDoc>(
  {
    jobId: { type: Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    input: { type: String, required: true },
    state: { type: String, required: true, enum: ROW_STATES },
    problems: { type: [{ _id: false, field: { type: String, required: true }, messages: { type: [String], default: [] } }], default: [] },
    title: { type: String },
    city: { type: String },
    cityName: { type: String },
    practiceId: { type: String },
  },
  { collection: 'import_rows' },
);
rowSchema.index({ jobId: 1, number: 1 }, { unique: true });
rowSchema.index({ jobId: 1, state: 1, number: 1 });

export function importModels(connection: Connection) {
  return {
    ImportJob: modelOn(connection, 'ImportJob', jobSchema),
    ImportRow: modelOn(connection, 'ImportRow', rowSchema),
  };
}
