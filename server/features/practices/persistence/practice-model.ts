import { Schema, type Connection, type Types } from 'mongoose';
import { PENDING_FIELD, PENDING_INDEX } from '../../../lib/search-outbox';
import { modelOn } from '../../../lib/models';
import { PRACTICE_STATUSES, type PracticeStatus } from '../../../lib/policy';
import {
  createCommentThread,
  createRevisionLog,
  mongooseDefinition,
  snapshotContent,
  type VersionedRecord,
} from '../../../lib/versioned';
import type { Logger } from '../../../lib/logger';
import { ATTACHMENT_DEFINITION, PRACTICE_FIELDS, SNAPSHOT_TABLE, type Attachment, type PracticeContent } from '../domain/practice-fields';

/** An attachment taken off the working copy, kept (text and all) so that its remover can put it back for a while. */
export type RemovedAttachment = Attachment & { removedBy: Types.ObjectId; removedAt: Date };

export type PracticeDoc = VersionedRecord<PracticeStatus> & {
  /** The copy being edited; its workflow state is `status`. */
  working: PracticeContent;
  /** The copy the public reads, made at publish time; it stays up while a new revision is prepared. */
  published?: PracticeContent | undefined;
  city: string;
  cityName: string;
  country: string;
  deleted: boolean;
  deletedAt?: Date | undefined;
  deletedBy?: Types.ObjectId | undefined;
  /** Attachments removed within the undo window (older ones are dropped at the next removal). */
  removedAttachments?: RemovedAttachment[] | undefined;
  submittedAt?: Date | undefined;
  publishedAt?: Date | undefined;
  firstPublishedAt?: Date | undefined;
  /** The latest request-changes or reject reason. */
  reviewNote?: string | undefined;
  /**
   * The revision a reviewer asked changes on, kept until the practice is published or rejected: the
   * reviewer's desk marks the resubmission and shows what changed since.
   */
  changesRequestedRevision?: number | undefined;
  /** Set by imports (the demo seed) so running them again finds the practice instead of duplicating it. */
  importKey?: string | undefined;
};

export const REVISION_KINDS = ['create', 'edit', 'status', 'attachments', 'restore', 'delete', 'undelete'] as const;
export type RevisionKind = (typeof REVISION_KINDS)[number];

export const COMMENT_KINDS = ['comment', 'changes-requested', 'rejected'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** The working content (attachment text left out: the files are kept, so it can be extracted again) and the place. */
export type PracticeSnapshot = Omit<PracticeContent, 'attachments'> & {
  attachments: Omit<Attachment, 'text'>[];
  city: string;
  cityName: string;
  country: string;
};

export const snapshotOf = (doc: Pick<PracticeDoc, 'working' | 'city' | 'cityName' | 'country'>): PracticeSnapshot =>
  ({ ...snapshotContent(PRACTICE_FIELDS, doc.working), city: doc.city, cityName: doc.cityName, country: doc.country }) as PracticeSnapshot;

// The zod schemas are the validation users see; the limits derived here are the last line if a bug slips past them.
const contentSchema = new Schema<PracticeContent>(mongooseDefinition(PRACTICE_FIELDS), { _id: false });

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
    ...PENDING_FIELD,
    deleted: { type: Boolean, default: false },
    deletedAt: { type: Date },
    deletedBy: { type: Schema.Types.ObjectId },
    removedAttachments: {
      type: [{ ...ATTACHMENT_DEFINITION, removedBy: { type: Schema.Types.ObjectId, required: true }, removedAt: { type: Date, required: true } }],
      default: undefined,
    },
    createdBy: { type: Schema.Types.ObjectId, required: true },
    updatedBy: { type: Schema.Types.ObjectId, required: true },
    submittedAt: { type: Date },
    publishedAt: { type: Date },
    firstPublishedAt: { type: Date },
    reviewNote: { type: String, maxlength: 5000 },
    changesRequestedRevision: { type: Number, min: 1 },
    importKey: { type: String, maxlength: 200 },
  },
  { timestamps: true, collection: 'practices' },
);
practiceSchema.index(...PENDING_INDEX);
practiceSchema.index({ importKey: 1 }, { unique: true, sparse: true });
practiceSchema.index({ deleted: 1, status: 1, publishedAt: -1 });
practiceSchema.index({ city: 1, status: 1, updatedAt: -1 });
practiceSchema.index({ status: 1, submittedAt: 1 });

type UserNames = { findById(id: string): Promise<{ id: string; name: string } | null | undefined> };

/** The practices collection, its history and its review thread. */
export function practicesModels(connection: Connection, deps: { users: UserNames; logger: Logger }) {
  return {
    Practice: modelOn(connection, 'Practice', practiceSchema),
    revisions: createRevisionLog<PracticeSnapshot, PracticeStatus, RevisionKind>(connection, {
      model: 'PracticeRevision',
      collection: 'practice_revisions',
      recordKey: 'practiceId',
      kinds: REVISION_KINDS,
      statuses: PRACTICE_STATUSES,
      diffTable: SNAPSHOT_TABLE,
      users: deps.users,
      logger: deps.logger,
    }),
    thread: createCommentThread<CommentKind>(connection, {
      model: 'PracticeComment',
      collection: 'practice_comments',
      recordKey: 'practiceId',
      kinds: COMMENT_KINDS,
    }),
  };
}

export type PracticesModels = ReturnType<typeof practicesModels>;
