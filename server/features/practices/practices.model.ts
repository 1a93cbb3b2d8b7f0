import { Schema, type Connection, type Types } from 'mongoose';
import { modelOn } from '../../lib/models';
import { PRACTICE_STATUSES, type PracticeStatus } from '../../lib/policy';
import { PRACTICE_LANGUAGES, type PracticeLanguage } from './practices.data';

export type Period = { startYear?: number | undefined; endYear?: number | undefined; ongoing: boolean };
export type Budget = { amountEur?: number | undefined; fundingSources?: string | undefined };
export type Indicator = { name: string; baseline?: number | undefined; value: number; unit: string; year: number };
export type SourceLink = { title: string; url: string };
export type Contact = { name?: string | undefined; organisation?: string | undefined; email?: string | undefined };

export type Attachment = {
  id: string;
  storedName: string;
  originalName: string;
  mimeType: string;
  extension?: string | undefined;
  size: number;
  sha256: string;
  /** Extracted for search only: never sent to a client, which gets a `hasText` flag instead. */
  text: string;
  uploadedBy: Types.ObjectId;
  uploadedAt: Date;
};

/** What authors write. Drafts may leave most of it empty; submission requires the mandatory fields. */
export type PracticeContent = {
  title: string;
  summary: string;
  themes: string[];
  targetGroups: string[];
  period: Period;
  budget: Budget;
  stakeholders: string;
  description: string;
  results: string;
  transferability: string;
  lessons: string;
  indicators: Indicator[];
  sources: SourceLink[];
  contact: Contact;
  language?: PracticeLanguage | undefined;
  event?: string | undefined;
  attachments: Attachment[];
};

export const CONTENT_FIELDS = [
  'title', 'summary', 'themes', 'targetGroups', 'period', 'budget', 'stakeholders', 'description', 'results',
  'transferability', 'lessons', 'indicators', 'sources', 'contact', 'language', 'event', 'attachments',
] as const satisfies readonly (keyof PracticeContent)[]; // prettier-ignore
export type ContentField = (typeof CONTENT_FIELDS)[number];

export type PracticeDoc = {
  _id: Types.ObjectId;
  /** The copy being edited; its workflow state is `status`. */
  working: PracticeContent;
  /** The copy the public reads, made at publish time; it stays up while a new revision is prepared. */
  published?: PracticeContent | undefined;
  status: PracticeStatus;
  city: string;
  cityName: string;
  country: string;
  /** Bumped in the same single-document write as every change: the search outbox (issue 5). */
  revision: number;
  /** Set by the search sync only. */
  indexedRevision: number;
  /**
   * True from a change until the sync has indexed that revision: set in the same write as `revision`,
   * so the sync finds pending practices through an index instead of comparing two fields of every one.
   */
  searchPending?: boolean | undefined;
  deleted: boolean;
  deletedAt?: Date | undefined;
  deletedBy?: Types.ObjectId | undefined;
  createdBy: Types.ObjectId;
  updatedBy: Types.ObjectId;
  submittedAt?: Date | undefined;
  publishedAt?: Date | undefined;
  firstPublishedAt?: Date | undefined;
  /** The latest request-changes or reject reason. */
  reviewNote?: string | undefined;
  /** Set by imports (the demo seed) so running them again finds the practice instead of duplicating it. */
  importKey?: string | undefined;
  createdAt: Date;
  updatedAt: Date;
};

export const REVISION_KINDS = ['create', 'edit', 'status', 'attachments', 'restore', 'delete', 'undelete'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

/** The working content (attachment text left out: the files are kept, so it can be extracted again) and the place. */
export type PracticeSnapshot = Omit<PracticeContent, 'attachments'> & {
  attachments: Omit<Attachment, 'text'>[];
  city: string;
  cityName: string;
  country: string;
};

export type RevisionDoc = {
  _id: Types.ObjectId;
  practiceId: Types.ObjectId;
  /** The practice's `revision` after this change. */
  number: number;
  at: Date;
  by: Types.ObjectId;
  kind: RevisionKind;
  changedFields: string[];
  snapshot: PracticeSnapshot;
  status: PracticeStatus;
  note?: string | undefined;
  /** For a restore: the revision whose content was brought back. */
  restoredFrom?: number | undefined;
};

export const COMMENT_KINDS = ['comment', 'changes-requested', 'rejected'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export type CommentDoc = {
  _id: Types.ObjectId;
  practiceId: Types.ObjectId;
  at: Date;
  by: Types.ObjectId;
  authorName: string;
  role: string;
  kind: CommentKind;
  body: string;
};

const year = { type: Number, min: 1990, max: 2100 };

const attachmentSchema = new Schema<Attachment>(
  {
    id: { type: String, required: true },
    storedName: { type: String, required: true },
    originalName: { type: String, required: true, maxlength: 255 },
    mimeType: { type: String, required: true },
    extension: { type: String },
    size: { type: Number, required: true, min: 0 },
    sha256: { type: String, required: true },
    text: { type: String, default: '' },
    uploadedBy: { type: Schema.Types.ObjectId, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { _id: false },
);

// The zod schemas are the validation users see; these limits are the last line if a bug slips past them.
const contentSchema = new Schema<PracticeContent>(
  {
    title: { type: String, required: true, minlength: 5, maxlength: 200 },
    summary: { type: String, default: '', maxlength: 600 },
    themes: { type: [String], default: [] },
    targetGroups: { type: [String], default: [] },
    period: {
      startYear: year,
      endYear: year,
      ongoing: { type: Boolean, default: false },
    },
    budget: {
      amountEur: { type: Number, min: 0 },
      fundingSources: { type: String, maxlength: 500 },
    },
    stakeholders: { type: String, default: '', maxlength: 1000 },
    description: { type: String, default: '', maxlength: 20000 },
    results: { type: String, default: '', maxlength: 20000 },
    transferability: { type: String, default: '', maxlength: 20000 },
    lessons: { type: String, default: '', maxlength: 20000 },
    indicators: {
      type: [
        new Schema<Indicator>(
          {
            name: { type: String, required: true, maxlength: 120 },
            baseline: { type: Number },
            value: { type: Number, required: true },
            unit: { type: String, required: true, maxlength: 40 },
            year: { ...year, required: true },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    sources: {
      type: [
        new Schema<SourceLink>(
          {
            title: { type: String, required: true, maxlength: 200 },
            url: { type: String, required: true, match: /^https?:\/\//i },
          },
          { _id: false },
        ),
      ],
      default: [],
    },
    contact: {
      name: { type: String, maxlength: 200 },
      organisation: { type: String, maxlength: 200 },
      email: { type: String, maxlength: 254 },
    },
    language: { type: String, enum: PRACTICE_LANGUAGES },
    event: { type: String },
    attachments: { type: [attachmentSchema], default: [] },
  },
  { _id: false },
);

const practiceSchema = new Schema<PracticeDoc>(
  {
    working: { type: contentSchema, required: true },
    published: { type: contentSchema },
    status: { type: String, required: true, enum: PRACTICE_STATUSES },
    city: { type: String, required: true },
    cityName: { type: String, required: true },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
    revision: { type: Number, required: true, default: 1, min: 1 },
    indexedRevision: { type: Number, default: 0 },
    searchPending: { type: Boolean, default: true },
    deleted: { type: Boolean, default: false },
    deletedAt: { type: Date },
    deletedBy: { type: Schema.Types.ObjectId },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    updatedBy: { type: Schema.Types.ObjectId, required: true },
    submittedAt: { type: Date },
    publishedAt: { type: Date },
    firstPublishedAt: { type: Date },
    reviewNote: { type: String, maxlength: 5000 },
    importKey: { type: String, maxlength: 200 },
  },
  { timestamps: true, collection: 'practices' },
);
practiceSchema.index({ importKey: 1 }, { unique: true, sparse: true });
practiceSchema.index({ deleted: 1, status: 1, publishedAt: -1 });
practiceSchema.index({ city: 1, status: 1, updatedAt: -1 });
practiceSchema.index({ status: 1, submittedAt: 1 });
practiceSchema.index({ searchPending: 1, updatedAt: 1 });

const revisionSchema = new Schema<RevisionDoc>(
  {
    practiceId: { type: Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, required: true, enum: REVISION_KINDS },
    changedFields: { type: [String], default: [] },
    snapshot: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true, enum: PRACTICE_STATUSES },
    note: { type: String, maxlength: 5000 },
    restoredFrom: { type: Number },
  },
  { collection: 'practice_revisions' },
);
revisionSchema.index({ practiceId: 1, number: 1 }, { unique: true });

const commentSchema = new Schema<CommentDoc>(
  {
    practiceId: { type: Schema.Types.ObjectId, required: true },
    at: { type: Date, required: true },
    by: { type: Schema.Types.ObjectId, required: true },
    authorName: { type: String, required: true },
    role: { type: String, required: true },
    kind: { type: String, required: true, enum: COMMENT_KINDS },
    body: { type: String, required: true, maxlength: 5000 },
  },
  { collection: 'practice_comments' },
);
commentSchema.index({ practiceId: 1, at: 1 });

export function practicesModels(connection: Connection) {
  return {
    Practice: modelOn(connection, 'Practice', practiceSchema),
    PracticeRevision: modelOn(connection, 'PracticeRevision', revisionSchema),
    PracticeComment: modelOn(connection, 'PracticeComment', commentSchema),
  };
}

export type PracticesModels = ReturnType<typeof practicesModels>;
